using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace DashScope.Toolkit.Generator.Tests;

/// <summary>An AdditionalFile held in memory.</summary>
internal sealed class InMemoryText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text, Encoding.UTF8);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>
/// Analyzer config options from dictionaries: project-wide ones and per-file ones (by path). Like the toolkit's build
/// files for a DashScopeSchema item, it marks every file named <c>*.schema.json</c> as a schema
/// (<c>DashScopeSchema = true</c>) unless <paramref name="markSchemaFiles"/> is false or the file's own options set
/// the marker, so the tests can hand the generator schemas as plain files.
/// </summary>
internal sealed class DictionaryOptionsProvider(
    IReadOnlyDictionary<string, string>? global = null,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? perFile = null,
    bool markSchemaFiles = true) : AnalyzerConfigOptionsProvider
{
    public const string SchemaMarker = "build_metadata.AdditionalFiles.DashScopeSchema";

    /// <summary>The key of the item metadata that turns off writing a schema's client (a precompiled client is referenced).</summary>
    public const string GenerateClient = "build_metadata.AdditionalFiles.DashScopeGenerateClient";

    private static readonly DictionaryOptions Empty = new(new Dictionary<string, string>());

    public override AnalyzerConfigOptions GlobalOptions { get; } = new DictionaryOptions(global ?? new Dictionary<string, string>());

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
    {
        var options = perFile is not null && perFile.TryGetValue(textFile.Path, out var own) ? new Dictionary<string, string>(own) : [];
        if (markSchemaFiles && textFile.Path.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase))
        {
            options.TryAdd(SchemaMarker, "true");
        }
        return options.Count == 0 ? Empty : new DictionaryOptions(options);
    }

    private sealed class DictionaryOptions(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value)
        {
            if (values.TryGetValue(key, out var found))
            {
                value = found;
                return true;
            }
            value = string.Empty;
            return false;
        }
    }
}

/// <summary>Runs the generator through a <see cref="CSharpGeneratorDriver"/>, without the testing library.</summary>
internal static class DriverHarness
{
    private static readonly ImmutableArray<MetadataReference> References =
        [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)];

    public static CSharpCompilation Compilation(params string[] sources) =>
        CSharpCompilation.Create(
            "Consumer",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, path: $"/Source{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> files, AnalyzerConfigOptionsProvider? options = null, bool track = true) =>
        CSharpGeneratorDriver.Create(
            [new SchemaClientGenerator().AsSourceGenerator()],
            files,
            parseOptions: null,
            optionsProvider: options ?? new DictionaryOptionsProvider(),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

    /// <summary>One run over <paramref name="files"/>: the single generator's result.</summary>
    public static GeneratorRunResult RunOnce(params AdditionalText[] files) =>
        CreateDriver(files, track: false).RunGenerators(Compilation("class C { }")).GetRunResult().Results.Single();

    /// <summary>The tracking names the generator declares, read from <see cref="TrackingNames"/>.</summary>
    public static IReadOnlyList<string> AllTrackingNames { get; } = typeof(TrackingNames)
        .GetFields()
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();
}

/// <summary>Compiles generated sources in-process (against the running runtime), for checks that need no exact reference pack.</summary>
internal static class InProcessCompiler
{
    private static readonly Lazy<MetadataReference[]> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Concat(GeneratorTest.RuntimeReferences)
            .ToArray());

    /// <summary>The errors and warnings of a library made of <paramref name="sources"/>.</summary>
    public static IReadOnlyList<Diagnostic> Problems(IEnumerable<GeneratedSourceResult> sources)
    {
        var parse = new CSharpParseOptions(LanguageVersion.CSharp12);
        var compilation = CSharpCompilation.Create(
            "Generated",
            sources.Select(s => CSharpSyntaxTree.ParseText(s.SourceText, parse, "/" + s.HintName)),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions([new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]));
        return compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
    }
}
