using System.Buffers.Binary;
using System.Collections.Concurrent;
using DashScope.Emulator.Tasks;

namespace DashScope.Emulator.Tests.Tasks;

/// <summary>
/// Growth of a set of dictionaries that fill up together: each member grows at a moment of its own, so the growths of
/// a doubling spread over it instead of landing at once; a member keeps every entry and never grows by less than double.
/// The store's shards grow before the board's write of a new task, which then finds room, and never on an update.
/// </summary>
public sealed class StaggeredGrowthTests
{
    [Fact]
    public void MembersFilledTogetherGrowAtMomentsSpreadEvenlyOverADoubling()
    {
        // 256 members filled one entry each per round, as evenly spread task ids fill the store's shards.
        const int members = 256;
        var set = Enumerable.Range(0, members).Select(_ => new Dictionary<int, int>()).ToArray();
        var growth = Enumerable.Range(0, members).Select(m => new StaggeredGrowth(m, members)).ToArray();
        var growthRounds = new List<int>();
        for (var round = 0; round < 4_000; round++)
        {
            for (var m = 0; m < members; m++)
            {
                if (growth[m].MakeRoomForOne(set[m]) && round > 0)
                {
                    growthRounds.Add(round);
                }

                set[m].Add(round, m);
            }
        }

        // Within one doubling (rounds 1,500 to 3,000), in sixteen bins of equal width on a log scale, no bin holds more
        // than twice its even share of the growths. Left to themselves, all 256 members would grow in one round.
        var inDoubling = growthRounds.Where(r => r >= 1_500 && r < 3_000).ToList();
        var bins = inDoubling.GroupBy(r => (int)(Math.Log2(r / 1_500.0) * 16)).Select(g => g.Count()).ToList();
        Assert.InRange(inDoubling.Count, members * 3 / 4, members * 5 / 4);
        Assert.Equal(16, bins.Count);
        Assert.InRange(bins.Max(), 1, 2 * inDoubling.Count / 16);
    }

    [Fact]
    public void AMemberDoublesItsRoomKeepsEveryEntryAndHoldsLessThanThreeTimesTheRoomItUses()
    {
        foreach (var member in new[] { 0, 1, 2, 3, 1_021, 1_023 })
        {
            var dictionary = new Dictionary<int, int>();
            var growth = new StaggeredGrowth(member, 1_024);
            var room = 0;
            for (var i = 0; i < 60_000; i++)
            {
                if (growth.MakeRoomForOne(dictionary))
                {
                    var grown = dictionary.EnsureCapacity(0);
                    Assert.True(room == 0 || grown >= 2 * room, $"member {member}: {room} grew to {grown}");
                    room = grown;
                }

                dictionary.Add(i, i);
                Assert.Equal(room, dictionary.EnsureCapacity(0));
                // Just after a growth: twice the room (the next prime up) over five sixths of the old room in use.
                Assert.True(i < 100 || room <= 2.7 * (i + 1), $"member {member}: room {room} for {i + 1} entries");
            }

            Assert.Equal(60_000, dictionary.Count);
            Assert.All(Enumerable.Range(0, 60_000), i => Assert.Equal(i, dictionary[i]));
        }
    }

    [Fact]
    public void EachMemberFillsBetweenFiveSixthsAndAllOfItsRoomBeforeItGrows()
    {
        var fills = Enumerable.Range(0, 1_024).Select(m => new StaggeredGrowth(m, 1_024).FillBeforeGrowth).ToList();

        Assert.All(fills, f => Assert.InRange(f, (1 / 1.2) - 1e-9, 1));
        Assert.Equal(1, fills[0]);
        Assert.Equal(256, fills.Distinct().Count());
    }

    [Fact]
    public void AStoreShardGrowsBeforeTheWriteOfANewTaskAndNeverOnAnUpdate()
    {
        var store = new TaskStore();
        var growths = 0;
        for (var i = 0; i < 50_000; i++)
        {
            var task = new PackedTask { Id = Guid.NewGuid(), Status = EmulatedTaskStatus.Pending };
            if (store.MakeRoomFor(task.Id))
            {
                growths++;
            }

            var room = store.RoomOfShardFor(task.Id);
            store.Set(task, overflow: null);

            Assert.Equal(room, store.RoomOfShardFor(task.Id));

            // An update, even of a shard at its moment to grow, leaves the growth to the next submit.
            task.Status = EmulatedTaskStatus.Running;
            store.Set(task, overflow: null);
            Assert.Equal(room, store.RoomOfShardFor(task.Id));
            Assert.True(store.TryGet(task.Id, out var stored, out _));
            Assert.Equal((task.Id, EmulatedTaskStatus.Running), (stored.Id, stored.Status));
        }

        // Every shard got its first room, and one to four growths more as it filled to about 50 tasks.
        Assert.InRange(growths, TaskStore.ShardCount * 2, TaskStore.ShardCount * 6);
    }

    [Fact]
    public void AShardThatHoversAtAFewTasksOrEmptiesKeepsItsFirstRoomInsteadOfShrinkingAndGrowingBack()
    {
        // A board under its cap: tasks dropped and submitted one for one, about ten per shard. Shard 3 starts at 71 tasks
        // of room, the largest first room; trimmed below it, the next submit would grow it straight back.
        const int shard = 3;
        var store = new TaskStore();
        var ids = new Queue<Guid>();
        for (var i = 0; i < 200; i++)
        {
            if (ids.Count == 10)
            {
                var dropped = ids.Dequeue();
                Assert.True(store.Remove(dropped));
                Assert.Equal(new StaggeredGrowth(shard, TaskStore.ShardCount).FirstRoom, store.RoomOfShardFor(dropped));
            }

            var id = IdInShard(shard);
            Assert.Equal(i == 0, store.MakeRoomFor(id));
            store.Set(new PackedTask { Id = id, Status = EmulatedTaskStatus.Pending }, overflow: null);
            ids.Enqueue(id);
            Assert.Equal(new StaggeredGrowth(shard, TaskStore.ShardCount).FirstRoom, store.RoomOfShardFor(id));
        }

        var last = ids.Last();
        while (ids.Count > 0)
        {
            Assert.True(store.Remove(ids.Dequeue()));
        }

        Assert.Equal(new StaggeredGrowth(shard, TaskStore.ShardCount).FirstRoom, store.RoomOfShardFor(last));
        Assert.False(store.MakeRoomFor(IdInShard(shard)));
    }

    [Fact]
    public async Task SubmitsUpdatesAndRemovesRacingInOneShardLoseNoTask()
    {
        // Growth outside the board's lock races with writes and removals of the same shard; each takes the shard's lock.
        const int shard = 5;
        var store = new TaskStore();
        var writers = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, 3_000).Select(_ => IdInShard(shard)).ToArray()).ToArray();
        var toRemove = writers[0].Take(1_000).ToHashSet();
        var written = new ConcurrentQueue<Guid>();
        using var start = new Barrier(writers.Length + 1);

        // Threads of their own: the barrier blocks each until all have started.
        var writes = writers.Select(ids => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            foreach (var id in ids)
            {
                store.MakeRoomFor(id);
                store.Set(new PackedTask { Id = id, Status = EmulatedTaskStatus.Pending }, overflow: null);
                store.Set(new PackedTask { Id = id, Status = EmulatedTaskStatus.Running }, overflow: null);
                if (toRemove.Contains(id))
                {
                    written.Enqueue(id);
                }
            }
        }, TaskCreationOptions.LongRunning)).ToList();
        var removals = Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            var spin = new SpinWait();
            for (var removed = 0; removed < toRemove.Count;)
            {
                if (written.TryDequeue(out var id))
                {
                    Assert.True(store.Remove(id));
                    removed++;
                }
                else
                {
                    spin.SpinOnce();
                }
            }
        }, TaskCreationOptions.LongRunning);
        await Task.WhenAll([.. writes, removals]);

        foreach (var id in writers.SelectMany(ids => ids))
        {
            var found = store.TryGet(id, out var task, out _);
            Assert.Equal(!toRemove.Contains(id), found);
            Assert.True(!found || task.Status == EmulatedTaskStatus.Running);
        }

        Assert.Equal((writers.Length * 3_000) - toRemove.Count, store.CountWhere(0, static (in PackedTask _, TaskOverflow? _, int _) => true));
    }

    [Fact]
    public void AMemberOutsideItsSetIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StaggeredGrowth(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StaggeredGrowth(4, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StaggeredGrowth(-1, 4));
    }

    private static Guid IdInShard(int shard)
    {
        // A Guid's hash code is the xor of its four 32-bit parts, so flipping low bits of the first part moves a random
        // id into the shard; the check keeps this right should that ever change (it then draws until one fits).
        while (true)
        {
            var bytes = Guid.NewGuid().ToByteArray();
            var move = (TaskStore.ShardOf(new Guid(bytes)) ^ shard) & (TaskStore.ShardCount - 1);
            BinaryPrimitives.WriteInt32LittleEndian(bytes, BinaryPrimitives.ReadInt32LittleEndian(bytes) ^ move);
            var id = new Guid(bytes);
            if (TaskStore.ShardOf(id) == shard)
            {
                return id;
            }
        }
    }
}
