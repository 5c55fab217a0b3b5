using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace DashScope.Toolkit.Generator.Tests;

/// <summary>Short ways to write expected DSG diagnostics (lines and columns are one-based, as editors show them).</summary>
internal static class Diag
{
    public static DiagnosticResult At(string id, string path, int line, int column, int endLine, int endColumn) =>
        new DiagnosticResult(id, DiagnosticSeverity.Error).WithSpan(path, line, column, endLine, endColumn);
}
