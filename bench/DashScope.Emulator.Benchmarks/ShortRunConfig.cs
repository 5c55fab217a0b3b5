using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace DashScope.Emulator.Benchmarks;

/// <summary>
/// A short job (1 launch, 3 warm-ups, 8 iterations) run in process, so the whole suite ends in a few
/// minutes on 2 cores and the per-request latencies recorded in the process can be printed afterwards.
/// </summary>
public sealed class ShortRunConfig : ManualConfig
{
    public ShortRunConfig()
    {
        AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(8)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId("ShortInProcess"));
        AddColumn(StatisticColumn.P50, StatisticColumn.P95, BaselineRatioColumn.RatioMean);
        AddDiagnoser(MemoryDiagnoser.Default);
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }
}
