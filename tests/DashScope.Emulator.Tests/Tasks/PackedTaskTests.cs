using System.Runtime.CompilerServices;
using DashScope.Emulator.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Emulator.Tests.Tasks;

/// <summary>
/// The board stores tasks packed (ids as numbers, texts as pool handles) and gives back records equal to what was
/// submitted; a stored task holds no reference, and values a full pool cannot take are kept with the task itself.
/// </summary>
public sealed class PackedTaskTests
{
    private static readonly TaskTimings Timings = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(9), 0, TimeSpan.FromSeconds(9), TimeSpan.FromDays(1));

    [Fact]
    public void AStoredTaskHoldsNoReferenceForTheCollectorToMark()
    {
        Assert.False(RuntimeHelpers.IsReferenceOrContainsReferences<PackedTask>());
    }

    [Fact]
    public void PackingAndUnpackingGivesBackEveryFieldOfTheSubmit()
    {
        var packer = new TaskPacker(new TaskValuePool(), new TaskValuePool());
        var requestId = Guid.NewGuid().ToString();
        var request = new NewTask(EmulatorEndpoint.Of("LipSync"), 2, "acct", "key-1", "liveportrait", requestId, "http://a/i.png", null, 2.5, "Bad", "bad media", [null, 2.5]);
        var id = Guid.NewGuid();

        var packed = packer.Submitted(request, id, out var overflow);
        var task = packer.Unpack(packed, overflow);

        Assert.Null(overflow);
        Assert.Equal(id.ToString(), task.TaskId);
        Assert.Equal(("acct", "key-1", "liveportrait", requestId), (task.AccountId, task.ApiKeyId, task.Model, task.RequestId));
        Assert.Equal(("http://a/i.png", (string?)null), (task.ImageUrl, task.AudioUrl));
        Assert.Equal(EmulatorEndpoint.Of("LipSync"), task.Endpoint);
        Assert.Equal(2.5, task.VideoDurationSeconds);
        Assert.Equal(new double?[] { null, 2.5 }, task.MediaSeconds);
        Assert.Null(task.PlannedFailureCode);
        Assert.Null(task.ErrorCode);
    }

    [Theory]
    [InlineData("req")]
    [InlineData("7D5F6D0E-8B1C-4A8E-9F00-0123456789AB")]
    [InlineData(" 7d5f6d0e-8b1c-4a8e-9f00-0123456789ab")]
    public void ARequestIdThatIsNotALowercaseUuidIsKeptAsItsText(string requestId)
    {
        var packer = new TaskPacker(new TaskValuePool(), new TaskValuePool());
        var request = new NewTask(EmulatorEndpoint.VideoSynthesis, 1, "a", "k", "m", requestId, null, null, null, null, null);

        var task = packer.Unpack(packer.Submitted(request, Guid.NewGuid(), out var overflow), overflow);

        Assert.Equal(requestId, task.RequestId);
    }

    [Fact]
    public void ValuesAFullPoolCannotTakeAreKeptWithTheTaskAndSurviveItsTransitions()
    {
        var pool = new TaskValuePool();
        for (var i = 0; i < TaskValuePool.Capacity; i++)
        {
            pool.Text("filler-" + i);
            pool.Seconds([i]);
        }

        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var board = new TaskBoard(clock, Timings, values: pool);
        var submitted = board.Submit(new NewTask(
            EmulatorEndpoint.VideoSynthesis, 1, "overflow-account", "overflow-key", "overflow-model", "overflow-request",
            "http://a/overflow.png", "http://a/overflow.wav", 3.0, "Overflow.Code", "overflow message", [3.0]));

        clock.Advance(TimeSpan.FromSeconds(60));
        var failed = board.Find(submitted.TaskId)!;

        Assert.Equal(EmulatedTaskStatus.Failed, failed.Status);
        Assert.Equal(("overflow-account", "overflow-key", "overflow-model", "overflow-request"), (failed.AccountId, failed.ApiKeyId, failed.Model, failed.RequestId));
        Assert.Equal(("http://a/overflow.png", "http://a/overflow.wav"), (failed.ImageUrl, failed.AudioUrl));
        Assert.Equal(("Overflow.Code", "overflow message"), (failed.ErrorCode, failed.ErrorMessage));
        Assert.Equal(new double?[] { 3.0 }, failed.MediaSeconds);
    }

    [Fact]
    public void AFloodOfNewLinksDoesNotCrowdNamesOutOfThePool()
    {
        // Signed or uploaded media URLs are new for every task; they fill the links' pool only.
        var packer = new TaskPacker(new TaskValuePool(), new TaskValuePool());
        for (var i = 0; i <= TaskValuePool.Capacity; i++)
        {
            packer.Submitted(new NewTask(EmulatorEndpoint.VideoSynthesis, 1, "a", "k", "m", "r", $"http://a/{i}.png", $"http://a/{i}.wav", null, null, null), Guid.NewGuid(), out _);
        }

        var late = packer.Submitted(new NewTask(EmulatorEndpoint.VideoSynthesis, 1, "late-account", "late-key", "late-model", "r", "http://a/late.png", null, null, null, null), Guid.NewGuid(), out var overflow);

        Assert.Equal(TaskValuePool.Overflow, late.Handle(TaskText.ImageUrl));
        Assert.NotEqual(TaskValuePool.Overflow, late.Handle(TaskText.AccountId));
        Assert.NotEqual(TaskValuePool.Overflow, late.Handle(TaskText.Model));
        Assert.Equal("late-account", packer.Unpack(late, overflow).AccountId);
        Assert.Equal("http://a/late.png", packer.Unpack(late, overflow).ImageUrl);
    }

    [Fact]
    public void AZeroedStoredTaskNamesNoText()
    {
        var packed = default(PackedTask);

        Assert.All(Enum.GetValues<TaskText>(), slot => Assert.Equal(TaskValuePool.None, packed.Handle(slot)));
        Assert.Equal(TaskValuePool.None, packed.MediaSeconds);
    }

    [Theory]
    [InlineData("not-a-task")]
    [InlineData("")]
    public void TextThatIsNotATaskIdFindsNothingAndForcingItSaysSo(string taskId)
    {
        using var board = new TaskBoard(new FakeTimeProvider(), Timings);
        board.Submit(new NewTask(EmulatorEndpoint.VideoSynthesis, 1, "a", "k", "m", "r", null, null, null, null, null));

        Assert.Null(board.Find(taskId));
        Assert.False(board.Cancel("a", taskId, ["PENDING"]));
        var error = Assert.Throws<KeyNotFoundException>(() => board.Force(taskId, EmulatedTaskStatus.Succeeded, null, null));
        Assert.Contains($"'{taskId}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordsMadeFromTheStoreEqualRecordsBuiltFromTheSamePublicValues()
    {
        // Records compare every field: the board's own bookkeeping must not make its records differ from a caller's.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.FromHours(8)));
        using var board = new TaskBoard(clock, Timings);
        TaskTransition? raised = null;
        board.Transitioned += t => raised = t;

        var submitted = board.Submit(new NewTask(EmulatorEndpoint.VideoSynthesis, 1, "a", "k", "m", "r", null, null, null, null, null));

        Assert.Equal(submitted, board.Find(submitted.TaskId));
        Assert.Equal(new TaskTransition(submitted.TaskId, "a", null, EmulatedTaskStatus.Pending, clock.GetUtcNow(), null), raised);

        // The clock's offset is kept, not only the instant.
        Assert.Equal(clock.GetUtcNow().Offset, board.Find(submitted.TaskId)!.SubmitTime.Offset);
    }

    [Fact]
    public void UnfinishedTasksAreCountedPerAccountAsTheClockReachesThem()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var board = new TaskBoard(clock, Timings);
        var first = board.Submit(Task("a"));
        board.Submit(Task("a"));
        var third = board.Submit(Task("a"));
        board.Submit(Task("b"));

        Assert.Equal(3, board.CountUnfinished("a"));
        Assert.Equal(1, board.CountUnfinished("b"));
        Assert.Equal(0, board.CountUnfinished("nobody"));

        // The first task of each account runs 5 s after its submit and ends 9 s later; one cancel ends another.
        Assert.True(board.Cancel("a", third.TaskId, ["PENDING"]));
        clock.Advance(TimeSpan.FromSeconds(15));

        Assert.Equal(EmulatedTaskStatus.Succeeded, board.Find(first.TaskId)!.Status);
        Assert.Equal(1, board.CountUnfinished("a"));
        Assert.Equal(0, board.CountUnfinished("b"));
        Assert.Equal(board.Snapshot("a").Count(t => !t.IsTerminal), board.CountUnfinished("a"));

        static NewTask Task(string account) => new(EmulatorEndpoint.VideoSynthesis, 1, account, "k-" + account, "m", "r", null, null, null, null, null);
    }

    [Fact]
    public void AnUppercaseSpellingOfATaskIdIsNotThatTask()
    {
        // Ids were compared as text before they were stored as numbers; the same text still names the task, no other.
        using var board = new TaskBoard(new FakeTimeProvider(), Timings);
        var task = board.Submit(new NewTask(EmulatorEndpoint.VideoSynthesis, 1, "a", "k", "m", "r", null, null, null, null, null));

        Assert.NotNull(board.Find(task.TaskId));
        Assert.Null(board.Find(task.TaskId.ToUpperInvariant()));
    }
}
