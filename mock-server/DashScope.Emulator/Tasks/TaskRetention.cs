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
    private readonly Dictionary<string, FinishedTaskList> _finished = new(StringComparer.Ordinal);

    // Every finished task by when it expires, so expiring costs what expires.
    private readonly ExpiryQueue _expiries = new();

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
    public DateTimeOffset NextExpiry => _expiries.Next;

    /// <summary>Expiry-queue entries held, those of tasks dropped past the cap included (tests check they stay bounded).</summary>
    public int ExpiryEntryCount => _expiries.EntryCount;

    public bool IsExpired(in PackedTask task, DateTimeOffset now) => task.EndTime is { } end && now >= end + _period;

    /// <summary>Records that a task of the account finished; returns the ids of tasks its account no longer keeps (oldest finished first).</summary>
    public IReadOnlyList<Guid> Finished(string accountId, Guid taskId, DateTimeOffset endTime)
    {
        if (!_finished.TryGetValue(accountId, out var finished))
        {
            finished = new FinishedTaskList();
            _finished.Add(accountId, finished);
        }

        if (!finished.Add(taskId))
        {
            return [];
        }

        _expiries.Add(taskId, finished, endTime + _period);
        if (_maxFinishedPerAccount is not { } max || finished.Count <= max)
        {
            return [];
        }

        var evicted = new List<Guid>(finished.Count - max);
        while (finished.Count > max)
        {
            evicted.Add(finished.RemoveOldest());
            _expiries.Forgot();
        }

        return evicted;
    }

    /// <summary>
    /// Forgets the finished tasks expired by <paramref name="now"/> and returns their ids, soonest expiry first, for
    /// the board to drop. Costs what expires: the tasks not yet due are not looked at.
    /// </summary>
    public IReadOnlyList<Guid> RemoveExpired(DateTimeOffset now)
    {
        if (now < _expiries.Next)
        {
            return [];
        }

        var removed = new List<Guid>();
        _expiries.TakeExpired(now, removed);
        return removed;
    }

    public void Clear()
    {
        _finished.Clear();
        _expiries.Clear();
    }
}
