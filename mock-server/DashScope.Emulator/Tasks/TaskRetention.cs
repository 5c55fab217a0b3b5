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

    public bool IsExpired(EmulatedTask task, DateTimeOffset now) => task.EndTime is { } end && now >= end + _period;

    /// <summary>Records that <paramref name="task"/> finished; returns the ids of tasks its account no longer keeps (oldest finished first).</summary>
    public IReadOnlyList<string> Finished(EmulatedTask task, DateTimeOffset endTime)
    {
        var expiresAt = endTime + _period;
        _nextExpiry = expiresAt < _nextExpiry ? expiresAt : _nextExpiry;
        if (!_finished.TryGetValue(task.AccountId, out var finished))
        {
            finished = new FinishedTasks();
            _finished.Add(task.AccountId, finished);
        }

        finished.Add(task.TaskId);
        if (_maxFinishedPerAccount is not { } max || finished.Count <= max)
        {
            return [];
        }

        var evicted = new List<string>(finished.Count - max);
        while (finished.Count > max)
        {
            evicted.Add(finished.RemoveOldest());
        }

        return evicted;
    }

    /// <summary>Removes the tasks expired by <paramref name="now"/> from <paramref name="tasks"/>, works out the next expiry, and returns the removed ids.</summary>
    public IReadOnlyList<string> RemoveExpired(IDictionary<string, EmulatedTask> tasks, DateTimeOffset now)
    {
        if (now < _nextExpiry)
        {
            return [];
        }

        var removed = new List<string>();
        var next = DateTimeOffset.MaxValue;
        foreach (var task in tasks.Values.ToList())
        {
            if (task.EndTime is not { } end)
            {
                continue;
            }

            var expiresAt = end + _period;
            if (expiresAt <= now)
            {
                tasks.Remove(task.TaskId);
                Forget(task);
                removed.Add(task.TaskId);
            }
            else if (expiresAt < next)
            {
                next = expiresAt;
            }
        }

        _nextExpiry = next;
        return removed;
    }

    /// <summary>Forgets a task removed from the board for another reason than its account's cap.</summary>
    public void Forget(EmulatedTask task)
    {
        if (_finished.TryGetValue(task.AccountId, out var finished))
        {
            finished.Remove(task.TaskId);
        }
    }

    public void Clear()
    {
        _finished.Clear();
        _nextExpiry = DateTimeOffset.MaxValue;
    }

    /// <summary>One account's finished task ids in finishing order, with removal from anywhere.</summary>
    private sealed class FinishedTasks
    {
        private readonly LinkedList<string> _order = new();
        private readonly Dictionary<string, LinkedListNode<string>> _nodes = new(StringComparer.Ordinal);

        public int Count => _order.Count;

        public void Add(string taskId)
        {
            if (!_nodes.ContainsKey(taskId))
            {
                _nodes[taskId] = _order.AddLast(taskId);
            }
        }

        public string RemoveOldest()
        {
            var oldest = _order.First!;
            _order.RemoveFirst();
            _nodes.Remove(oldest.Value);
            return oldest.Value;
        }

        public void Remove(string taskId)
        {
            if (_nodes.Remove(taskId, out var node))
            {
                _order.Remove(node);
            }
        }
    }
}
