using ExpiryEntry = (System.Guid TaskId, DashScope.Emulator.Tasks.FinishedTaskList Owner);

namespace DashScope.Emulator.Tasks;

/// <summary>
/// Finished tasks by the instant they expire, soonest first (equal instants in finishing order), so an expiry instant
/// costs what expires rather than a walk over every finished task. Tasks nearly always finish in the order of their
/// end times (the board replays transitions as the clock reaches them), so those wait in a plain first-in first-out
/// queue, taken at constant cost; the few that end before one already recorded (a task released from a hold is
/// stamped when it was due) wait in a min-heap, and expiry takes from whichever has the sooner head.
/// </summary>
/// <remarks>
/// Each entry names the <see cref="FinishedTaskList"/> that holds its task. A task taken out of its list another way
/// (past its account's cap) leaves a stale entry behind: skipped when it comes first, and cleared out when stale
/// entries outnumber the live ones, so they never hold more room than those. Not thread-safe.
/// </remarks>
internal sealed class ExpiryQueue
{
    // Below this many entries stale ones cost less than clearing them out.
    private const int CompactAbove = 256;

    private Queue<(ExpiryEntry Entry, ExpiryKey Key)> _inOrder = new();
    private readonly PriorityQueue<ExpiryEntry, ExpiryKey> _outOfOrder = new();
    private long _sequence;
    private int _stale;

    // The expiry of the entry queued in order last: a new entry joins that queue only if it expires no sooner.
    private long _lastInOrderTicks;

    /// <summary>When the soonest live entry expires; <see cref="DateTimeOffset.MaxValue"/> when none will.</summary>
    /// <remarks>No head is ever stale: every change that can make one so drops stale entries from the heads.</remarks>
    public DateTimeOffset Next => TryPeekSoonest(out _, out var key, out _) ? key.Instant : DateTimeOffset.MaxValue;

    /// <summary>Entries held, stale ones included (for tests of the bound).</summary>
    public int EntryCount => _inOrder.Count + _outOfOrder.Count;

    /// <summary>Adds a task that <paramref name="owner"/> now holds, expiring at <paramref name="expiresAt"/>.</summary>
    public void Add(Guid taskId, FinishedTaskList owner, DateTimeOffset expiresAt)
    {
        // The sequence breaks ties: tasks that expire at one instant go in the order they finished.
        var key = new ExpiryKey(expiresAt.UtcTicks, _sequence++);
        if (_inOrder.Count == 0 || key.UtcTicks >= _lastInOrderTicks)
        {
            _inOrder.Enqueue(((taskId, owner), key));
            _lastInOrderTicks = key.UtcTicks;
        }
        else
        {
            _outOfOrder.Enqueue((taskId, owner), key);
        }
    }

    /// <summary>Records that a task was taken out of its list other than by expiring; its entry is now stale.</summary>
    public void Forgot()
    {
        _stale++;
        DropStaleHeads();
        if (EntryCount > CompactAbove && _stale > EntryCount / 2)
        {
            Compact();
        }
    }

    /// <summary>Takes every task expired by <paramref name="now"/> out of its list and adds its id to <paramref name="expired"/>, soonest first.</summary>
    public void TakeExpired(DateTimeOffset now, List<Guid> expired)
    {
        var nowTicks = now.UtcTicks;
        while (TryPeekSoonest(out var entry, out var key, out var fromHeap) && key.UtcTicks <= nowTicks)
        {
            if (fromHeap)
            {
                _outOfOrder.Dequeue();
            }
            else
            {
                _inOrder.Dequeue();
            }

            if (entry.Owner.Remove(entry.TaskId))
            {
                expired.Add(entry.TaskId);
            }
            else
            {
                _stale--;
            }
        }

        DropStaleHeads();
        ShrinkIfMostlyEmpty();
    }

    public void Clear()
    {
        _inOrder = new();
        _outOfOrder.Clear();
        _outOfOrder.TrimExcess();
        _stale = 0;
    }

    private bool TryPeekSoonest(out ExpiryEntry entry, out ExpiryKey key, out bool fromHeap)
    {
        var inOrder = _inOrder.TryPeek(out var head);
        var outOfOrder = _outOfOrder.TryPeek(out var heapEntry, out var heapKey);
        fromHeap = outOfOrder && (!inOrder || heapKey.CompareTo(head.Key) < 0);
        (entry, key) = fromHeap ? (heapEntry, heapKey) : head;
        return inOrder || outOfOrder;
    }

    private void DropStaleHeads()
    {
        while (_inOrder.TryPeek(out var head) && !head.Entry.Owner.Contains(head.Entry.TaskId))
        {
            _inOrder.Dequeue();
            _stale--;
        }

        while (_outOfOrder.TryPeek(out var entry, out _) && !entry.Owner.Contains(entry.TaskId))
        {
            _outOfOrder.Dequeue();
            _stale--;
        }
    }

    /// <summary>Keeps only the live entries, each queue in its order: linear, and paid for by the evictions that made them stale.</summary>
    private void Compact()
    {
        var inOrder = new Queue<(ExpiryEntry Entry, ExpiryKey Key)>();
        foreach (var item in _inOrder)
        {
            if (item.Entry.Owner.Contains(item.Entry.TaskId))
            {
                inOrder.Enqueue(item);
            }
        }

        var outOfOrder = new List<(ExpiryEntry, ExpiryKey)>();
        foreach (var item in _outOfOrder.UnorderedItems)
        {
            if (item.Element.Owner.Contains(item.Element.TaskId))
            {
                outOfOrder.Add(item);
            }
        }

        _inOrder = inOrder;
        _outOfOrder.Clear();
        _outOfOrder.TrimExcess();
        _outOfOrder.EnqueueRange(outOfOrder);
        _stale = 0;
    }

    // Both queues keep their largest array: once most entries are gone, the space goes back.
    private void ShrinkIfMostlyEmpty()
    {
        if (_inOrder.EnsureCapacity(0) is var size && size > CompactAbove && _inOrder.Count < size / 4)
        {
            _inOrder.TrimExcess();
        }

        if (_outOfOrder.EnsureCapacity(0) is var heapSize && heapSize > CompactAbove && _outOfOrder.Count < heapSize / 4)
        {
            _outOfOrder.TrimExcess();
        }
    }

    /// <summary>An expiry instant in UTC ticks, then the order the tasks finished in.</summary>
    private readonly record struct ExpiryKey(long UtcTicks, long Sequence) : IComparable<ExpiryKey>
    {
        public DateTimeOffset Instant => new(UtcTicks, TimeSpan.Zero);

        public int CompareTo(ExpiryKey other)
        {
            var byInstant = UtcTicks.CompareTo(other.UtcTicks);
            return byInstant != 0 ? byInstant : Sequence.CompareTo(other.Sequence);
        }
    }
}
