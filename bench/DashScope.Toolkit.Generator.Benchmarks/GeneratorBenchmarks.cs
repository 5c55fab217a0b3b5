using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;

namespace DashScope.Toolkit.Generator.Benchmarks;

/// <summary>
/// The generator next to a baseline measured in the same run: compiling the small consumer program with
/// no generator (parse, create the compilation, run an empty generator driver, bind everything).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private CSharpCompilationPair _compilations = null!;
    private AdditionalText _schema = null!;
    private AdditionalText _changedSchema = null!;
    private GeneratorDriver _afterUnrelatedEdit = null!;
    private GeneratorDriver _afterSchemaChange = null!;
    private int _revision;
    private bool _schemaChanged;

    [GlobalSetup]
    public void Setup()
    {
        _compilations = new CSharpCompilationPair(
            BenchmarkInputs.CreateCompilation(BenchmarkInputs.ParseConsumer(0)),
            BenchmarkInputs.CreateCompilation(BenchmarkInputs.ParseConsumer(1)));
        _schema = BenchmarkInputs.SchemaFile(BenchmarkInputs.Schema);
        _changedSchema = BenchmarkInputs.SchemaFile(BenchmarkInputs.ChangedSchema);

        // Warmed drivers: each has run once, as the compiler server's driver has after the first build.
        _afterUnrelatedEdit = BenchmarkInputs.NewDriver(_schema).RunGenerators(_compilations.Original);
        _afterSchemaChange = BenchmarkInputs.NewDriver(_schema).RunGenerators(_compilations.Original);
        // Bind the references once and keep these compilations alive: Roslyn shares the assembly symbols of
        // the same MetadataReference objects between compilations only while one holding them is alive (a
        // weak cache). Without this, whether the baseline rebuilds the symbols of ~200 references (20x the
        // work) would depend on GC timing. Kept alive, every compile row is measured as a warm compiler
        // server sees it: references loaded, the consumer's own code bound afresh.
        _ = _compilations.Original.GetDiagnostics();
        _ = _compilations.Edited.GetDiagnostics();

        // A generator that failed to load reports a warning and generates nothing, which would time an empty run.
        var cold = GeneratorColdRun().GetRunResult();
        if (cold.GeneratedTrees.Length == 0 || cold.Diagnostics.Length > 0)
        {
            throw new InvalidOperationException("The generator generated nothing or reported a problem: " + string.Join(" | ", cold.Diagnostics));
        }

        // Measure real work only: both compilations must come out clean, or the figures mean nothing.
        if (CompileWithoutGenerator() != 0 || CompileWithGenerator() != 0)
        {
            throw new InvalidOperationException("The consumer does not compile cleanly; the benchmark would time error reporting.");
        }
    }

    [Benchmark(Baseline = true, Description = "Baseline: compile the consumer, no generator")]
    public int CompileWithoutGenerator()
    {
        var compilation = BenchmarkInputs.CreateCompilation(BenchmarkInputs.ParseConsumer(0));
        BenchmarkInputs.NewEmptyDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return output.GetDiagnostics().Length;
    }

    [Benchmark(Description = "Generator cold run (new driver)")]
    public GeneratorDriver GeneratorColdRun() =>
        BenchmarkInputs.NewDriver(_schema).RunGenerators(_compilations.Original);

    /// <summary>Alternates two versions of Greeting.cs, so every run sees an edit the generator does not read.</summary>
    [Benchmark(Description = "Re-run after an unrelated C# edit (warm driver)")]
    public GeneratorDriver RerunAfterUnrelatedEdit()
    {
        _revision ^= 1;
        return _afterUnrelatedEdit = _afterUnrelatedEdit.RunGenerators(_revision == 1 ? _compilations.Edited : _compilations.Original);
    }

    /// <summary>Alternates the shipped schema and the changed one, so every run sees a real schema change.</summary>
    [Benchmark(Description = "Re-run after a schema change (warm driver)")]
    public GeneratorDriver RerunAfterSchemaChange()
    {
        var (from, to) = _schemaChanged ? (_changedSchema, _schema) : (_schema, _changedSchema);
        _schemaChanged = !_schemaChanged;
        return _afterSchemaChange = _afterSchemaChange.ReplaceAdditionalText(from, to).RunGenerators(_compilations.Original);
    }

    [Benchmark(Description = "Compile the consumer with the generator (cold)")]
    public int CompileWithGenerator()
    {
        var compilation = BenchmarkInputs.CreateCompilation(BenchmarkInputs.ParseConsumer(0));
        BenchmarkInputs.NewDriver(_schema).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return output.GetDiagnostics().Length;
    }

    private sealed record CSharpCompilationPair(Compilation Original, Compilation Edited);
}
