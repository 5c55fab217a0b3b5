using DashScope.Emulator.Tasks;
using DashScope.Emulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Emulator.Tests;

/// <summary>
/// The cap on finished tasks per account: past it the oldest finished task is forgotten (and then reads like an
/// unknown task), a task that has not finished is never forgotten, and each account counts its own. On the fake clock.
/// </summary>
public sealed class TaskRetentionTests : IDisposable
{
    private static readonly TimeSpan Retention = TimeSpan.FromHours(24);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly List<TaskBoard> _boards = [];

    public void Dispose() => _boards.ForEach(b => b.Dispose());

    [Fact]
    public void PastTheCapTheOldestFinishedTasksAreForgotten()
    {
        var board = Board(maxFinished: 3, runSeconds: 0);
        var ids = Enumerable.Range(0, 5).Select(_ => Submit(board, "a")).ToList();

        Assert.All(ids, id => Assert.True(board.Find(id) is null || board.Find(id)!.IsTerminal));
        Assert.Null(board.Find(ids[0]));
        Assert.Null(board.Find(ids[1]));
        Assert.All(ids.Skip(2), id => Assert.Equal(EmulatedTaskStatus.Succeeded, board.Find(id)!.Status));
        Assert.Equal(3, board.Snapshot("a").Count);
    }

    [Fact]
    public void UnfinishedTasksAreNeverForgottenWhateverTheirAge()
    {
        var board = Board(maxFinished: 1, runSeconds: 0);
        board.HoldNext(2);
        var held = new[] { Submit(board, "a"), Submit(board, "a") };
        var finished = Enumerable.Range(0, 4).Select(_ => Submit(board, "a")).ToList();

        // A slow account: its first task runs for an hour, the others queue behind it.
        var slow = Board(maxFinished: 1, runSeconds: 3600);
        var running = Submit(slow, "b");
        var queued = Enumerable.Range(0, 3).Select(_ => Submit(slow, "b")).ToList();
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.All(held, id => Assert.Equal(EmulatedTaskStatus.Pending, board.Find(id)!.Status));
        Assert.Equal(finished[^1], Assert.Single(board.Snapshot("a"), t => t.IsTerminal).TaskId);
        Assert.Equal(EmulatedTaskStatus.Running, slow.Find(running)!.Status);
        Assert.All(queued, id => Assert.Equal(EmulatedTaskStatus.Pending, slow.Find(id)!.Status));
    }

    [Fact]
    public void TheOrderIsThatOfFinishingNotOfSubmitting()
    {
        var board = Board(maxFinished: 2, runSeconds: 0);
        board.HoldNext(1);
        var first = Submit(board, "a");
        var second = Submit(board, "a");
        var third = Submit(board, "a");
        _clock.Advance(TimeSpan.FromSeconds(1));
        board.Release(first);

        // Finished in the order second, third, first: the second is the oldest finished.
        Assert.Null(board.Find(second));
        Assert.Equal(EmulatedTaskStatus.Succeeded, board.Find(third)!.Status);
        Assert.Equal(EmulatedTaskStatus.Succeeded, board.Find(first)!.Status);
    }

    [Fact]
    public void EachAccountCountsItsOwnFinishedTasks()
    {
        var board = Board(maxFinished: 2, runSeconds: 0);
        var a = Enumerable.Range(0, 3).Select(_ => Submit(board, "a")).ToList();
        var b = Submit(board, "b");

        Assert.Null(board.Find(a[0]));
        Assert.NotNull(board.Find(a[1]));
        Assert.NotNull(board.Find(a[2]));
        Assert.NotNull(board.Find(b));
        Assert.Equal(2, board.Snapshot("a").Count);
        Assert.Single(board.Snapshot("b"));
    }

    [Fact]
    public void ForcedAndCancelledTasksCountAsFinished()
    {
        var board = Board(maxFinished: 1, runSeconds: 3600);
        var cancelled = Submit(board, "a");
        board.Force(cancelled, EmulatedTaskStatus.Failed, "Boom", "forced");
        var next = Submit(board, "a");
        _clock.Advance(TimeSpan.FromSeconds(1));
        board.Force(next, EmulatedTaskStatus.Canceled, null, null);

        Assert.Null(board.Find(cancelled));
        Assert.Equal(EmulatedTaskStatus.Canceled, board.Find(next)!.Status);
    }

    [Fact]
    public void WithoutACapFinishedTasksStayForTheRetentionPeriodThenExpire()
    {
        var board = Board(maxFinished: null, runSeconds: 0);
        var ids = Enumerable.Range(0, 50).Select(_ => Submit(board, "a")).ToList();
        Assert.All(ids, id => Assert.NotNull(board.Find(id)));

        _clock.Advance(Retention);
        Assert.All(ids, id => Assert.Null(board.Find(id)));
    }

    [Fact]
    public void ExpiredAndCappedTasksAreCountedOnce()
    {
        // A task that expired by time must not still count against the cap afterwards.
        var board = Board(maxFinished: 2, runSeconds: 0);
        Submit(board, "a");
        Submit(board, "a");
        _clock.Advance(Retention);
        var fresh = Enumerable.Range(0, 2).Select(_ => Submit(board, "a")).ToList();

        Assert.All(fresh, id => Assert.NotNull(board.Find(id)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void TheCapMustBeAtLeastOne(int cap)
    {
        var options = new EmulatorOptions();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxFinishedTasksPerAccount = cap);
        Assert.Contains("MaxFinishedTasksPerAccount", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TaskBoard(_clock, Timings(0), cap));
    }

    [Fact]
    public void TheDefaultCapIsTenThousandAndNullTurnsItOff()
    {
        var options = new EmulatorOptions();
        Assert.Equal(10_000, options.MaxFinishedTasksPerAccount);
        Assert.Equal(EmulatorOptions.DefaultMaxFinishedTasksPerAccount, options.MaxFinishedTasksPerAccount);
        options.MaxFinishedTasksPerAccount = null;
        Assert.Null(options.MaxFinishedTasksPerAccount);
        options.MaxFinishedTasksPerAccount = 1;
        Assert.Equal(1, options.MaxFinishedTasksPerAccount);
    }

    [Fact]
    public async Task AForgottenTaskAnswersLikeATaskThatNeverExisted()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var emulator = LivePortraitEmulator.Start(o =>
        {
            o.TimeProvider = clock;
            o.MaxFinishedTasksPerAccount = 1;
        });
        using var client = Api.Client(emulator);
        var forgotten = await Api.SubmitSampleAsync(client, emulator);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("SUCCEEDED", (await Api.QueryAsync(client, forgotten)).TaskStatus);
        var kept = await Api.SubmitSampleAsync(client, emulator);
        clock.Advance(TimeSpan.FromMinutes(1));

        var answer = await Api.QueryAsync(client, forgotten);
        var never = await Api.QueryAsync(client, Guid.NewGuid().ToString());
        Assert.Equal("SUCCEEDED", (await Api.QueryAsync(client, kept)).TaskStatus);
        Assert.Equal((never.Status, never.TaskStatus), (answer.Status, answer.TaskStatus));
        Assert.Equal("UNKNOWN", answer.TaskStatus);
        Assert.Equal(never.Output.EnumerateObject().Select(p => p.Name), answer.Output.EnumerateObject().Select(p => p.Name));
        Assert.Null(emulator.FindTask(forgotten));
    }

    private TaskBoard Board(int? maxFinished, double runSeconds)
    {
        var board = new TaskBoard(_clock, Timings(runSeconds), maxFinished);
        _boards.Add(board);
        return board;
    }

    private static TaskTimings Timings(double runSeconds) =>
        new(TimeSpan.Zero, TimeSpan.FromSeconds(runSeconds), 0, TimeSpan.FromSeconds(runSeconds), Retention);

    private static string Submit(TaskBoard board, string account) =>
        board.Submit(new NewTask(EmulatorEndpoint.VideoSynthesis, 1, account, "key-" + account, "liveportrait", "req", "http://a/i.png", "http://a/a.wav", 2.5, null, null)).TaskId;
}
