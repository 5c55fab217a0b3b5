using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace DashScope.Toolkit.Generator.Benchmarks;

/// <summary>
/// What BenchmarkDotNet does not show: how many outputs each scenario regenerates (with step tracking
/// on), the reason of every named pipeline step, and the very first run in a fresh process (JIT and
/// assembly loading included), which BenchmarkDotNet's warm-up hides on purpose.
/// </summary>
internal static class IncrementalReport
{
    private static readonly string[] s_steps =
    [
        TrackingNames.SchemaFiles, TrackingNames.SchemaInputs, TrackingNames.ParsedSchemas,
        TrackingNames.AllSchemas, TrackingNames.EmissionUnits,
    ];

    /// <summary>
    /// Prints the report and returns false when the generator produced nothing or reported a problem (the timings
    /// would then measure a generator that does no work), or when an unrelated edit regenerated anything.
    /// </summary>
    public static bool Print(TextWriter writer)
    {
        var original = BenchmarkInputs.CreateCompilation(BenchmarkInputs.ParseConsumer(0));
        var edited = BenchmarkInputs.CreateCompilation(BenchmarkInputs.ParseConsumer(1));
        var schema = BenchmarkInputs.SchemaFile(BenchmarkInputs.Schema);
        var changed = BenchmarkInputs.SchemaFile(BenchmarkInputs.ChangedSchema);

        var clock = Stopwatch.StartNew();
        var driver = BenchmarkInputs.NewDriver(schema, trackSteps: true).RunGenerators(original);
        var firstRun = clock.Elapsed;
        var first = driver.GetRunResult();

        clock.Restart();
        _ = BenchmarkInputs.NewDriver(schema, trackSteps: true).RunGenerators(original);
        var secondColdRun = clock.Elapsed;

        var afterEdit = driver.RunGenerators(edited);
        var editResult = afterEdit.GetRunResult();
        var afterChange = afterEdit.ReplaceAdditionalText(schema, changed).RunGenerators(edited);
        var changeResult = afterChange.GetRunResult();

        writer.WriteLine("## Incremental report (step tracking on)");
        writer.WriteLine();
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"First run in a fresh process (JIT, NJsonSchema loading): {firstRun.TotalMilliseconds:F1} ms; second cold run: {secondColdRun.TotalMilliseconds:F1} ms"));
        var withGenerated = original.AddSyntaxTrees(first.GeneratedTrees);
        var lines = first.GeneratedTrees.Sum(tree => tree.GetText().Lines.Count);
        writer.WriteLine($"Cold run: {first.GeneratedTrees.Length} generated files ({lines} lines), {first.Diagnostics.Length} generator diagnostics, {withGenerated.GetDiagnostics().Length} compiler diagnostics on the consumer with the generated code");
        foreach (var diagnostic in first.Diagnostics)
        {
            // A benchmark of a generator that reports a problem measures the wrong thing: say what it was.
            writer.WriteLine("  " + diagnostic);
        }

        writer.WriteLine();
        writer.WriteLine("| Scenario | Source outputs re-run | Generated files re-emitted | Step reasons |");
        writer.WriteLine("|---|---|---|---|");
        var editRegenerated = Row(writer, "Unrelated C# edit", first, editResult);
        Row(writer, "Schema change (video_fps maximum 30 to 31)", editResult, changeResult);
        writer.WriteLine();
        writer.WriteLine(editRegenerated == 0
            ? "Unrelated edit regenerated 0 outputs."
            : $"UNEXPECTED: the unrelated edit regenerated {editRegenerated} outputs.");
        var generated = first.GeneratedTrees.Length > 0 && first.Diagnostics.Length == 0;
        if (!generated)
        {
            writer.WriteLine("UNEXPECTED: the cold run generated no files or reported a diagnostic; the timings below do not measure the generator.");
        }

        writer.WriteLine();
        return editRegenerated == 0 && generated;
    }

    private static int Row(TextWriter writer, string scenario, GeneratorDriverRunResult before, GeneratorDriverRunResult after)
    {
        var result = after.Results.Single();
        var outputsRerun = result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs)
            .Count(output => output.Reason is IncrementalStepRunReason.New or IncrementalStepRunReason.Modified);
        // A cached output is handed back as the very same SourceText; a re-emitted one is a new instance.
        var previous = before.Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText, StringComparer.Ordinal);
        var reemitted = result.GeneratedSources.Count(s => !previous.TryGetValue(s.HintName, out var old) || !ReferenceEquals(old, s.SourceText));
        var reasons = string.Join("; ", s_steps.Select(name => result.TrackedSteps.TryGetValue(name, out var runs)
            ? name + ": " + string.Join(",", runs.SelectMany(r => r.Outputs).Select(o => o.Reason).Distinct())
            : name + ": (not run)"));
        writer.WriteLine($"| {scenario} | {outputsRerun} | {reemitted} of {result.GeneratedSources.Length} | {reasons} |");
        return Math.Max(outputsRerun, reemitted);
    }
}
