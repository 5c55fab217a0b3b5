using DashScope.Emulator.Tasks;

namespace DashScope.Emulator.Tests.Tasks;

/// <summary>The lane's queue keeps submit order when tasks leave it from anywhere and come back to its end.</summary>
public sealed class AccountLaneTests
{
    [Fact]
    public void TheHeadIsTheOldestQueuedTask()
    {
        var lane = Lane("a", "b", "c");

        Assert.Equal("a", lane.Head);
        Assert.Equal(3, lane.QueuedCount);
    }

    [Fact]
    public void ATaskTakenOutOfTheMiddleIsSkippedAndTheOrderOfTheRestIsKept()
    {
        var lane = Lane("a", "b", "c");

        lane.Dequeue("b");
        lane.Dequeue("a");

        Assert.Equal("c", lane.Head);
        Assert.Equal(1, lane.QueuedCount);
    }

    [Fact]
    public void ATaskQueuedAgainGoesToTheBackNotToItsOldPlace()
    {
        // A held task that is released queues again behind the tasks submitted after it.
        var lane = Lane("a", "b", "c");

        lane.Dequeue("a");
        lane.Enqueue("a");

        Assert.Equal(new[] { "b", "c", "a" }, Drain(lane));
    }

    [Fact]
    public void QueueingATaskThatIsAlreadyQueuedChangesNothing()
    {
        var lane = Lane("a", "b");

        lane.Enqueue("a");

        Assert.Equal(new[] { "a", "b" }, Drain(lane));
    }

    [Fact]
    public void AnEmptiedLaneHasNoHeadAndQueuesAgainFromScratch()
    {
        var lane = Lane("a", "b");
        lane.Dequeue("a");
        lane.Dequeue("b");
        Assert.Null(lane.Head);

        lane.Enqueue("b");
        lane.Enqueue("a");

        Assert.Equal(new[] { "b", "a" }, Drain(lane));
    }

    [Fact]
    public void TakingOutATaskThatIsNotQueuedChangesNothing()
    {
        var lane = Lane("a");

        lane.Dequeue("x");

        Assert.Equal("a", lane.Head);
        Assert.Equal(1, lane.QueuedCount);
    }

    private static AccountLane Lane(params string[] ids)
    {
        var lane = new AccountLane(1);
        foreach (var id in ids)
        {
            lane.Enqueue(id);
        }

        return lane;
    }

    private static List<string> Drain(AccountLane lane)
    {
        var order = new List<string>();
        while (lane.Head is { } head)
        {
            order.Add(head);
            lane.Dequeue(head);
        }

        return order;
    }
}
