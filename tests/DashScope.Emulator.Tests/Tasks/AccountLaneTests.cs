using DashScope.Emulator.Tasks;

namespace DashScope.Emulator.Tests.Tasks;

/// <summary>The lane's queue keeps submit order when tasks leave it from anywhere and come back to its end.</summary>
public sealed class AccountLaneTests
{
    [Fact]
    public void TheHeadIsTheOldestQueuedTask()
    {
        var lane = Lane("a", "b", "c");

        Assert.Equal(Id("a"), lane.Head);
        Assert.Equal(3, lane.QueuedCount);
    }

    [Fact]
    public void ATaskTakenOutOfTheMiddleIsSkippedAndTheOrderOfTheRestIsKept()
    {
        var lane = Lane("a", "b", "c");

        lane.Dequeue(Id("b"));
        lane.Dequeue(Id("a"));

        Assert.Equal(Id("c"), lane.Head);
        Assert.Equal(1, lane.QueuedCount);
    }

    [Fact]
    public void ATaskQueuedAgainGoesToTheBackNotToItsOldPlace()
    {
        // A held task that is released queues again behind the tasks submitted after it.
        var lane = Lane("a", "b", "c");

        lane.Dequeue(Id("a"));
        lane.Enqueue(Id("a"));

        Assert.Equal(new[] { "b", "c", "a" }, Drain(lane));
    }

    [Fact]
    public void QueueingATaskThatIsAlreadyQueuedChangesNothing()
    {
        var lane = Lane("a", "b");

        lane.Enqueue(Id("a"));

        Assert.Equal(new[] { "a", "b" }, Drain(lane));
    }

    [Fact]
    public void AnEmptiedLaneHasNoHeadAndQueuesAgainFromScratch()
    {
        var lane = Lane("a", "b");
        lane.Dequeue(Id("a"));
        lane.Dequeue(Id("b"));
        Assert.Null(lane.Head);

        lane.Enqueue(Id("b"));
        lane.Enqueue(Id("a"));

        Assert.Equal(new[] { "b", "a" }, Drain(lane));
    }

    [Fact]
    public void TakingOutATaskThatIsNotQueuedChangesNothing()
    {
        var lane = Lane("a");

        lane.Dequeue(Id("x"));

        Assert.Equal(Id("a"), lane.Head);
        Assert.Equal(1, lane.QueuedCount);
    }

    [Fact]
    public void ALongQueueKeepsItsOrderAcrossChunksAndTheSplitOfItsTickets()
    {
        // Past a chunk of the queue and past the ticket map's split: every third task taken out, every seventh of those
        // queued again at the back, and nothing else moves.
        var names = Enumerable.Range(0, 5_000).Select(i => "long-" + i).ToList();
        var lane = Lane([.. names]);
        var takenOut = names.Where((_, i) => i % 3 == 0).ToList();
        takenOut.ForEach(name => lane.Dequeue(Id(name)));
        var queuedAgain = takenOut.Where((_, i) => i % 7 == 0).ToList();
        queuedAgain.ForEach(name => lane.Enqueue(Id(name)));

        var expected = names.Except(takenOut).Concat(queuedAgain).ToList();
        Assert.Equal(expected.Count, lane.QueuedCount);
        Assert.Equal(expected, Drain(lane));
        Assert.Equal(0, lane.QueuedCount);
    }

    // Task ids are 128-bit values on the board; the tests name them with letters.
    private static readonly Dictionary<string, Guid> Ids = new();
    private static readonly Dictionary<Guid, string> Names = new();

    private static Guid Id(string name)
    {
        lock (Ids)
        {
            if (!Ids.TryGetValue(name, out var id))
            {
                id = Guid.NewGuid();
                Ids[name] = id;
                Names[id] = name;
            }

            return id;
        }
    }

    private static AccountLane Lane(params string[] ids)
    {
        var lane = new AccountLane(1);
        foreach (var id in ids)
        {
            lane.Enqueue(Id(id));
        }

        return lane;
    }

    private static List<string> Drain(AccountLane lane)
    {
        var order = new List<string>();
        while (lane.Head is { } head)
        {
            order.Add(Names[head]);
            lane.Dequeue(head);
        }

        return order;
    }
}
