using DashScope.Emulator.Tasks;

namespace DashScope.Emulator.Tests.Tasks;

/// <summary>
/// The lane's queue grows a chunk at a time (small first, then doubling up to a cap), keeps first-in first-out order
/// across chunk boundaries, and gives its room back when emptied.
/// </summary>
public sealed class ChunkedQueueTests
{
    [Fact]
    public void ItemsComeOutInTheOrderTheyWentInAcrossEveryChunkBoundary()
    {
        var queue = new ChunkedQueue<int>();
        const int total = (ChunkedQueue<int>.MaxChunkSize * 3) + 5;
        for (var i = 0; i < total; i++)
        {
            queue.Enqueue(i);
        }

        Assert.Equal(total, queue.Count);
        for (var i = 0; i < total; i++)
        {
            Assert.True(queue.TryPeek(out var head));
            Assert.Equal(i, head);
            Assert.Equal(i, queue.Dequeue());
        }

        Assert.Equal(0, queue.Count);
        Assert.False(queue.TryPeek(out _));
        Assert.Throws<InvalidOperationException>(() => queue.Dequeue());
    }

    [Fact]
    public void ChunksStartSmallDoubleUpToTheCapAndNothingQueuedIsCopied()
    {
        var queue = new ChunkedQueue<int>();
        var queued = 0;
        while (queue.ChunkSizes.Count < 10)
        {
            queue.Enqueue(queued++);
        }

        Assert.Equal([16, 32, 64, 128, 256, 512, 1024, 2048, 2048, 2048], queue.ChunkSizes);
        Assert.Equal(ChunkedQueue<int>.FirstChunkSize, queue.ChunkSizes[0]);
    }

    [Fact]
    public void ChunksBehindTheHeadAreDroppedAsItPassesThem()
    {
        var queue = new ChunkedQueue<int>();
        for (var i = 0; i < 16 + 32 + 64 + 1; i++)
        {
            queue.Enqueue(i);
        }

        Assert.Equal([16, 32, 64, 128], queue.ChunkSizes);
        for (var i = 0; i < 16 + 32; i++)
        {
            queue.Dequeue();
        }

        Assert.Equal([64, 128], queue.ChunkSizes);
        Assert.Equal(16 + 32, queue.Dequeue());
    }

    [Fact]
    public void AQueueThatEmptiesAndFillsOneAtATimeStaysInItsFirstChunk()
    {
        var queue = new ChunkedQueue<string>();
        for (var i = 0; i < 10_000; i++)
        {
            queue.Enqueue("task " + i);
            Assert.Equal("task " + i, queue.Dequeue());
        }

        Assert.Equal([ChunkedQueue<string>.FirstChunkSize], queue.ChunkSizes);
    }

    [Fact]
    public void ClearingALongQueueGivesBackAllItsRoomAndItStartsSmallAgain()
    {
        var queue = new ChunkedQueue<int>();
        for (var i = 0; i < 10_000; i++)
        {
            queue.Enqueue(i);
        }

        queue.Clear();

        Assert.Equal(0, queue.Count);
        Assert.Empty(queue.ChunkSizes);
        queue.Enqueue(7);
        Assert.Equal([ChunkedQueue<int>.FirstChunkSize], queue.ChunkSizes);
        Assert.Equal(7, queue.Dequeue());
    }

    [Fact]
    public void ClearingAShortQueueKeepsItsFirstChunkAndForgetsWhatItHeld()
    {
        var queue = new ChunkedQueue<string>();
        queue.Enqueue("a");
        queue.Enqueue("b");

        queue.Clear();

        Assert.Equal([ChunkedQueue<string>.FirstChunkSize], queue.ChunkSizes);
        Assert.False(queue.TryPeek(out _));
        queue.Enqueue("c");
        Assert.Equal("c", queue.Dequeue());
    }
}
