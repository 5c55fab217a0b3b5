using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using DashScope.Toolkit.Generator.Benchmarks;
using Perfolizer.Horology;

// Counts first (cheap, in this process), then the timed runs in a separate process per benchmark.
var incremental = IncrementalReport.Print(Console.Out);

// Short enough for a 2-core machine (a few minutes in all), long enough for stable means on µs and ms scales.
var job = Job.Default
    .WithId("Short")
    .WithLaunchCount(1)
    .WithWarmupCount(4)
    .WithIterationCount(12)
    .WithIterationTime(TimeInterval.FromMilliseconds(250));

var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(job)
    .WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared))
    .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(BenchmarkDotNet.Columns.RatioStyle.Value));

// No arguments: run everything (no interactive prompt). Arguments: BenchmarkDotNet's own (--filter, --list, ...).
if (args.Length == 0)
{
    BenchmarkRunner.Run([typeof(GeneratorBenchmarks), typeof(AnalyzerBenchmarks)], config);
}
else
{
    BenchmarkSwitcher.FromAssembly(typeof(GeneratorBenchmarks).Assembly).Run(args, config);
}
return incremental ? 0 : 1;
