using DashScope.Emulator.Tasks;

namespace DashScope.Emulator.Tests.Tasks;

/// <summary>The lane's ticket map: a dictionary by task id split into parts that grow on their own, and that give their room back once the map is empty.</summary>
public sealed class TaskIdMapTests
{
    [Fact]
    public void AddsLooksUpAndRemovesLikeADictionary()
    {
        var map = new TaskIdMap<long>();
        var ids = Enumerable.Range(0, 5_000).Select(_ => Guid.NewGuid()).ToList();
        for (var i = 0; i < ids.Count; i++)
        {
            Assert.True(map.TryAdd(ids[i], i));
        }

        Assert.False(map.TryAdd(ids[42], -1));
        Assert.Equal(ids.Count, map.Count);
        Assert.True(map.TryGetValue(ids[42], out var value));
        Assert.Equal(42, value);
        Assert.False(map.TryGetValue(Guid.NewGuid(), out _));

        Assert.True(map.Remove(ids[42]));
        Assert.False(map.Remove(ids[42]));
        Assert.False(map.TryGetValue(ids[42], out _));
        Assert.Equal(ids.Count - 1, map.Count);
    }

    [Fact]
    public void NoPartHoldsMoreThanASliverOfAMillionIds()
    {
        // Each part rehashes only its own ids when it grows: with ids spread evenly, about a 256th of the map.
        var map = new TaskIdMap<long>();
        for (var i = 0; i < 1_000_000; i++)
        {
            map.TryAdd(Guid.NewGuid(), i);
        }

        Assert.Equal(1_000_000, map.Count);
        Assert.InRange(map.LargestPartCount, 1, 1_000_000 / TaskIdMap<long>.PartCount * 3 / 2);
    }

    [Fact]
    public void AnEmptiedMapGivesBackTheRoomItGrewTo()
    {
        var map = new TaskIdMap<int>();
        var ids = Enumerable.Range(0, 50_000).Select(_ => Guid.NewGuid()).ToList();
        ids.ForEach(id => map.TryAdd(id, 1));
        var grown = map.Capacity;

        ids.ForEach(id => map.Remove(id));

        Assert.True(grown >= 50_000, $"grew to {grown}");
        Assert.Equal(0, map.Count);
        Assert.Equal(0, map.Capacity);
        Assert.True(map.TryAdd(ids[0], 2));
        Assert.True(map.TryGetValue(ids[0], out var value));
        Assert.Equal(2, value);
    }
}
