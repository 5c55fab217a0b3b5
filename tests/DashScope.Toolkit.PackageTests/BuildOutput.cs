using System.Text.RegularExpressions;

namespace DashScope.Toolkit.PackageTests;

/// <summary>Patterns over what <c>dotnet</c> prints, shared by the package tests.</summary>
internal static partial class BuildOutput
{
    /// <summary>A compiler, NuGet or SDK warning line (e.g. <c>warning CS0436</c>, <c>warning NU1603</c>).</summary>
    [GeneratedRegex(@"(?m)\bwarning [A-Z]{2,}[0-9]+")]
    public static partial Regex WarningLine();
}
