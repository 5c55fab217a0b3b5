using DashScope.Emulator.Tasks;
using DashScope.Emulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Emulator.Tests.Fidelity;

/// <summary>
/// The Spread timing profile on the fake clock only: a seed and a submit order give one set of timelines, tasks differ
/// from one another, and every queue and run time stays within the documented factor of its configured median.
/// </summary>
public sealed class TimingProfileTests
{
    private const int TaskCount = 8;
    private static readonly DateTimeOffset Start = new(2025, 12, 26, 3, 33, 3, TimeSpan.Zero);
    private static readonly TimeSpan Queue = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RunBase = TimeSpan.FromSeconds(2);
    private const double PerAudioSecond = 2.5;

    [Fact]
    public async Task The_same_seed_and_submits_give_the_same_timelines()
    {
        var first = await TimelinesAsync(TimingProfile.Spread, seed: 42);
        var second = await TimelinesAsync(TimingProfile.Spread, seed: 42);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Another_seed_gives_other_timelines()
    {
        var first = await TimelinesAsync(TimingProfile.Spread, seed: 42);
        var other = await TimelinesAsync(TimingProfile.Spread, seed: 43);

        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task Spread_timelines_differ_between_tasks_and_stay_within_the_documented_factor()
    {
        var timelines = await TimelinesAsync(TimingProfile.Spread, seed: 7);

        Assert.True(timelines.Select(t => t.Queue).Distinct().Count() > TaskCount / 2, string.Join(", ", timelines));
        Assert.True(timelines.Select(t => t.Run).Distinct().Count() > TaskCount / 2, string.Join(", ", timelines));
        var (min, max) = (Math.Exp(-1), Math.Exp(1));   // e^(±σ·cut) with σ = 0.5 and the cut at 2σ, as documented
        foreach (var (queue, run, audioSeconds) in timelines)
        {
            var runMedian = RunBase + TimeSpan.FromSeconds(audioSeconds * PerAudioSecond);
            AssertWithin(queue, Queue, min, max);
            AssertWithin(run, runMedian, min, max);
        }
    }

    [Fact]
    public async Task Fixed_timelines_are_exactly_the_configured_durations()
    {
        var timelines = await TimelinesAsync(TimingProfile.Fixed, seed: 42);

        Assert.All(timelines, t => Assert.Equal((Queue, RunBase + TimeSpan.FromSeconds(t.AudioSeconds * PerAudioSecond)), (t.Queue, t.Run)));
    }

    private static void AssertWithin(TimeSpan actual, TimeSpan median, double min, double max)
    {
        // Draws are rounded to the millisecond, so the bounds get one millisecond of slack.
        var lower = median.TotalMilliseconds * min - 1;
        var upper = median.TotalMilliseconds * max + 1;
        Assert.InRange(actual.TotalMilliseconds, lower, upper);
    }

    /// <summary>Submits <see cref="TaskCount"/> tasks, each from its own account so none waits for another, runs them to the end on a fake clock, and reads each task's queue and run time.</summary>
    private static async Task<List<(TimeSpan Queue, TimeSpan Run, double AudioSeconds)>> TimelinesAsync(TimingProfile profile, int seed)
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = LivePortraitEmulator.Start(o =>
        {
            o.TimeProvider = clock;
            o.DisableRateLimits = true;
            o.QueueDelay = Queue;
            o.RunningBaseDuration = RunBase;
            o.RunningSecondsPerAudioSecond = PerAudioSecond;
            o.Fidelity = EmulatorFidelity.Default with { Timing = profile, TimingSeed = seed };
        });
        var ids = new List<string>();
        for (var i = 0; i < TaskCount; i++)
        {
            emulator.AddAccount("timing-" + i, "sk-timing-" + i);
            using var client = Api.Client(emulator, "sk-timing-" + i);
            ids.Add(await Api.SubmitSampleAsync(client, emulator));
        }

        emulator.AdvanceClock(TimeSpan.FromMinutes(10));
        return ids.Select(id => emulator.FindTask(id)!).Select(t =>
        {
            Assert.Equal(EmulatedTaskStatus.Succeeded, t.Status);
            return (t.ScheduledTime!.Value - t.SubmitTime, t.EndTime!.Value - t.ScheduledTime.Value, t.VideoDurationSeconds!.Value);
        }).ToList();
    }
}
