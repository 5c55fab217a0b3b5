using System.Collections.Immutable;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace DashScope.Toolkit.Generator.Benchmarks;

/// <summary>
/// The inputs every benchmark shares: a small consumer program (two files, one of which the "unrelated
/// edit" changes), the references a net10.0 console app compiles against, and the LivePortrait schema in
/// its shipped form and with one real change (video_fps maximum 30 to 31).
/// </summary>
internal static class BenchmarkInputs
{
    public const string SchemaPath = "/consumer/liveportrait.schema.json";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp13);

    /// <summary>As the SDK compiles: CS1701/CS1702 (reference unification) are in its default NoWarn.</summary>
    public static readonly CSharpCompilationOptions CompilationOptions = new CSharpCompilationOptions(
            OutputKind.ConsoleApplication,
            nullableContextOptions: NullableContextOptions.Enable,
            concurrentBuild: false)
        .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
        {
            ["CS1701"] = ReportDiagnostic.Suppress,
            ["CS1702"] = ReportDiagnostic.Suppress,
        });

    public static string Schema { get; } = ReadResource("liveportrait.schema.json");

    public static string ChangedSchema { get; } = ChangeSchema(Schema);

    /// <summary>The framework and runtime-library assemblies of this process, as a net10.0 build references them.</summary>
    public static ImmutableArray<MetadataReference> References { get; } = LoadReferences();

    public const string ProgramSource = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Consumer;

        public static class Program
        {
            public static async Task<int> Main(string[] args)
            {
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
                var jobs = new List<Job>();
                foreach (var (arg, index) in args.Select((a, i) => (a, i)))
                {
                    jobs.Add(new Job(index, arg, Greeting.For(arg)));
                }
                using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(1));
                await Task.Delay(1, cancellation.Token);
                var longest = jobs.OrderByDescending(j => j.Name.Length).FirstOrDefault();
                Console.WriteLine(longest?.Message ?? "no input");
                return jobs.Count(j => j.Name.StartsWith("-", StringComparison.Ordinal));
            }
        }

        public sealed record Job(int Index, string Name, string Message);
        """;

    /// <summary>The file the unrelated edit changes: <paramref name="revision"/> changes a string and a constant.</summary>
    public static string GreetingSource(int revision) => $$"""
        namespace Consumer;

        internal static class Greeting
        {
            private const int Revision = {{revision}};

            public static string For(string name) =>
                string.IsNullOrWhiteSpace(name) ? "Hello, nobody (revision {{revision}})" : $"Hello, {name} (revision {Revision})";
        }
        """;

    public static SyntaxTree[] ParseConsumer(int revision) =>
    [
        CSharpSyntaxTree.ParseText(ProgramSource, ParseOptions, "/consumer/Program.cs"),
        CSharpSyntaxTree.ParseText(GreetingSource(revision), ParseOptions, "/consumer/Greeting.cs"),
    ];

    public static CSharpCompilation CreateCompilation(IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create("Consumer", trees, References, CompilationOptions);

    public static AdditionalText SchemaFile(string text) => new InMemoryAdditionalText(SchemaPath, text);

    public static GeneratorDriver NewDriver(AdditionalText schema, bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            [new SchemaClientGenerator().AsSourceGenerator()],
            [schema],
            ParseOptions,
            optionsProvider: SchemaMarkerOptions.Instance,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    public static GeneratorDriver NewEmptyDriver() =>
        CSharpGeneratorDriver.Create([], parseOptions: ParseOptions);

    private static string ChangeSchema(string schema)
    {
        const string before = "\"maximum\": 30,";
        var at = schema.IndexOf(before, StringComparison.Ordinal);
        if (at < 0) { throw new InvalidOperationException("The schema no longer has the video_fps maximum this benchmark changes."); }
        return string.Concat(schema.AsSpan(0, at), "\"maximum\": 31,", schema.AsSpan(at + before.Length));
    }

    private static string ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var wanted = trusted.Where(path =>
        {
            var name = Path.GetFileNameWithoutExtension(path);
            return name is "mscorlib" or "netstandard" or "DashScope.Toolkit"
                || name.StartsWith("System.", StringComparison.Ordinal)
                || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)
                || name == "Microsoft.Win32.Primitives";
        });
        return [.. wanted.Order(StringComparer.Ordinal).Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }

    private sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
