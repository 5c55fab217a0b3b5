using DashScope.Emulator.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Emulator.Tests.Tasks;

/// <summary>
/// A submit pumps the board only when something is due, and again only when the new task heads its lane: tasks
/// queued behind others must still start and end at their planned instants, and each task's creation is raised once,
/// as nothing-to-PENDING, before any of its other transitions. On the fake clock.
/// </summary>
public sealed class TaskBoardSubmitTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly TaskBoard _board;
    private readonly List<TaskTransition> _transitions = [];

    public TaskBoardSubmitTests()
    {
        // Ten seconds queued, five running.
        _board = new TaskBoard(_clock, new TaskTimings(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), 0, TimeSpan.FromSeconds(5), TimeSpan.FromHours(24)));
        _board.Transitioned += _transitions.Add;
    }

    public void Dispose() => _board.Dispose();

    [Fact]
    public void TasksQueuedBehindOthersStartAsTheOneBeforeEnds()
    {
        var ids = new[] { Submit(), Submit(), Submit() };

        _clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(
            new[] { Start.AddSeconds(10), Start.AddSeconds(15), Start.AddSeconds(20) },
            ids.Select(id => _board.Find(id)!.ScheduledTime!.Value));
        Assert.All(ids, id => Assert.Equal(EmulatedTaskStatus.Succeeded, _board.Find(id)!.Status));
    }

    [Fact]
    public void ASubmitWhileATransitionIsDueAppliesItAtItsOwnInstantFirst()
    {
        var first = Submit();
        // Past the first task's start, without the timer having fired: the submit itself finds it due.
        _clock.AdjustTime(Start.AddSeconds(12));
        var second = Submit();

        Assert.Equal(EmulatedTaskStatus.Running, _board.Find(first)!.Status);
        Assert.Equal(Start.AddSeconds(10), _board.Find(first)!.ScheduledTime);
        Assert.Equal(Start.AddSeconds(12), _board.Find(second)!.SubmitTime);
        _clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(Start.AddSeconds(22), _board.Find(second)!.ScheduledTime);
    }

    [Fact]
    public void EachTaskIsRaisedOnceAsCreatedPendingBeforeItsOtherTransitions()
    {
        _board.HoldNext(1);
        var held = Submit();
        var ids = new[] { Submit(), Submit() };
        _clock.Advance(TimeSpan.FromSeconds(30));

        var created = _transitions.Where(t => t.From is null).ToList();
        Assert.Equal(new[] { held, ids[0], ids[1] }, created.Select(t => t.TaskId));
        Assert.All(created, t => Assert.Equal(EmulatedTaskStatus.Pending, t.To));
        Assert.All(ids, id => Assert.Equal(
            new EmulatedTaskStatus?[] { null, EmulatedTaskStatus.Pending, EmulatedTaskStatus.Running },
            _transitions.Where(t => t.TaskId == id).Select(t => t.From)));
        Assert.Equal(EmulatedTaskStatus.Pending, _board.Find(held)!.Status);
    }

    private string Submit() =>
        _board.Submit(new NewTask(EmulatorEndpoint.VideoSynthesis, 1, "a", "key-a", "liveportrait", "req", "http://a/i.png", "http://a/a.wav", null, null, null)).TaskId;
}
