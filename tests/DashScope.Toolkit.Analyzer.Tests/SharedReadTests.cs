using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using DashScope.Toolkit.Analyzer.Tests.Support;
using DashScope.Toolkit.Generator;
using DashScope.Toolkit.Generator.Analysis;
using DashScope.Toolkit.Generator.Model;
using DashScope.Toolkit.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace DashScope.Toolkit.Analyzer.Tests;

/// <summary>
/// The generator and the request analyzer of one compiler process read a schema once between them: csc runs the
/// generator first, and the analyzer finds its result in <see cref="SchemaParseCache"/>.
/// </summary>
public sealed class SharedReadTests
{
    [Fact]
    public void The_analyzer_uses_the_read_the_generator_made()
    {
        // A path no other test uses, so no earlier test has put this input in the process-wide cache.
        var path = "/Schemas/" + Guid.NewGuid().ToString("N") + "/liveportrait.schema.json";
        var text = TestSchemas.Text(TestSchemas.LivePortrait);
        var input = new SchemaFileInput(path, text, null, null, null);
        Assert.False(SchemaParseCache.TryGet(input, out _));

        var compilation = CSharpCompilation.Create("Consumer", options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var driver = CSharpGeneratorDriver.Create(
            [new SchemaClientGenerator().AsSourceGenerator()],
            [new SchemaText(path, text)],
            optionsProvider: new MarkedSchemas(path));
        var generated = driver.RunGenerators(compilation).GetRunResult();
        Assert.Contains(generated.GeneratedTrees, tree => tree.FilePath.EndsWith(".Client.g.cs", StringComparison.Ordinal));

        Assert.True(SchemaParseCache.TryGet(input, out var read));
        // An equal input (a new string, as the analyzer's own AdditionalText gives it) finds the same read.
        Assert.Same(read, SchemaParseCache.Parse(input with { Text = new string(text.AsSpan()) }, CancellationToken.None));
        var rules = Assert.Single(SchemaRulesCache.RulesFor([input with { Text = new string(text.AsSpan()) }], CancellationToken.None));
        Assert.NotEmpty(rules.Types);
    }

    [Fact]
    public void A_different_text_is_read_again()
    {
        var text = TestSchemas.Text(TestSchemas.LivePortrait);
        var first = SchemaParseCache.Parse(new SchemaFileInput("/Schemas/liveportrait.schema.json", text, null, null, null), CancellationToken.None);
        var changed = SchemaParseCache.Parse(new SchemaFileInput("/Schemas/liveportrait.schema.json", text.Replace("\"maximum\": 30", "\"maximum\": 31"), null, null, null), CancellationToken.None);

        Assert.NotSame(first, changed);
        Assert.NotEqual(first, changed);
    }

    private sealed class SchemaText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    /// <summary>Marks the one schema file as the toolkit's build files do (DashScopeSchema="true").</summary>
    private sealed class MarkedSchemas(string path) : AnalyzerConfigOptionsProvider
    {
        private static readonly AnalyzerConfigOptions s_none = new Options(ImmutableDictionary<string, string>.Empty);
        private readonly AnalyzerConfigOptions _marked = new Options(ImmutableDictionary<string, string>.Empty.Add("build_metadata.AdditionalFiles.DashScopeSchema", "true"));

        public override AnalyzerConfigOptions GlobalOptions => s_none;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => s_none;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => textFile.Path == path ? _marked : s_none;

        private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
