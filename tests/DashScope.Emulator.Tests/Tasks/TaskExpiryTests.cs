using DashScope.Emulator.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Emulator.Tests.Tasks;

/// <summary>
/// Expiry of finished tasks by the queue of expiry instants: due tasks only, soonest first (finishing order among
/// equals), next expiry exact even after the cap dropped tasks, and entries of dropped tasks kept bounded.
/// </summary>
public sealed class TaskExpiryTests : IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromHours(1);
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(T0);
    private readonly List<TaskBoard> _boards = [];

    public void Dispose() => _boards.ForEach(b => b.Dispose());

    [Fact]
    public void ExpiryRemovesOnlyWhatIsDueAndKeepsTheRestForLater()
    {
        var retention = new TaskRetention(Period, null);
        var early = Finish(retention, "a", T0);
        var sameInstant = Finish(retention, "b", T0.AddSeconds(10));
        var alsoThen = Finish(retention, "a", T0.AddSeconds(10));
        var late = Finish(retention, "b", T0.AddSeconds(20));

        Assert.Empty(retention.RemoveExpired(T0 + Period - TimeSpan.FromTicks(1)));
        Assert.Equal([early], retention.RemoveExpired(T0 + Period));
        Assert.Empty(retention.RemoveExpired(T0 + Period));
        Assert.Equal(T0.AddSeconds(10) + Period, retention.NextExpiry);
        Assert.Equal([sameInstant, alsoThen], retention.RemoveExpired(T0.AddSeconds(15) + Period));
        Assert.Equal(T0.AddSeconds(20) + Period, retention.NextExpiry);
        Assert.Equal([late], retention.RemoveExpired(T0.AddDays(1)));
        Assert.Equal(DateTimeOffset.MaxValue, retention.NextExpiry);
    }

    [Fact]
    public void ManyTasksFinishedInAnyOrderExpireSoonestFirstAcrossAccounts()
    {
        var retention = new TaskRetention(Period, null);
        var random = new Random(20250101);
        var finished = new List<(Guid Id, DateTimeOffset End, int Order)>();
        for (var i = 0; i < 2_000; i++)
        {
            // Ends out of finishing order (a forced end is stamped "now"), many sharing an instant.
            var end = T0.AddSeconds(random.Next(0, 500));
            finished.Add((Finish(retention, "account-" + random.Next(0, 7), end), end, i));
        }

        var expected = finished.OrderBy(t => t.End).ThenBy(t => t.Order).ToList();
        foreach (var instant in expected.Select(t => t.End + Period).Distinct())
        {
            Assert.Equal(instant, retention.NextExpiry);
            var due = expected.Where(t => t.End + Period == instant).Select(t => t.Id).ToList();
            Assert.Equal(due, retention.RemoveExpired(instant));
        }

        Assert.Equal(DateTimeOffset.MaxValue, retention.NextExpiry);
        Assert.Equal(0, retention.ExpiryEntryCount);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(40)]
    public void AClockMovedPastManyExpiriesAtOnceTakesExactlyTheDueOnesInOrder(int? cap)
    {
        var retention = new TaskRetention(Period, cap);
        var random = new Random(7);
        var kept = new List<(Guid Id, DateTimeOffset End, int Order)>();
        for (var i = 0; i < 5_000; i++)
        {
            var account = "account-" + random.Next(0, 9);
            var end = T0.AddSeconds(random.Next(0, 1_000));
            var id = Guid.NewGuid();
            var dropped = retention.Finished(account, id, end);
            kept.RemoveAll(t => dropped.Contains(t.Id));
            kept.Add((id, end, i));
        }

        var expected = kept.OrderBy(t => t.End).ThenBy(t => t.Order).ToList();
        var firstJump = T0.AddSeconds(700) + Period;
        Assert.Equal(expected.Where(t => t.End + Period <= firstJump).Select(t => t.Id), retention.RemoveExpired(firstJump));
        Assert.Equal(expected.First(t => t.End + Period > firstJump).End + Period, retention.NextExpiry);
        Assert.Equal(expected.Where(t => t.End + Period > firstJump).Select(t => t.Id), retention.RemoveExpired(T0.AddDays(1)));
        Assert.Equal(0, retention.ExpiryEntryCount);
    }

    [Fact]
    public void TasksDroppedPastTheCapDoNotExpireAgainNorHoldBackTheNextExpiry()
    {
        var retention = new TaskRetention(Period, maxFinishedPerAccount: 2);
        var a1 = Finish(retention, "a", T0);
        var b1 = Finish(retention, "b", T0.AddSeconds(1));
        var a2 = Finish(retention, "a", T0.AddSeconds(2));
        var a3 = Guid.NewGuid();
        var a4 = Guid.NewGuid();
        Assert.Equal([a1], retention.Finished("a", a3, T0.AddSeconds(3)));
        Assert.Equal([a2], retention.Finished("a", a4, T0.AddSeconds(4)));

        // The next expiry is b1's, not that of a1, which is no longer kept.
        Assert.Equal(T0.AddSeconds(1) + Period, retention.NextExpiry);
        Assert.Empty(retention.RemoveExpired(T0 + Period));
        Assert.Equal([b1], retention.RemoveExpired(T0.AddSeconds(2) + Period));
        Assert.Equal(T0.AddSeconds(3) + Period, retention.NextExpiry);
        Assert.Equal([a3], retention.RemoveExpired(T0.AddSeconds(3) + Period));
        Assert.Equal([a4], retention.RemoveExpired(T0.AddDays(1)));
        Assert.Equal(0, retention.ExpiryEntryCount);
    }

    [Fact]
    public void EntriesOfTasksDroppedPastTheCapStayBoundedByTheLiveOnes()
    {
        var retention = new TaskRetention(Period, maxFinishedPerAccount: 1);

        // The one task of "a" finishes first and stays, so the entries dropped behind it never reach the top.
        var kept = Finish(retention, "a", T0);
        Guid last = default;
        for (var i = 1; i <= 5_000; i++)
        {
            last = Finish(retention, "b", T0.AddMilliseconds(i));
            Assert.InRange(retention.ExpiryEntryCount, 2, 257);
        }

        Assert.Equal(T0 + Period, retention.NextExpiry);
        Assert.Equal([kept, last], retention.RemoveExpired(T0.AddDays(1)));
        Assert.Equal(0, retention.ExpiryEntryCount);
    }

    [Fact]
    public void OnTheFakeClockABoardDropsEachFinishedTaskAsItsRetentionEnds()
    {
        var board = Board(maxFinished: null);
        var removed = new List<Guid>();
        board.Removed += removed.Add;
        var ids = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            ids.Add(Submit(board, "account-" + (i % 3)));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        // The first task expires an hour after it finished; from then on each second drops the next one, alone.
        _clock.Advance(Period - TimeSpan.FromSeconds(100));
        for (var i = 0; i < ids.Count; i++)
        {
            Assert.Equal(ids.Take(i + 1).Select(Guid.Parse), removed);
            Assert.Null(board.Find(ids[i]));
            Assert.All(ids.Skip(i + 1), id => Assert.NotNull(board.Find(id)));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public void OnABoardATaskDroppedByTheCapIsRemovedOnceAndTheKeptOnesExpireOnTime()
    {
        var board = Board(maxFinished: 1);
        var removed = new List<Guid>();
        board.Removed += removed.Add;
        var first = Submit(board, "a");
        _clock.Advance(TimeSpan.FromSeconds(1));
        var other = Submit(board, "b");
        _clock.Advance(TimeSpan.FromSeconds(1));
        var second = Submit(board, "a");

        Assert.Equal([Guid.Parse(first)], removed);
        _clock.Advance(Period - TimeSpan.FromSeconds(1));
        Assert.Equal([Guid.Parse(first), Guid.Parse(other)], removed);
        Assert.NotNull(board.Find(second));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([Guid.Parse(first), Guid.Parse(other), Guid.Parse(second)], removed);
        Assert.Null(board.Find(second));
    }

    [Fact]
    public void ATaskReleasedLateEndsWhenItWasDueAndExpiresBeforeTasksThatFinishedBeforeIt()
    {
        var board = Board(maxFinished: null);
        var removed = new List<Guid>();
        board.Removed += removed.Add;
        board.HoldNext(1);
        var held = Submit(board, "a");
        _clock.Advance(TimeSpan.FromSeconds(5));
        var other = Submit(board, "b");
        _clock.Advance(TimeSpan.FromSeconds(5));

        // Released ten seconds on, it runs from when it was due: it ends at the start, before the other task did.
        board.Release(held);
        Assert.Equal(T0, board.Find(held)!.EndTime);
        Assert.Equal(T0.AddSeconds(5), board.Find(other)!.EndTime);

        _clock.Advance(Period - TimeSpan.FromSeconds(10));
        Assert.Equal([Guid.Parse(held)], removed);
        Assert.NotNull(board.Find(other));
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal([Guid.Parse(held), Guid.Parse(other)], removed);
    }

    private static Guid Finish(TaskRetention retention, string account, DateTimeOffset end)
    {
        var id = Guid.NewGuid();
        retention.Finished(account, id, end);
        return id;
    }

    private TaskBoard Board(int? maxFinished)
    {
        var board = new TaskBoard(_clock, new TaskTimings(TimeSpan.Zero, TimeSpan.Zero, 0, TimeSpan.Zero, Period), maxFinished);
        _boards.Add(board);
        return board;
    }

    private static string Submit(TaskBoard board, string account) =>
        board.SubmitForId(new NewTask(EmulatorEndpoint.VideoSynthesis, 1, account, "key-" + account, "liveportrait", "req", "http://a/i.png", "http://a/a.wav", 2.5, null, null));
}
