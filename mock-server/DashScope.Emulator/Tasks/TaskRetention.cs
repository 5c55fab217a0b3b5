namespace DashScope.Emulator.Tasks;

/// <summary>
/// How long finished tasks are kept, and how many: a task is forgotten once the retention period has passed since it
/// ended, or when its account has more than the cap of finished tasks (the oldest finished first). A task that has
/// not finished is never forgotten. Not thread-safe: the board calls it under its lock.
/// </summary>
internal sealed class TaskRetention
{
    private readonly TimeSpan _period;
    private readonly int? _maxFinishedPerAccount;

    // Each account's finished tasks in the order they finished, so the oldest is dropped first.
    private readonly Dictionary<string, FinishedTasks> _finished = new(StringComparer.Ordinal);
    private DateTimeOffset _nextExpiry = DateTimeOffset.MaxValue;

    public TaskRetention(TimeSpan period, int? maxFinishedPerAccount)
    {
        if (maxFinishedPerAccount is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxFinishedPerAccount), maxFinishedPerAccount, "The cap on finished tasks per account must be at least 1.");
        }

        _period = period;
        _maxFinishedPerAccount = maxFinishedPerAccount;
    }

    /// <summary>When the next finished task expires; <see cref="DateTimeOffset.MaxValue"/> when none will.</summary>
    public DateTimeOffset NextExpiry => _nextExpiry;

    public bool IsExpired(in PackedTask task, DateTimeOffset now) => task.EndTime is { } end && now >= end + _period;

    /// <summary>Records that a task of the account finished; returns the ids of tasks its account no longer keeps (oldest finished first).</summary>
    public IReadOnlyList<Guid> Finished(string accountId, Guid taskId, DateTimeOffset endTime)
    {
        var expiresAt = endTime + _period;
        _nextExpiry = expiresAt < _nextExpiry ? expiresAt : _nextExpiry;
        if (!_finished.TryGetValue(accountId, out var finished))
        {
            finished = new FinishedTasks();
            _finished.Add(accountId, finished);
        }

        finished.Add(taskId, endTime);
        if (_maxFinishedPerAccount is not { } max || finished.Count <= max)
        {
            return [];
        }

        var evicted = new List<Guid>(finished.Count - max);
        while (finished.Count > max)
        {
            evicted.Add(finished.RemoveOldest());
        }

        return evicted;
    }

    /// <summary>
    /// Forgets the finished tasks expired by <paramref name="now"/>, works out the next expiry, and returns their ids
    /// for the board to drop. Only finished tasks can expire, so only they are looked at.
    /// </summary>
    public IReadOnlyList<Guid> RemoveExpired(DateTimeOffset now)
    {
        if (now < _nextExpiry)
        {
            return [];
        }

        var removed = new List<Guid>();
        var next = DateTimeOffset.MaxValue;
        foreach (var finished in _finished.Values)
        {
            var accountNext = finished.RemoveExpired(now, _period, removed);
            next = accountNext < next ? accountNext : next;
        }

        _nextExpiry = next;
        return removed;
    }

    public void Clear()
    {
        _finished.Clear();
        _nextExpiry = DateTimeOffset.MaxValue;
    }

    /// <summary>One account's finished tasks (id and end) in finishing order, with removal from anywhere.</summary>
    private sealed class FinishedTasks
    {
        private readonly LinkedList<(Guid Id, DateTimeOffset EndTime)> _order = new();
        private readonly Dictionary<Guid, LinkedListNode<(Guid Id, DateTimeOffset EndTime)>> _nodes = new();

        public int Count => _order.Count;

        public void Add(Guid taskId, DateTimeOffset endTime)
        {
            if (!_nodes.ContainsKey(taskId))
            {
                _nodes[taskId] = _order.AddLast((taskId, endTime));
            }
        }

        public Guid RemoveOldest()
        {
            var oldest = _order.First!.Value.Id;
            _order.RemoveFirst();
            _nodes.Remove(oldest);
            return oldest;
        }

        /// <summary>Moves every task expired by <paramref name="now"/> into <paramref name="removed"/>; returns the earliest expiry left.</summary>
        /// <remarks>Ends are not always in finishing order (a forced end is stamped "now"), so the whole list is walked.</remarks>
        public DateTimeOffset RemoveExpired(DateTimeOffset now, TimeSpan period, List<Guid> removed)
        {
            var earliest = DateTimeOffset.MaxValue;
            for (var node = _order.First; node is not null;)
            {
                var next = node.Next;
                var expiresAt = node.Value.EndTime + period;
                if (expiresAt <= now)
                {
                    removed.Add(node.Value.Id);
                    _nodes.Remove(node.Value.Id);
                    _order.Remove(node);
                }
                else if (expiresAt < earliest)
                {
                    earliest = expiresAt;
                }

                node = next;
            }

            return earliest;
        }
    }
}
