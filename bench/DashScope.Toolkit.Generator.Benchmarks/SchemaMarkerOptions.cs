using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DashScope.Toolkit.Generator.Benchmarks;

/// <summary>
/// The analyzer options a build gives the generator for a DashScopeSchema item: every additional file carries
/// <c>DashScopeSchema = true</c>, without which the generator and the analyzer read no file.
/// </summary>
internal sealed class SchemaMarkerOptions : AnalyzerConfigOptionsProvider
{
    public static SchemaMarkerOptions Instance { get; } = new();

    private static readonly Options s_none = new(marked: false);
    private static readonly Options s_marked = new(marked: true);

    public override AnalyzerConfigOptions GlobalOptions => s_none;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => s_none;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => s_marked;

    private sealed class Options(bool marked) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value)
        {
            value = marked && key == "build_metadata.AdditionalFiles.DashScopeSchema" ? "true" : string.Empty;
            return value.Length > 0;
        }
    }
}
