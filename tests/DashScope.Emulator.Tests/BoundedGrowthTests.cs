using DashScope.Emulator.Dashboard;
using DashScope.Emulator.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Emulator.Tests;

/// <summary>What grows with every task stays bounded: the dashboard's record of task changes and of gone tasks.</summary>
public sealed class BoundedGrowthTests
{
    [Fact]
    public void TheTrackerKeepsAWindowOfGoneTasksAndSendsAReaderBehindItAFullPicture()
    {
        var tracker = new ChangeTracker();
        var before = tracker.Version;
        var ids = Enumerable.Range(0, ChangeTracker.GoneWindow * 3).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids)
        {
            tracker.TaskChanged(id);
            tracker.TaskGone(id);
        }

        var behind = tracker.Since(before);
        Assert.True(behind.Full);

        // Each task made two versions (changed, gone): the last 20 versions hold the last 10 gone tasks.
        var recent = tracker.Since(tracker.Version - 20);
        Assert.False(recent.Full);
        Assert.Equal(ids.TakeLast(10).Select(id => id.ToString()).Order(StringComparer.Ordinal), recent.GoneTaskIds.Order(StringComparer.Ordinal));
        Assert.Empty(recent.TaskIds);

        // A reader just inside the window still gets changes, never more gone tasks than the window holds.
        var oldest = tracker.Since(tracker.Version - (ChangeTracker.GoneWindow * 2) + 2);
        Assert.False(oldest.Full);
        Assert.True(oldest.GoneTaskIds.Count <= ChangeTracker.GoneWindow);
    }

    [Fact]
    public void TasksTheBoardDropsAreReportedGoneWithoutAnyReader()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var board = new TaskBoard(clock, new TaskTimings(TimeSpan.Zero, TimeSpan.Zero, 0, TimeSpan.Zero, TimeSpan.FromHours(24)), maxFinishedTasksPerAccount: 2);
        var removed = new List<string>();
        board.Removed += id => removed.Add(id.ToString());
        var ids = Enumerable.Range(0, 5).Select(_ => board.Submit(new NewTask(EmulatorEndpoint.VideoSynthesis, 1, "a", "k", "m", "r", null, null, null, null, null)).TaskId).ToList();

        Assert.Equal(ids.Take(3), removed);

        // The two kept ones expire together, in no particular order.
        clock.Advance(TimeSpan.FromHours(24));
        board.Pump();
        Assert.Equal(ids.Order(StringComparer.Ordinal), removed.Order(StringComparer.Ordinal));
        Assert.Equal(ids.Take(3), removed.Take(3));
    }

    [Fact]
    public async Task AnEmulatorUnderSteadySubmitsReportsEveryTaskItDropsGone()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var emulator = LivePortraitEmulator.Start(o =>
        {
            o.TimeProvider = clock;
            o.MaxFinishedTasksPerAccount = 3;
            o.QueueDelay = TimeSpan.Zero;
            o.RunningBaseDuration = TimeSpan.Zero;
            o.RunningSecondsPerAudioSecond = 0;
        });
        using var client = Support.Api.Client(emulator);
        for (var i = 0; i < 8; i++)
        {
            await Support.Api.SubmitSampleAsync(client, emulator);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(3, emulator.GetTasks().Count);
        var gone = emulator.DashboardTracker.Since(1).GoneTaskIds;
        Assert.Equal(5, gone.Count);
        Assert.DoesNotContain(gone, id => emulator.FindTask(id) is not null);
    }

    [Fact]
    public void TheTrackerKeepsAWindowOfTaskChangesAndSendsEachChangedTaskOnce()
    {
        var tracker = new ChangeTracker();
        var start = tracker.Version;
        var ids = Enumerable.Range(0, ChangeTracker.TaskWindow * 2).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids)
        {
            tracker.TaskChanged(id);
        }

        Assert.Equal(ChangeTracker.TaskWindow, tracker.TaskChangesKept);
        Assert.True(tracker.Since(start).Full);

        // Three changes to one task and one to another, after a version the reader saw: each is sent once.
        var seen = tracker.Version;
        tracker.TaskChanged(ids[0]);
        tracker.TaskChanged(ids[1]);
        tracker.TaskChanged(ids[0], DashboardSection.Plans);
        tracker.TaskChanged(ids[0]);
        var recent = tracker.Since(seen);

        Assert.False(recent.Full);
        Assert.Equal(new[] { ids[0], ids[1] }.Select(id => id.ToString()).Order(StringComparer.Ordinal), recent.TaskIds.Order(StringComparer.Ordinal));
        Assert.Equal([DashboardSection.Plans], recent.Sections);
        Assert.Equal(ChangeTracker.TaskWindow, tracker.TaskChangesKept);
    }

    [Fact]
    public void AReaderAtTheOldestDroppedChangeHasSeenItAndOneBeforeItHasNot()
    {
        var tracker = new ChangeTracker();
        var start = tracker.Version;
        for (var i = 0; i <= ChangeTracker.TaskWindow; i++)
        {
            tracker.TaskChanged(Guid.NewGuid());
        }

        // One change more than the window: the first change (version start + 1) is the one dropped.
        var dropped = start + 1;
        Assert.False(tracker.Since(dropped).Full);
        Assert.Equal(ChangeTracker.TaskWindow, tracker.Since(dropped).TaskIds.Count);
        Assert.True(tracker.Since(dropped - 1).Full);
    }

    [Fact]
    public void TasksAPumpDropsInsideARefusedControlAreStillRaised()
    {
        var clock = new TimerlessClock(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var board = new TaskBoard(clock, new TaskTimings(TimeSpan.Zero, TimeSpan.Zero, 0, TimeSpan.Zero, TimeSpan.FromHours(24)));
        var removed = new List<string>();
        board.Removed += id => removed.Add(id.ToString());
        var finished = board.Submit(new NewTask(EmulatorEndpoint.VideoSynthesis, 1, "a", "k", "m", "r", null, null, null, null, null)).TaskId;

        // The task expires with the clock, and no timer wakes the board: the control's own pump drops it, then the
        // control refuses an unknown id.
        clock.Advance(TimeSpan.FromHours(25));
        Assert.ThrowsAny<Exception>(() => board.Force(Guid.NewGuid().ToString(), EmulatedTaskStatus.Failed, "X", null));

        Assert.Equal([finished], removed);
    }

    /// <summary>A fake clock whose timers never fire, so only an explicit call moves the board.</summary>
    private sealed class TimerlessClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new SilentTimer();

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
