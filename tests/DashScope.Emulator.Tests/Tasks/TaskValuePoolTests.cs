using DashScope.Emulator.Tasks;

namespace DashScope.Emulator.Tests.Tasks;

/// <summary>Tasks that name the same model and files keep one copy of each value; the pool never grows past its cap.</summary>
public sealed class TaskValuePoolTests
{
    [Fact]
    public void EqualTextsGiveOneInstance()
    {
        var pool = new TaskValuePool();
        var first = pool.Text(new string("http://127.0.0.1/a.png".AsSpan()));
        var second = pool.Text(new string("http://127.0.0.1/a.png".AsSpan()));

        Assert.Same(first, second);
        Assert.NotSame(first, pool.Text("http://127.0.0.1/b.png"));
        Assert.Null(pool.Text(null));
    }

    [Fact]
    public void EqualSecondListsGiveOneInstanceAndDifferentOnesDoNot()
    {
        var pool = new TaskValuePool();
        var first = pool.Seconds([null, 2.5]);

        Assert.Same(first, pool.Seconds([null, 2.5]));
        Assert.NotSame(first, pool.Seconds([2.5, null]));
        Assert.NotSame(first, pool.Seconds([null, 2.5, null]));
        Assert.NotSame(first, pool.Seconds([null, 2.25]));
        Assert.Null(pool.Seconds(null));
    }

    [Fact]
    public void PastItsCapacityANewValueIsKeptAsGiven()
    {
        var pool = new TaskValuePool();
        for (var i = 0; i < TaskValuePool.Capacity; i++)
        {
            pool.Text("http://127.0.0.1/" + i);
        }

        var late = new string("http://127.0.0.1/late".AsSpan());
        Assert.Same(late, pool.Text(late));
        Assert.NotSame(pool.Text(new string("http://127.0.0.1/late".AsSpan())), late);
        Assert.Equal("http://127.0.0.1/late", pool.Text(new string("http://127.0.0.1/late".AsSpan())));

        // A value pooled before the cap is still shared.
        Assert.Same(pool.Text("http://127.0.0.1/7"), pool.Text(new string("http://127.0.0.1/7".AsSpan())));
    }

    [Fact]
    public void TasksSubmittedWithTheSameFilesShareTheirValues()
    {
        using var board = new TaskBoard(TimeProvider.System, new TaskTimings(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), 0, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1)));

        var first = board.Submit(Request());
        var second = board.Submit(Request());

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
