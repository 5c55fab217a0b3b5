using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CsCheck;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace DashScope.Toolkit.Generator.Tests.Properties;

/// <summary>
/// Runs a schema generator a fixed number of times from a fixed seed (so CI sees the same inputs every run),
/// checks each input, then compiles the generated code of the accepted ones in batches. On a failure it
/// names the case's CsCheck seed, replays it through CsCheck's <c>Sample</c> to shrink it, and shows the
/// smallest failing schema found.
/// </summary>
/// <remarks>
/// CsCheck's own <c>Sample(seed: …)</c> fixes only the first iteration; later ones come from a random
/// thread seed. Here every iteration has its own PCG stream derived from the base seed, so a run is fully
/// reproducible, and each case's seed string is one CsCheck accepts.
/// </remarks>
internal static class PropertyRun
{
    /// <summary>Base seed (an unsigned integer) of every property; default <see cref="DefaultSeed"/>.</summary>
    public const string SeedVariable = "DASHSCOPE_PROPERTY_SEED";

    /// <summary>Multiplies every iteration count (e.g. 10 for a long local run); default 1.</summary>
    public const string ScaleVariable = "DASHSCOPE_PROPERTY_SCALE";

    /// <summary>A case seed printed by a failure: each property then runs that one case only.</summary>
    public const string ReplayVariable = "DASHSCOPE_PROPERTY_REPLAY";

    public const ulong DefaultSeed = 20250611;

    private const string SchemaPath = "/Schemas/property.schema.json";

    public static ulong BaseSeed =>
        ulong.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var seed) ? seed : DefaultSeed;

    public static double Scale =>
        double.TryParse(Environment.GetEnvironmentVariable(ScaleVariable), NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) && scale > 0 ? scale : 1;

    /// <summary>
    /// Runs <paramref name="count"/> cases of <paramref name="gen"/> (times the scale) and checks each; compiles every
    /// accepted one when <paramref name="compileEvery"/> is 1, every other one at 2, and so on.
    /// </summary>
    public static Tally Run(string name, uint stream, SchemaGen gen, int count, int compileEvery, ITestOutputHelper output)
    {
        var watch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var seeds = new List<string>();
        var replay = Environment.GetEnvironmentVariable(ReplayVariable);
        if (!string.IsNullOrWhiteSpace(replay))
        {
            seeds.Add(replay.Trim());
        }
        else
        {
            var total = (int)Math.Ceiling(count * Scale);
            for (var i = 0; i < total; i++) { seeds.Add(new PCG(stream * 1_000_000 + (uint)i, BaseSeed).ToString()); }
        }

        var outcomes = new Outcome[seeds.Count];
        var failures = new ConcurrentBag<(int Index, Exception Error)>();
        Parallel.For(0, seeds.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var input = gen.Generate(PCG.Parse(seeds[i]), null, out _);
            try { outcomes[i] = Check(input); }
            catch (Exception error) { failures.Add((i, new XunitException($"[{input.Kind}: {input.Note}] {error.Message}", error))); }
        });
        if (!failures.IsEmpty)
        {
            var (index, error) = failures.MinBy(f => f.Index);
            var kinds = failures.OrderBy(f => f.Index).Select(f => f.Error.Message.Split('\n')[0]).Distinct().Take(12);
            Fail(name, gen, seeds[index], $"{failures.Count} of {seeds.Count} cases failed ({string.Join(" | ", kinds)}); the first", error);
        }
        var checkTime = watch.Elapsed;

        // Compile the accepted ones, many schemas per compilation (each in its own namespace).
        var toCompile = Enumerable.Range(0, seeds.Count).Where(i => outcomes[i].Sources.Length > 0).Where((_, k) => k % compileEvery == 0).ToList();
        var compileFailures = new ConcurrentBag<(int Index, string Problems)>();
        Parallel.ForEach(Batches(toCompile, outcomes), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, batch =>
        {
            var owner = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var i in batch) { foreach (var source in outcomes[i].Sources) { owner["/" + source.HintName] = i; } }
            var problems = InProcessCompiler.Problems(batch.SelectMany(i => outcomes[i].Sources));
            foreach (var group in problems.GroupBy(p => owner.TryGetValue(p.Location.SourceTree?.FilePath ?? string.Empty, out var i) ? i : batch[0]))
            {
                compileFailures.Add((group.Key, string.Join("\n", group.Take(5).Select(p => p + "\n    | " + LineOf(p)))));
            }
        });
        if (!compileFailures.IsEmpty)
        {
            var (index, problems) = compileFailures.MinBy(f => f.Index);
            var kinds = compileFailures.OrderBy(f => f.Index).Select(f => f.Problems.Split('\n')[0].Split("): ", 2)[^1]).Distinct().Take(12);
            Fail(name, gen, seeds[index], $"{compileFailures.Select(f => f.Index).Distinct().Count()} accepted schemas generate code that does not compile ({string.Join(" | ", kinds)}); the first",
                new XunitException("The generated code does not compile:\n" + problems), compileProblems: true);
        }

        var tally = new Tally(
            name,
            seeds.Count,
            outcomes.Count(o => o.Case.Verdict == Verdict.Valid),
            outcomes.Count(o => o.Case.Verdict == Verdict.Invalid),
            outcomes.Count(o => o.Case.Verdict == Verdict.Either),
            outcomes.Count(o => o.Sources.Length > 0),
            outcomes.Count(o => o.Sources.Length == 0),
            toCompile.Count,
            outcomes.Where(o => o.Sources.Length == 0).SelectMany(o => o.DiagnosticIds).GroupBy(id => id).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            checkTime,
            watch.Elapsed,
            Process.GetCurrentProcess().TotalProcessorTime - cpu);
        output.WriteLine(tally.ToString());
        return tally;
    }

    /// <summary>
    /// The properties of one input: nothing escapes the generator (no exception, no CS8785, no DSG008); every
    /// diagnostic is a DSG one located in the schema file; code or errors, never both and never neither; and
    /// the verdict by construction holds (valid: no diagnostic at all; invalid: at least one error).
    /// </summary>
    public static Outcome Check(SchemaCase input)
    {
        var result = DriverHarness.RunOnce(new InMemoryText(SchemaPath, input.Text));
        SchemaOutcome.Check(result, SchemaPath, input.Text.Length, $"{input.Kind} ({input.Note})");
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        switch (input.Verdict)
        {
            case Verdict.Valid:
                Assert.True(result.Diagnostics.IsEmpty, $"a valid schema was reported: {string.Join("; ", result.Diagnostics.Take(3))}");
                break;
            case Verdict.Invalid:
                Assert.True(errors.Count > 0, "an invalid schema gave no error (generated " + string.Join(", ", result.GeneratedSources.Select(s => s.HintName)) + ")");
                break;
        }
        return new Outcome(input, result.GeneratedSources, result.Diagnostics.Select(d => d.Id).Distinct().ToArray());
    }

    /// <summary>The generated line a compiler diagnostic points at, to show with it.</summary>
    private static string LineOf(Diagnostic problem)
    {
        if (problem.Location.SourceTree is not { } tree) { return string.Empty; }
        var line = problem.Location.GetLineSpan().StartLinePosition.Line;
        var text = tree.GetText();
        return line < text.Lines.Count ? text.Lines[line].ToString().Trim() : string.Empty;
    }

    private static IEnumerable<List<int>> Batches(List<int> indexes, Outcome[] outcomes)
    {
        const int MaxPerBatch = 24;
        var open = new List<(List<int> Items, HashSet<string> Namespaces)>();
        foreach (var i in indexes)
        {
            var ns = Namespace(outcomes[i].Sources);
            var batch = open.FirstOrDefault(b => b.Items.Count < MaxPerBatch && !b.Namespaces.Contains(ns));
            if (batch.Items is null)
            {
                batch = ([], new HashSet<string>(StringComparer.Ordinal));
                open.Add(batch);
            }
            batch.Items.Add(i);
            batch.Namespaces.Add(ns);
        }
        return open.Select(b => b.Items);
    }

    private static string Namespace(IEnumerable<GeneratedSourceResult> sources)
    {
        var text = sources.First().SourceText.ToString();
        var start = text.IndexOf("\nnamespace ", StringComparison.Ordinal) + "\nnamespace ".Length;
        return text.Substring(start, text.IndexOf(';', start) - start);
    }

    private static void Fail(string name, SchemaGen gen, string seed, string what, Exception error, bool compileProblems = false)
    {
        var input = gen.Generate(PCG.Parse(seed), null, out _);
        var shrunk = string.Empty;
        if (!compileProblems)
        {
            // Let CsCheck look for a shorter failing schema, starting from this one.
            try
            {
                gen.Sample(c => { Check(c); }, seed: seed, iter: 200, threads: 1, print: c => c.ToString());
            }
            catch (Exception sampled)
            {
                shrunk = "\n\nCsCheck's shortest failing case:\n" + sampled.Message;
            }
        }
        throw new XunitException(
            $"{name}: {what} has seed {seed} (base seed {BaseSeed}; rerun it alone with {ReplayVariable}={seed}).\n{error.Message}\n\nInput: {input}{shrunk}");
    }
}

/// <summary>What the generator did with one input.</summary>
internal sealed record Outcome(SchemaCase Case, System.Collections.Immutable.ImmutableArray<GeneratedSourceResult> Sources, string[] DiagnosticIds);

/// <summary>The counts of one property run.</summary>
internal sealed record Tally(
    string Name,
    int Total,
    int Valid,
    int Invalid,
    int Either,
    int Accepted,
    int Rejected,
    int Compiled,
    IReadOnlyDictionary<string, int> RejectedBy,
    TimeSpan CheckTime,
    TimeSpan TotalTime,
    TimeSpan CpuTime)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Name}: {Total} schemas (by construction {Valid} valid, {Invalid} invalid, {Either} either); generator accepted {Accepted}, rejected {Rejected} " +
            $"[{string.Join(", ", RejectedBy.Select(p => p.Key + "×" + p.Value))}]; compiled {Compiled}; wall time {CheckTime.TotalSeconds:F1} s for the checks, {TotalTime.TotalSeconds:F1} s with compiling (CPU {CpuTime.TotalSeconds:F1} s); base seed {PropertyRun.BaseSeed}, scale {PropertyRun.Scale}");
}
