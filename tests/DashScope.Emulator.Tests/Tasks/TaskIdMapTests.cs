using DashScope.Emulator.Tasks;

namespace DashScope.Emulator.Tests.Tasks;

/// <summary>
/// The lane's ticket map: one dictionary while small, split by id into parts that grow on their own once large, and
/// one small dictionary again once emptied.
/// </summary>
public sealed class TaskIdMapTests
{
    [Fact]
    public void AddsLooksUpAndRemovesLikeADictionaryOnBothSidesOfTheSplit()
    {
        var map = new TaskIdMap<long>();
        var ids = Enumerable.Range(0, TaskIdMap<long>.SplitAbove * 2).Select(_ => Guid.NewGuid()).ToList();
        for (var i = 0; i < ids.Count; i++)
        {
            Assert.True(map.TryAdd(ids[i], i));
            Assert.Equal(i >= TaskIdMap<long>.SplitAbove, map.IsSplit);
        }

        Assert.False(map.TryAdd(ids[42], -1));
        Assert.Equal(ids.Count, map.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            Assert.True(map.TryGetValue(ids[i], out var value));
            Assert.Equal(i, value);
        }

        Assert.False(map.TryGetValue(Guid.NewGuid(), out _));
        Assert.True(map.Remove(ids[42]));
        Assert.False(map.Remove(ids[42]));
        Assert.False(map.TryGetValue(ids[42], out _));
        Assert.Equal(ids.Count - 1, map.Count);
    }

    [Fact]
    public void NoPartOfALargeMapHoldsMoreThanASliverOfIt()
    {
        // Each part rehashes only its own ids when it grows: with ids spread evenly, about a 256th of the map.
        var map = new TaskIdMap<long>();
        for (var i = 0; i < 200_000; i++)
        {
            map.TryAdd(Guid.NewGuid(), i);
        }

        Assert.True(map.IsSplit);
        Assert.InRange(map.LargestPartCount, 1, 200_000 / TaskIdMap<long>.PartCount * 3 / 2);
    }

    [Fact]
    public void AnEmptiedLargeMapIsOneSmallDictionaryAgain()
    {
        var map = new TaskIdMap<int>();
        var ids = Enumerable.Range(0, 50_000).Select(_ => Guid.NewGuid()).ToList();
        ids.ForEach(id => map.TryAdd(id, 1));
        var grown = map.Capacity;

        ids.ForEach(id => map.Remove(id));

        Assert.True(grown >= 50_000, $"grew to {grown}");
        Assert.Equal(0, map.Count);
        Assert.False(map.IsSplit);
        Assert.Equal(0, map.Capacity);
        Assert.True(map.TryAdd(ids[0], 2));
        Assert.True(map.TryGetValue(ids[0], out var value));
        Assert.Equal(2, value);
    }

    [Fact]
    public void AMapOfOneIdAtATimeStaysOneTinyDictionary()
    {
        // The usual lane: a task queued, then started, thousands of times over.
        var map = new TaskIdMap<long>();
        for (var i = 0; i < 5_000; i++)
        {
            var id = Guid.NewGuid();
            Assert.True(map.TryAdd(id, i));
            Assert.True(map.Remove(id));
        }

        Assert.False(map.IsSplit);
        Assert.InRange(map.Capacity, 1, 16);
    }
}
