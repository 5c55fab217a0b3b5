using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DashScope.Emulator.Tasks;

/// <summary>
/// The board's tasks in their stored form, by id, split into shards with a lock each: the board writes under its own
/// lock, and a poll reads one shard without waiting for the board. Thread-safe.
/// </summary>
internal sealed class TaskStore
{
    /// <summary>A test of one stored task, with state passed in so the test captures nothing.</summary>
    public delegate bool StoredTaskTest<in TState>(in PackedTask task, TaskOverflow? overflow, TState state);

    // Many small shards rather than a few large ones: a shard's dictionary rehashes all its tasks when it grows. Task
    // ids spread evenly, so the shards fill up together: each grows at a moment of its own (StaggeredGrowth), and a
    // submit grows its shard before it takes the board's lock (MakeRoomFor), so a growth holds up one shard's readers,
    // not every submit. At 64 shards growing together, a few million tasks meant over half a gigabyte allocated and
    // rehashed within a second under the board's lock.
    internal const int ShardCount = 1024;
    private readonly Shard[] _shards;

    public TaskStore()
    {
        _shards = new Shard[ShardCount];
        for (var i = 0; i < ShardCount; i++)
        {
            _shards[i] = new Shard(i);
        }
    }

    public bool TryGet(Guid id, out PackedTask task, out TaskOverflow? overflow)
    {
        var shard = For(id);
        lock (shard)
        {
            if (!shard.Tasks.TryGetValue(id, out task))
            {
                overflow = null;
                return false;
            }

            overflow = shard.HasOverflows ? shard.Overflows.GetValueOrDefault(id) : null;
            return true;
        }
    }

    /// <summary>
    /// Grows the shard a new task with <paramref name="id"/> goes into when its moment to grow has come, so that the
    /// <see cref="Set"/> that follows under the board's lock finds room; true when it grew.
    /// </summary>
    public bool MakeRoomFor(Guid id)
    {
        var shard = For(id);
        lock (shard)
        {
            return shard.MakeRoomForOne();
        }
    }

    /// <summary>The room of the shard that holds <paramref name="id"/>, in tasks (for tests of when shards grow).</summary>
    internal int RoomOfShardFor(Guid id)
    {
        var shard = For(id);
        lock (shard)
        {
            return shard.Tasks.EnsureCapacity(0);
        }
    }

    public void Set(in PackedTask task, TaskOverflow? overflow)
    {
        var shard = For(task.Id);
        lock (shard)
        {
            ref var stored = ref CollectionsMarshal.GetValueRefOrNullRef(shard.Tasks, task.Id);
            if (Unsafe.IsNullRef(ref stored))
            {
                // A new task: room was made before the board's lock was taken, unless another submit to this shard came
                // in between. An update never grows the shard, so the growth stays with the next submit.
                shard.MakeRoomForOne();
                shard.Tasks.Add(task.Id, task);
            }
            else
            {
                stored = task;
            }

            if (overflow is not null)
            {
                shard.Overflows[task.Id] = overflow;
            }
            else if (shard.HasOverflows)
            {
                shard.Overflows.Remove(task.Id);
            }
        }
    }

    public bool Remove(Guid id)
    {
        var shard = For(id);
        lock (shard)
        {
            if (shard.HasOverflows)
            {
                shard.Overflows.Remove(id);
            }

            if (!shard.Tasks.Remove(id))
            {
                return false;
            }

            shard.ShrinkIfMostlyEmpty();
            return true;
        }
    }

    public void Clear()
    {
        foreach (var shard in _shards)
        {
            lock (shard)
            {
                shard.Tasks.Clear();
                if (shard.HasOverflows)
                {
                    shard.Overflows.Clear();
                }
            }
        }
    }

    /// <summary>How many stored tasks match, shard by shard, without copying or making any record.</summary>
    public int CountWhere<TState>(TState state, StoredTaskTest<TState> test)
    {
        var count = 0;
        foreach (var shard in _shards)
        {
            lock (shard)
            {
                foreach (var (id, task) in shard.Tasks)
                {
                    if (test(task, shard.HasOverflows ? shard.Overflows.GetValueOrDefault(id) : null, state))
                    {
                        count++;
                    }
                }
            }
        }

        return count;
    }

    /// <summary>A copy of every stored task, shard by shard (each shard consistent in itself).</summary>
    public List<(PackedTask Task, TaskOverflow? Overflow)> All()
    {
        var all = new List<(PackedTask, TaskOverflow?)>();
        foreach (var shard in _shards)
        {
            lock (shard)
            {
                foreach (var (id, task) in shard.Tasks)
                {
                    all.Add((task, shard.HasOverflows ? shard.Overflows.GetValueOrDefault(id) : null));
                }
            }
        }

        return all;
    }

    private Shard For(Guid id) => _shards[ShardOf(id)];

    /// <summary>The index of the shard that holds <paramref name="id"/>.</summary>
    internal static int ShardOf(Guid id) => (int)((uint)id.GetHashCode() % ShardCount);

    private sealed class Shard(int index)
    {
        private readonly StaggeredGrowth _growth = new(index, ShardCount);

        public Dictionary<Guid, PackedTask> Tasks { get; } = new();

        /// <summary>Grows the shard ahead of one more task when its moment has come. Call under the shard's lock.</summary>
        public bool MakeRoomForOne() => _growth.MakeRoomForOne(Tasks);

        private Dictionary<Guid, TaskOverflow>? _overflows;

        // Only tasks whose values did not fit the pool have an entry here, apart from the rest, so the main table stays
        // free of references. Made when first needed: it almost never is, and there are many shards.
        public Dictionary<Guid, TaskOverflow> Overflows => _overflows ??= new();

        public bool HasOverflows => _overflows is { Count: > 0 };

        private const int MinimumSize = 32;

        // A dictionary keeps its largest size: once most tasks are gone (expired, or dropped by the cap) the space goes
        // back too, only below a quarter of the size, so a board that hovers around one size does not resize again and
        // again. Never below the shard's first room: the next task would grow it straight back.
        public void ShrinkIfMostlyEmpty()
        {
            var least = Math.Max(MinimumSize, _growth.FirstRoom);
            if (Tasks.Count == 0)
            {
                Tasks.TrimExcess(_growth.FirstRoom);
                return;
            }

            var size = Tasks.EnsureCapacity(0);
            if (size > least && Tasks.Count < size / 4)
            {
                Tasks.TrimExcess(Math.Max(Tasks.Count * 2, least));
            }
        }
    }
}
