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
    public void ChunksStartSmallAndDoubleUpToTheCap()
    {
        var queue = new ChunkedQueue<int>();
        var queued = 0;
        while (queue.ChunkSizes.Count < 10)
        {
            queue.Enqueue(queued++);
        }

        Assert.Equal([16, 32, 64, 128, 256, 512, 1024, 2048, 2048, 2048], queue.ChunkSizes);
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

    [Fact]
    public void ASlidingWindowKeepsItsOrderAndReusesItsChunksInsteadOfGrowing()
    {
        // About 3,000 items queued at any time over 100,000 operations: once the head has passed the small first chunks,
        // the tail keeps needing full-size chunks, and the one emptied behind the head is the one it gets.
        var queue = new ChunkedQueue<int>();
        var next = 0;
        var expected = 0;
        for (; next < 3_000; next++)
        {
            queue.Enqueue(next);
        }

        var mostChunks = 0;
        for (var step = 0; step < 100_000; step++)
        {
            queue.Enqueue(next++);
            Assert.Equal(expected++, queue.Dequeue());
            if (step >= 10_000)
            {
                mostChunks = Math.Max(mostChunks, queue.ChunkSizes.Count);
            }
        }

        Assert.Equal(3_000, queue.Count);
        Assert.InRange(mostChunks, 1, 3);
        while (queue.Count > 0)
        {
            Assert.Equal(expected++, queue.Dequeue());
        }

        Assert.Equal(next, expected);
    }
}
