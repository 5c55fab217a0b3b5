using DashScope.Toolkit.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Testing;

namespace DashScope.Toolkit.Analyzer.Tests.Support;

/// <summary>Short ways to run the analyzer over a consumer file and to expect a diagnostic with its message.</summary>
internal static class Verify
{
    /// <summary>Runs the analyzer over <paramref name="source"/>: its markup (<c>{|DSG009:60|}</c>) and <paramref name="expected"/> are every diagnostic there must be.</summary>
    public static Task Analyzer(string source, string[] schemas, params DiagnosticResult[] expected)
    {
        var test = new RequestTest<EmptyCodeFixProvider>(source, schemas);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>Like <see cref="Analyzer(string, string[], DiagnosticResult[])"/> over the LivePortrait schema.</summary>
    public static Task LivePortrait(string source, params DiagnosticResult[] expected) => Analyzer(source, [TestSchemas.LivePortrait], expected);

    /// <summary>A diagnostic at markup location <paramref name="location"/> (<c>{|#0:...|}</c>) with exactly <paramref name="message"/>.</summary>
    public static DiagnosticResult At(int location, string id, DiagnosticSeverity severity, string message) =>
        new DiagnosticResult(id, severity).WithLocation(location).WithMessage(message);

    /// <summary>The analyzer's descriptor of <paramref name="id"/>.</summary>
    public static DiagnosticDescriptor Descriptor(string id) => new RequestConstantAnalyzer().SupportedDiagnostics.Single(d => d.Id == id);
}
