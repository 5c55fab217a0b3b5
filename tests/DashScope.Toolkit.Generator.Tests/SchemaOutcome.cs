using Microsoft.CodeAnalysis;
using Xunit;

namespace DashScope.Toolkit.Generator.Tests;

/// <summary>What must hold for any input, valid or not: no crash, and no silent failure.</summary>
internal static class SchemaOutcome
{
    /// <summary>
    /// Runs the generator on one file and checks: no exception escaped (no CS8785), no DSG008, every DSG
    /// diagnostic points into the file, and the file yields either generated sources or at least one error.
    /// </summary>
    public static GeneratorRunResult RunAndCheck(string path, string text, string label) => Check(DriverHarness.RunOnce(new InMemoryText(path, text)), path, text.Length, label);

    public static GeneratorRunResult Check(GeneratorRunResult result, string path, int textLength, string label)
    {
        Assert.True(result.Exception is null, $"{label}: the generator threw {result.Exception}");
        Assert.DoesNotContain(result.Diagnostics, d => d.Id is "CS8785" or "DSG008");
        foreach (var diagnostic in result.Diagnostics)
        {
            Assert.StartsWith("DSG", diagnostic.Id, StringComparison.Ordinal);
            Assert.True(diagnostic.Location != Location.None, $"{label}: {diagnostic.Id} has no location");
            var span = diagnostic.Location.GetLineSpan();
            Assert.True(span.Path == path, $"{label}: {diagnostic.Id} points at '{span.Path}', not the schema");
            Assert.InRange(diagnostic.Location.SourceSpan.End, 0, textLength);
        }
        var errors = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        Assert.True(result.GeneratedSources.Length > 0 ^ errors > 0,
            $"{label}: {result.GeneratedSources.Length} generated files and {errors} errors (expected exactly one of them)");
        return result;
    }
}
