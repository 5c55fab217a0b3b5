using System.Collections.Immutable;
using System.Text;
using DashScope.Toolkit.Generator;
using DashScope.Toolkit.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace DashScope.Toolkit.Analyzer.Tests.Support;

/// <summary>
/// An analyzer (and code-fix) test as a consumer's build sees it: net8.0 reference assemblies, the DashScope.Toolkit
/// runtime, schemas as AdditionalFiles, and the source generator run first so the request types exist. Compiler
/// errors of the test source count as unexpected diagnostics; generated files are not compared (the generator's
/// own tests do that).
/// </summary>
/// <typeparam name="TCodeFix">The code fix under test, or <see cref="EmptyCodeFixProvider"/>.</typeparam>
internal sealed class RequestTest<TCodeFix> : CSharpCodeFixTest<RequestConstantAnalyzer, TCodeFix, DefaultVerifier>
    where TCodeFix : CodeFixProvider, new()
{
    private static readonly ImmutableArray<MetadataReference> s_runtime = new[]
    {
        typeof(DashScopeClientOptions).Assembly,
        typeof(Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions).Assembly,
        typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly,
        typeof(Microsoft.Extensions.Logging.ILogger).Assembly,
        typeof(Microsoft.Extensions.Options.IOptions<>).Assembly,
        typeof(Microsoft.Extensions.Configuration.IConfiguration).Assembly,
        typeof(Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions).Assembly,
    }.Distinct().Select(a => (MetadataReference)MetadataReference.CreateFromFile(a.Location)).ToImmutableArray();

    public RequestTest(string source, params string[] schemas)
    {
        ReferenceAssemblies = ReferenceAssemblies.Net.Net80;
        TestState.AdditionalReferences.AddRange(s_runtime);
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        TestCode = source;
        var markers = new StringBuilder("is_global = true\n");
        foreach (var schema in schemas.Length == 0 ? [TestSchemas.LivePortrait] : schemas)
        {
            TestState.AdditionalFiles.Add(("/Schemas/" + schema, SourceText.From(TestSchemas.Text(schema), Encoding.UTF8)));
            markers.Append("\n[/Schemas/").Append(schema).Append("]\nbuild_metadata.AdditionalFiles.DashScopeSchema = true\n");
        }
        // The marker the toolkit's build files put on a DashScopeSchema item: only marked files are read.
        TestState.AnalyzerConfigFiles.Add(("/.dashscope-schemas.globalconfig", markers.ToString()));
    }

    /// <summary>Adds a global analyzer config (per-file metadata, severities) to the test and, for code fixes, to the fixed state.</summary>
    public RequestTest<TCodeFix> WithConfig(string path, string text)
    {
        TestState.AnalyzerConfigFiles.Add((path, text));
        return this;
    }

    protected override IEnumerable<Type> GetSourceGenerators() => [typeof(SchemaClientGenerator)];
}

/// <summary>The schemas the tests read, copied next to the test assembly.</summary>
internal static class TestSchemas
{
    public const string LivePortrait = "liveportrait.schema.json";

    public const string Emo = "emo-v1.schema.json";

    /// <summary>A small schema with the rules LivePortrait's request lacks (exclusive bounds, lengths, a plain pattern...).</summary>
    public const string Rules = "rules.schema.json";

    public static string Text(string fileName) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", fileName)).Replace("\r\n", "\n");
}
