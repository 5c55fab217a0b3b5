using DashScope.Emulator.Tasks;

namespace DashScope.Emulator.Tests.Tasks;

/// <summary>Each distinct value gets one handle and one stored instance; past its capacity the pool tells the caller to keep the value.</summary>
public sealed class TaskValuePoolTests
{
    [Fact]
    public void EqualTextsGiveOneHandleAndOneInstance()
    {
        var pool = new TaskValuePool();
        var first = pool.Text(new string("http://127.0.0.1/a.png".AsSpan()));
        var second = pool.Text(new string("http://127.0.0.1/a.png".AsSpan()));

        Assert.Equal(first, second);
        Assert.NotEqual(first, pool.Text("http://127.0.0.1/b.png"));
        Assert.Equal("http://127.0.0.1/a.png", pool.TextAt(first));
        Assert.Same(pool.TextAt(first), pool.TextAt(second));
        Assert.Equal(TaskValuePool.None, pool.Text(null));
        Assert.Null(pool.TextAt(TaskValuePool.None));
    }

    [Fact]
    public void EqualSecondListsGiveOneHandleAndDifferentOnesDoNot()
    {
        var pool = new TaskValuePool();
        var first = pool.Seconds([null, 2.5]);

        Assert.Equal(first, pool.Seconds([null, 2.5]));
        Assert.NotEqual(first, pool.Seconds([2.5, null]));
        Assert.NotEqual(first, pool.Seconds([null, 2.5, null]));
        Assert.NotEqual(first, pool.Seconds([null, 2.25]));
        Assert.Equal(new double?[] { null, 2.5 }, pool.SecondsAt(first));
        Assert.Equal(TaskValuePool.None, pool.Seconds(null));
    }

    [Fact]
    public void PastItsCapacityANewValueGetsTheOverflowHandle()
    {
        var pool = new TaskValuePool();
        for (var i = 0; i < TaskValuePool.Capacity; i++)
        {
            Assert.Equal(i, pool.Text("http://127.0.0.1/" + i));
        }

        Assert.Equal(TaskValuePool.Overflow, pool.Text("http://127.0.0.1/late"));
        Assert.Equal(TaskValuePool.Overflow, pool.Text("http://127.0.0.1/late"));

        // A value pooled before the cap keeps its handle.
        Assert.Equal(7, pool.Text(new string("http://127.0.0.1/7".AsSpan())));
    }

    [Theory]
    [InlineData(TaskValuePool.None)]
    [InlineData(TaskValuePool.Overflow)]
    [InlineData(-3)]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(TaskValuePool.Capacity - 1)]
    public void HandlesSurviveTheirSixteenBitForm(int handle)
    {
        Assert.Equal(handle, TaskValuePool.Expand(TaskValuePool.Compact(handle)));
    }

    [Fact]
    public void TheSameNewValueAddedFromManyThreadsAtOnceGetsOneHandle()
    {
        var pool = new TaskValuePool();
        var values = Enumerable.Range(0, 200).Select(i => "http://127.0.0.1/" + i).ToArray();

        var handles = new int[8][];
        Parallel.For(0, handles.Length, t => handles[t] = values.Select(v => pool.Text(new string(v.AsSpan()))).ToArray());

        Assert.All(handles, h => Assert.Equal(handles[0], h));
        Assert.Equal(values, handles[0].Select(pool.TextAt));
    }

    [Fact]
    public void TasksSubmittedWithTheSameFilesShareTheirStoredValues()
    {
        using var board = new TaskBoard(TimeProvider.System, new TaskTimings(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), 0, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1)));

        var first = board.Find(board.Submit(Request()).TaskId)!;
        var second = board.Find(board.Submit(Request()).TaskId)!;

        Assert.NotEqual(first.TaskId, second.TaskId);
        Assert.Same(first.ImageUrl, second.ImageUrl);
        Assert.Same(first.AudioUrl, second.AudioUrl);
        Assert.Same(first.Model, second.Model);
        Assert.Same(first.MediaSeconds, second.MediaSeconds);
        Assert.Equal(new double?[] { null, 3.5 }, second.MediaSeconds);
    }

    // Fresh instances each time, as each request's body yields its own strings.
    private static NewTask Request() => new(
        EmulatorEndpoint.VideoSynthesis, 1, "acct", "key-acct", new string("liveportrait".AsSpan()), Guid.NewGuid().ToString(),
        new string("http://127.0.0.1/a.png".AsSpan()), new string("http://127.0.0.1/a.wav".AsSpan()), 3.5, null, null, [null, 3.5]);
}
