using System.Text.RegularExpressions;

namespace DashScope.Toolkit.PackageTests;

/// <summary>Where the repository's files are, found from the test's own output folder.</summary>
internal static partial class RepositoryLayout
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    public static string Root => s_root.Value;

    public static string Solution => Path.Combine(Root, "Toolkit.sln");

    public static string Quickstart => Path.Combine(Root, "samples", "LivePortrait.Quickstart", "LivePortrait.Quickstart.csproj");

    public static string LivePortraitSchema => Path.Combine(Root, "schema", "liveportrait.schema.json");

    /// <summary>A second endpoint's schema (EMO), as a user's own schema.</summary>
    public static string EmoSchema => Path.Combine(Root, "tests", "DashScope.Toolkit.Tests", "Schemas", "emo-v1.schema.json");

    /// <summary>The Version in Directory.Build.props, the base of the version this test packs.</summary>
    public static string BaseVersion
    {
        get
        {
            var props = File.ReadAllText(Path.Combine(Root, "Directory.Build.props"));
            var match = VersionElement().Match(props);
            return match.Success ? match.Groups[1].Value.Trim() : "0.0.0";
        }
    }

    /// <summary>The machine's NuGet package cache (NUGET_PACKAGES, else the default location).</summary>
    public static string MachinePackageCache
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
            return !string.IsNullOrWhiteSpace(configured)
                ? configured
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Toolkit.sln"))) { return directory.FullName; }
        }
        throw new InvalidOperationException($"No Toolkit.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"<Version>([^<]+)</Version>")]
    private static partial Regex VersionElement();
}
