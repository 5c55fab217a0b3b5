using DashScope.Toolkit;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Toolkit.Tests;

/// <summary>The wait ends at its time limit by the clock, even when the limit's own timer has not fired yet.</summary>
public sealed class TaskPollerLimitTests
{
    private static readonly DashScopeServiceDescription Service = new(
        "test", new Uri("http://127.0.0.1/"), "TEST_KEY", null, ["SUCCEEDED", "FAILED"], "SUCCEEDED", TimeSpan.FromSeconds(1));

    [Fact]
    public async Task A_pause_that_ends_at_the_limit_starts_no_poll_when_the_limits_timer_is_late()
    {
        var options = new TaskWaitOptions
        {
            InitialPollInterval = TimeSpan.FromSeconds(1),
            MaxPollInterval = TimeSpan.FromSeconds(1),
            BackoffMultiplier = 1,
            JitterRatio = 0,
            Timeout = TimeSpan.FromSeconds(5),
        };
        var fake = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var clock = new LateLimitClock(fake, options.Timeout);
        var start = fake.GetUtcNow();
        var polls = new List<TimeSpan>();

        var wait = DashScopeTaskPoller.WaitAsync(
            "task-1",
            (id, _) =>
            {
                var at = fake.GetUtcNow() - start;
                polls.Add(at);

                // Ends a wait that would otherwise poll for ever, so a regression fails instead of hanging.
                return at > TimeSpan.FromSeconds(10) ? throw new InvalidOperationException("still polling") : Task.FromResult("RUNNING");
            },
            status => new DashScopeTaskSnapshot("task-1", status, null, null, null),
            Service,
            options,
            clock,
            progress: null,
            logger: null,
            CancellationToken.None);
        for (var step = 0; step < 15; step++)
        {
            // Advance only once the wait sleeps on the clock (or has ended), as a driver of fake time must.
            await Task.WhenAny(wait, clock.Armed.WaitAsync());
            if (wait.IsCompleted)
            {
                break;
            }

            fake.Advance(TimeSpan.FromSeconds(1));
        }

        var error = await Assert.ThrowsAsync<DashScopeTaskTimeoutException>(() => wait);
        Assert.Equal(options.Timeout, error.Limit);
        Assert.Equal(Enumerable.Range(0, 5).Select(s => TimeSpan.FromSeconds(s)), polls);
    }

    /// <summary>The fake clock, except that the timer of the wait's limit never fires: only the clock's reading can end the wait.</summary>
    private sealed class LateLimitClock(FakeTimeProvider inner, TimeSpan limit) : TimeProvider
    {
        /// <summary>Released each time a timer other than the limit's is armed: the wait is sleeping on the clock.</summary>
        public SemaphoreSlim Armed { get; } = new(0);

        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

        public override long GetTimestamp() => inner.GetTimestamp();

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime == limit)
            {
                return new SilentTimer();
            }

            var timer = inner.CreateTimer(callback, state, dueTime, period);
            Armed.Release();
            return timer;
        }

        private sealed class SilentTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
