namespace DashScope.Emulator.Dashboard;

/// <summary>A part of the emulator's state the dashboard shows as a whole, sent again when anything in it changes.</summary>
internal enum DashboardSection
{
    Clock,
    Faults,
    Plans,
    Accounts,
    Uploads,
}

/// <summary>What changed after a version: the ids of changed tasks, the sections to send again, new journal entries.</summary>
internal sealed record ChangeSet(long Version, bool Full, IReadOnlyList<string> TaskIds, IReadOnlyList<string> GoneTaskIds, IReadOnlyList<DashboardSection> Sections, IReadOnlyList<JournalEntry> Journal);

/// <summary>
/// Counts changes. Each change takes the next version and records what it touched (a task id, a section, a
/// journal entry); a reader that saw version v asks what changed after v and is sent only that. Values are
/// read when they are sent, not copied here, so a task that changed five times is sent once, as it is now.
/// </summary>
/// <remarks>
/// Task changes, gone tasks and journal entries are each kept as a window of the most recent ones, so the tracker's
/// size does not grow with the board: a dictionary with an entry per task grew by every submit (about 100 bytes a task)
/// and was resized under this lock, which every request takes. A reader further behind than a window is sent a full
/// picture instead.
/// </remarks>
internal sealed class ChangeTracker
{
    /// <summary>How many recent journal entries are kept for readers that are behind; older ones make a reader start over.</summary>
    public const int JournalWindow = 300;

    /// <summary>How many recent task changes are kept for readers that are behind; older ones make a reader start over.</summary>
    public const int TaskWindow = 10_000;

    /// <summary>How many recently gone tasks are kept for readers that are behind; older ones make a reader start over.</summary>
    public const int GoneWindow = 1_000;

    private readonly object _gate = new();

    // Ids as their 128-bit values, so no string is kept per change.
    private readonly Queue<(long Version, Guid TaskId)> _taskChanges = new();
    private readonly Dictionary<Guid, long> _gone = new();
    private readonly Queue<(long Version, Guid TaskId)> _goneOrder = new();

    // The version of the newest task change that fell out of the window: a reader before it may have missed one.
    private long _taskChangesDropped;

    // The version of the newest gone task that fell out of the window: a reader before it may have missed one.
    private long _goneDropped;
    private readonly long[] _sections = new long[Enum.GetValues<DashboardSection>().Length];
    private readonly Queue<(long Version, JournalEntry Entry)> _journal = new();
    private long _version = 1;
    private long _startOver = 1;

    // The version of the newest journal entry that fell out of the window: a reader before it has missed entries.
    private long _journalDropped;
    private bool _closed;

    // Made only when a reader waits, so a change nobody watches costs a lock and a counter.
    private TaskCompletionSource? _changed;

    /// <summary>The latest version.</summary>
    public long Version
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    /// <summary>True once the emulator stopped: readers waiting for a change end.</summary>
    public bool IsClosed
    {
        get
        {
            lock (_gate)
            {
                return _closed;
            }
        }
    }

    /// <summary>How many task changes the tracker keeps now: never more than <see cref="TaskWindow"/>, however many tasks the board has.</summary>
    public int TaskChangesKept
    {
        get
        {
            lock (_gate)
            {
                return _taskChanges.Count;
            }
        }
    }

    public void TaskChanged(Guid taskId) => Change(taskId, static (t, id, v) => t.RecordTaskChange(id, v));

    /// <summary>A task changed and, with it, a section (a new task may have used up a plan): one version for both.</summary>
    public void TaskChanged(Guid taskId, DashboardSection section) => Change((taskId, section), static (t, s, v) =>
    {
        t.RecordTaskChange(s.taskId, v);
        t._sections[(int)s.section] = v;
    });

    /// <summary>The task expired and left the board; it is reported gone once and then forgotten by the tracker.</summary>
    public void TaskGone(Guid taskId) => Change(taskId, static (t, id, v) =>
    {
        t._gone[id] = v;
        t._goneOrder.Enqueue((v, id));
        while (t._goneOrder.Count > GoneWindow)
        {
            var (version, oldest) = t._goneOrder.Dequeue();
            t._goneDropped = version;
            if (t._gone.TryGetValue(oldest, out var latest) && latest == version)
            {
                t._gone.Remove(oldest);
            }
        }
    });

    public void SectionChanged(DashboardSection section) => Change(section, static (t, s, v) => t._sections[(int)s] = v);

    public void JournalAdded(JournalEntry entry) => Change(entry, static (t, e, v) =>
    {
        t._journal.Enqueue((v, e));
        while (t._journal.Count > JournalWindow)
        {
            t._journalDropped = t._journal.Dequeue().Version;
        }
    });

    /// <summary>Everything changed at once (a reset, the journal emptied): every reader is sent a full picture.</summary>
    public void StartOver() => Change(0, static (t, _, v) =>
    {
        t._startOver = v;
        t._taskChanges.Clear();
        t._gone.Clear();
        t._goneOrder.Clear();
        t._journal.Clear();
    });

    /// <summary>What changed after <paramref name="since"/>; a full picture when the reader is new, ahead, or further behind than the journal window.</summary>
    public ChangeSet Since(long since)
    {
        lock (_gate)
        {
            if (since <= 0 || since < _startOver || since > _version || since < _journalDropped || since < _goneDropped || since < _taskChangesDropped)
            {
                return new ChangeSet(_version, true, [], [], Enum.GetValues<DashboardSection>(), []);
            }

            // Each changed task once; one that is gone since is reported gone only.
            var gone = _gone.Where(t => t.Value > since).Select(t => t.Key).ToArray();
            var changed = new HashSet<Guid>();
            foreach (var (version, id) in _taskChanges)
            {
                if (version > since && !_gone.ContainsKey(id))
                {
                    changed.Add(id);
                }
            }

            return new ChangeSet(
                _version,
                false,
                changed.Select(id => id.ToString()).ToArray(),
                gone.Select(id => id.ToString()).ToArray(),
                Enum.GetValues<DashboardSection>().Where(s => _sections[(int)s] > since).ToArray(),
                _journal.Where(j => j.Version > since).Select(j => j.Entry).ToArray());
        }
    }

    /// <summary>Completes when a version after <paramref name="since"/> exists, the tracker closes, or <paramref name="cancel"/> fires.</summary>
    public Task WaitForChangeAsync(long since, CancellationToken cancel)
    {
        Task signal;
        lock (_gate)
        {
            if (_version > since || _closed)
            {
                return Task.CompletedTask;
            }

            _changed ??= NewSignal();
            signal = _changed.Task;
        }

        return signal.WaitAsync(cancel);
    }

    /// <summary>Wakes every waiting reader for the last time.</summary>
    public void Close()
    {
        TaskCompletionSource? changed;
        lock (_gate)
        {
            _closed = true;
            changed = _changed;
            _changed = null;
        }

        changed?.TrySetResult();
    }

    private void RecordTaskChange(Guid taskId, long version)
    {
        _taskChanges.Enqueue((version, taskId));
        if (_taskChanges.Count > TaskWindow)
        {
            _taskChangesDropped = _taskChanges.Dequeue().Version;
        }
    }

    // The change is a static delegate with its state passed in: a capturing lambda was one allocation per change,
    // and every request and every task transition makes one.
    private void Change<TState>(TState state, Action<ChangeTracker, TState, long> record)
    {
        TaskCompletionSource? changed;
        lock (_gate)
        {
            _version++;
            record(this, state, _version);
            changed = _changed;
            _changed = null;
        }

        changed?.TrySetResult();
    }

    // Readers continue on the thread pool, not inside the change (a board transition or a request).
    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
