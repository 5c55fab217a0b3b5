using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using DashScope.Toolkit.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DashScope.Toolkit.Generator.Benchmarks;

/// <summary>
/// The request analyzer's share of a project's compile time: a consumer with 1,000 request initializers plus the
/// generated LivePortrait client (generated once in setup), compiled with no analyzer as the baseline, with an
/// analyzer that registers the same operation action and does nothing (the cost any such analyzer pays for the
/// compiler's operation trees), and with the request analyzer.
/// </summary>
[MemoryDiagnoser]
public class AnalyzerBenchmarks
{
    public const int Requests = 1_000;

    private ImmutableArray<SyntaxTree> _trees;
    private AnalyzerOptions _options = null!;
    private Compilation _keepReferencesAlive = null!;

    [GlobalSetup]
    public void Setup()
    {
        var schema = BenchmarkInputs.SchemaFile(BenchmarkInputs.Schema);
        _options = new AnalyzerOptions([schema], SchemaMarkerOptions.Instance);
        _trees = TreesWithGenerated(RequestProgram.Source(Requests), schema);
        // As in GeneratorBenchmarks: keep one compilation alive so the reference symbols stay shared.
        _keepReferencesAlive = Create(_trees);
        _ = _keepReferencesAlive.GetDiagnostics();

        // Time real work: the project compiles cleanly and the analyzer finds nothing in it, yet does run.
        var problems = Create(_trees).GetDiagnostics().Concat(Compile(_trees, new RequestConstantAnalyzer())).Where(IsProblem).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The request project does not compile cleanly; the benchmark would time error reporting: " + string.Join("; ", problems.Take(5)));
        }
        var broken = Compile(TreesWithGenerated(RequestProgram.Source(Requests, invalidFps: true), schema), new RequestConstantAnalyzer());
        if (!broken.Any(d => d.Id == "DSG009"))
        {
            throw new InvalidOperationException("The request analyzer did not report the out-of-range frame rate: it is not running.");
        }
    }

    [Benchmark(Baseline = true, Description = "Compile 1,000 requests + generated client, no analyzer")]
    public int CompileWithoutAnalyzer() => Create(_trees).GetDiagnostics().Count(IsProblem);

    [Benchmark(Description = "Same, with an empty assignment analyzer")]
    public int CompileWithEmptyAnalyzer() => Compile(_trees, new EmptyAssignmentAnalyzer()).Count(IsProblem);

    [Benchmark(Description = "Same, with the request analyzer")]
    public int CompileWithRequestAnalyzer() => Compile(_trees, new RequestConstantAnalyzer()).Count(IsProblem);

    private ImmutableArray<Diagnostic> Compile(ImmutableArray<SyntaxTree> trees, DiagnosticAnalyzer analyzer) =>
        Create(trees)
            .WithAnalyzers([analyzer], new CompilationWithAnalyzersOptions(_options, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false))
            .GetAllDiagnosticsAsync()
            .GetAwaiter()
            .GetResult();

    private static Compilation Create(IEnumerable<SyntaxTree> trees) =>
        BenchmarkInputs.CreateCompilation(trees).WithOptions(BenchmarkInputs.CompilationOptions.WithOutputKind(OutputKind.DynamicallyLinkedLibrary));

    private static ImmutableArray<SyntaxTree> TreesWithGenerated(string source, AdditionalText schema)
    {
        var consumer = CSharpSyntaxTree.ParseText(source, BenchmarkInputs.ParseOptions, "/consumer/Requests.cs");
        BenchmarkInputs.NewDriver(schema).RunGeneratorsAndUpdateCompilation(Create([consumer]), out var output, out var diagnostics);
        if (diagnostics.Length > 0 || output.SyntaxTrees.Count() == 1)
        {
            throw new InvalidOperationException("The generator did not generate the client: " + string.Join("; ", diagnostics));
        }
        return [.. output.SyntaxTrees];
    }

    private static bool IsProblem(Diagnostic diagnostic) => diagnostic.Severity >= DiagnosticSeverity.Warning;

    // Instantiated here only, never loaded by a compiler: the rules for shipped analyzers do not apply to it.
#pragma warning disable RS1001, RS1036, RS1041, RS2008
    /// <summary>Registers what the request analyzer registers and does nothing: the floor any such analyzer costs.</summary>
    private sealed class EmptyAssignmentAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor s_never = new("BENCH001", "Never reported", "Never reported", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [s_never];

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start => start.RegisterOperationAction(_ => { }, OperationKind.SimpleAssignment));
        }
    }
#pragma warning restore RS1001, RS1036, RS1041, RS2008
}
