using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using DashScope.Emulator.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Emulator.Benchmarks;

/// <summary>
/// The retention of finished tasks on a board that keeps <see cref="FinishedTasks"/> of them, on a fake clock: the
/// clock moves one second, so the oldest finished task expires, and one task is submitted and finishes at once. The
/// steady cost of an expiry instant that drops one task of many.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class RetentionExpiryBenchmarks
{
    private FakeTimeProvider _clock = null!;
    private TaskBoard _board = null!;

    [Params(1_000, 10_000, 100_000)]
    public int FinishedTasks { get; set; }

    [GlobalSetup]
    public void FinishOnePerSecond()
    {
        // Retention as long as the run of submits: once they are in, each second expires the oldest.
        (_clock, _board) = RetentionBoard.Create(TimeSpan.FromSeconds(FinishedTasks));
        for (var i = 0; i < FinishedTasks; i++)
        {
            _board.SubmitForId(RetentionBoard.Task);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    [Benchmark]
    public string OneExpiresOneFinishes()
    {
        _clock.Advance(TimeSpan.FromSeconds(1));
        return _board.SubmitForId(RetentionBoard.Task);
    }

    [GlobalCleanup]
    public void Cleanup() => _board.Dispose();
}

/// <summary>Every one of <see cref="FinishedTasks"/> finished tasks expires at the same instant (a fresh board per call).</summary>
[Config(typeof(OneCallPerIterationConfig))]
public class RetentionBulkExpiryBenchmarks
{
    private FakeTimeProvider _clock = null!;
    private TaskBoard? _board;

    [Params(1_000, 10_000, 100_000)]
    public int FinishedTasks { get; set; }

    [IterationSetup]
    public void FinishAllAtOneInstant()
    {
        _board?.Dispose();
        (_clock, _board) = RetentionBoard.Create(TimeSpan.FromHours(24));
        for (var i = 0; i < FinishedTasks; i++)
        {
            _board.SubmitForId(RetentionBoard.Task);
        }

        // The one timed call must not pay for collecting the previous board and this setup's garbage.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    [Benchmark]
    public int AllExpireAtOnce()
    {
        _clock.Advance(TimeSpan.FromHours(24));
        return _board!.CountUnfinished("demo");
    }

    [GlobalCleanup]
    public void Cleanup() => _board?.Dispose();

    /// <summary>The short in-process job, one call per iteration: each call needs the fresh board its setup made.</summary>
    private sealed class OneCallPerIterationConfig : ManualConfig
    {
        public OneCallPerIterationConfig()
        {
            AddJob(Job.Default
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationCount(8)
                .WithInvocationCount(1)
                .WithUnrollFactor(1)
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithId("OneCallPerIteration"));
            AddColumn(StatisticColumn.P50, StatisticColumn.P95);
            AddDiagnoser(MemoryDiagnoser.Default);
            WithOptions(ConfigOptions.DisableOptimizationsValidator);
        }
    }
}

/// <summary>A board whose tasks finish the instant they are submitted, kept for <c>retention</c>.</summary>
internal static class RetentionBoard
{
    public static readonly NewTask Task = new(EmulatorEndpoint.VideoSynthesis, 1, "demo", "key-1", "liveportrait", "req", "http://a/i.png", "http://a/a.wav", 2.5, null, null);

    public static (FakeTimeProvider Clock, TaskBoard Board) Create(TimeSpan retention)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return (clock, new TaskBoard(clock, new TaskTimings(TimeSpan.Zero, TimeSpan.Zero, 0, TimeSpan.Zero, retention)));
    }
}
