namespace DashScope.Emulator.Tasks;

/// <summary>
/// Every task's state, in one place, behind one lock. A task's status changes only in
/// <see cref="MoveTo"/>; everything else asks for a move. Transitions are computed from the clock, not
/// from when somebody looks: <see cref="Pump"/> replays every transition due up to "now" at the instant it
/// was due, so the answer at a given emulated time is the same however often the board is pumped.
/// Tasks are stored packed (<see cref="PackedTask"/>) and made into <see cref="EmulatedTask"/> records only when asked for.
/// </summary>
internal sealed partial class TaskBoard : IDisposable
{
    private readonly object _gate = new();
    // Written only under _gate; read without it by Find when nothing is due (each read copies one stored task under its shard's lock).
    private readonly TaskStore _tasks = new();
    // One queue per account and operation: each task kind runs its own tasks, as many at once as its operation allows.
    private readonly Dictionary<(string Account, EmulatorEndpoint Endpoint), AccountLane> _lanes = new();
    private readonly TimeProvider _time;
    private readonly TaskTimings _timings;
    private readonly TaskRetention _retention;
    private readonly SubmitPlans _plans = new();
    private readonly TransitionRelay _relay = new();
    private readonly TaskPacker _packer;
    private readonly WakeUpAlarm _alarm;


    /// <param name="time">The clock.</param>
    /// <param name="timings">How long tasks queue and run, and how long finished ones are kept.</param>
    /// <param name="maxFinishedTasksPerAccount">How many finished tasks one account keeps (the oldest finished go first); null for no cap.</param>
    /// <param name="values">One pool for every text of the stored tasks (tests pass a full one); by default names and links get a pool each.</param>
    public TaskBoard(TimeProvider time, TaskTimings timings, int? maxFinishedTasksPerAccount = null, TaskValuePool? values = null)
    {
        _packer = values is null ? new TaskPacker(new TaskValuePool(), new TaskValuePool()) : new TaskPacker(values, values);
        _time = time;
        _timings = timings;
        _retention = new TaskRetention(timings.RetentionPeriod, maxFinishedTasksPerAccount);

        _alarm = new WakeUpAlarm(time, WakeUp);
    }

    /// <summary>Raised after a change, outside the lock, once per transition, in the order the transitions happened.</summary>
    public event Action<TaskTransition>? Transitioned
    {
        add => _relay.Transitioned += value;
        remove => _relay.Transitioned -= value;
    }

    /// <summary>Raised outside the lock with the id of a task the board no longer keeps (expired, or past its account's cap).</summary>
    public event Action<Guid>? Removed
    {
        add => _relay.Removed += value;
        remove => _relay.Removed -= value;
    }

    /// <summary>The task as its account sees it now; null when it never existed or has expired.</summary>
    public EmulatedTask? Find(string taskId)
    {
        if (!Http.Uuid.TryParseExact(taskId, out var id))
        {
            // The board makes every id; text that is not one names no task.
            return null;
        }

        var now = _time.GetUtcNow();
        if (!_alarm.IsDue(now))
        {
            // Nothing is due, so pumping would change nothing: polls read without taking the board's lock.
            return Visible(id, taskId, now);
        }

        EmulatedTask? task;
        lock (_gate)
        {
            now = _time.GetUtcNow();
            PumpLocked(now);
            task = Visible(id, taskId, now);
        }

        _relay.RaiseQueued();
        return task;
    }

    public IReadOnlyList<EmulatedTask> Snapshot(string? accountId = null)
    {
        List<EmulatedTask> result;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            PumpLocked(now);
            result = [];
            foreach (var (task, overflow) in _tasks.All())
            {
                if (!_retention.IsExpired(task, now)
                    && (accountId is null || _packer.Text(task, TaskText.AccountId, overflow) == accountId))
                {
                    result.Add(_packer.Unpack(task, overflow));
                }
            }

            result.Sort(static (a, b) =>
            {
                var bySubmit = a.SubmitTime.CompareTo(b.SubmitTime);
                return bySubmit != 0 ? bySubmit : string.CompareOrdinal(a.TaskId, b.TaskId);
            });
        }

        _relay.RaiseQueued();
        return result;
    }

    /// <summary>How many of the account's tasks have not finished (PENDING or RUNNING), counted without making records.</summary>
    public int CountUnfinished(string accountId)
    {
        int count;
        lock (_gate)
        {
            PumpLocked(_time.GetUtcNow());

            // An unfinished task never expires, so no expiry test is needed.
            count = _tasks.CountWhere(
                (Packer: _packer, Account: accountId),
                static (in PackedTask task, TaskOverflow? overflow, (TaskPacker Packer, string Account) state) =>
                    !task.Status.IsTerminal() && state.Packer.Text(task, TaskText.AccountId, overflow) == state.Account);
        }

        _relay.RaiseQueued();
        return count;
    }

    /// <summary>Cancels a PENDING task of the account; false when it is not one (any other status, unknown, foreign).</summary>
    public bool Cancel(string accountId, string taskId, IReadOnlyCollection<string> cancelableStatuses)
    {
        if (!Http.Uuid.TryParseExact(taskId, out var id))
        {
            return false;
        }

        var cancelled = false;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            PumpLocked(now);
            if (_tasks.TryGet(id, out var task, out var overflow)
                && _packer.Text(task, TaskText.AccountId, overflow) == accountId
                && !_retention.IsExpired(task, now)
                && cancelableStatuses.Contains(task.Status.ToWireName()))
            {
                MoveTo(ref task, ref overflow, EmulatedTaskStatus.Canceled, now, null, null);
                PumpLocked(now);
                cancelled = true;
            }
        }

        _relay.RaiseQueued();
        return cancelled;
    }

    public void Reset()
    {
        lock (_gate)
        {
            _tasks.Clear();
            _lanes.Clear();
            _plans.Clear();
            _retention.Clear();
            _alarm.Reset();
        }
    }

    /// <summary>
    /// Applies every transition due by now, then raises whatever is queued, including what a call that threw left
    /// behind. Cheap when nothing is due: one volatile read and two empty-queue checks.
    /// </summary>
    public void Pump()
    {
        var now = _time.GetUtcNow();
        if (!_alarm.IsDue(now))
        {
            _relay.RaiseQueued();
            return;
        }

        lock (_gate)
        {
            PumpLocked(now);
        }

        _relay.RaiseQueued();
    }

    public void Dispose() => _alarm.Dispose();

    /// <summary>The one-shot timer fired: it is no longer armed, so the pump must arm it again for what is due next.</summary>
    private void WakeUp()
    {
        lock (_gate)
        {
            _alarm.Fired();
            PumpLocked(_time.GetUtcNow());
        }

        _relay.RaiseQueued();
    }

    /// <summary>The task as a record, unless it is gone or expired by <paramref name="now"/>.</summary>
    private EmulatedTask? Visible(Guid id, string idText, DateTimeOffset now) =>
        _tasks.TryGet(id, out var task, out var overflow) && !_retention.IsExpired(task, now) ? _packer.Unpack(task, overflow, idText) : null;

    /// <summary>
    /// The only place a task's status changes. It checks the move is legal, stamps the time fields,
    /// keeps the account's queue and running slots in step, stores the task, and records the transition.
    /// </summary>
    private void MoveTo(ref PackedTask task, ref TaskOverflow? overflow, EmulatedTaskStatus to, DateTimeOffset at, string? code, string? message)
    {
        var from = task.Status;
        var legal = from switch
        {
            EmulatedTaskStatus.Pending => to is EmulatedTaskStatus.Running or EmulatedTaskStatus.Canceled or EmulatedTaskStatus.Failed or EmulatedTaskStatus.Succeeded,
            EmulatedTaskStatus.Running => to is EmulatedTaskStatus.Succeeded or EmulatedTaskStatus.Failed or EmulatedTaskStatus.Canceled,
            _ => false,
        };
        if (!legal)
        {
            throw new InvalidOperationException($"Task {task.Id} cannot move from {from.ToWireName()} to {to.ToWireName()}.");
        }

        var accountId = _packer.Text(task, TaskText.AccountId, overflow)!;
        var lane = LaneOf(task, overflow);
        task.Status = to;
        string? errorCode = null;
        switch (to)
        {
            case EmulatedTaskStatus.Running:
                lane.Dequeue(task.Id);
                lane.Running[task.Id] = at + task.RunningDuration;
                task.ScheduledTime = at;
                break;
            default:
                lane.Dequeue(task.Id);
                if (lane.Running.Remove(task.Id))
                {
                    lane.FreeAt = at > lane.FreeAt ? at : lane.FreeAt;
                }

                // A task forced to an end before it ran still reports when it was scheduled.
                task.ScheduledTime = to == EmulatedTaskStatus.Canceled ? task.ScheduledTime : task.ScheduledTime ?? at;
                task.EndTime = at;
                var failed = to == EmulatedTaskStatus.Failed;
                errorCode = failed ? code ?? _packer.Text(task, TaskText.PlannedFailureCode, overflow) : null;
                var errorMessage = failed ? message ?? _packer.Text(task, TaskText.PlannedFailureMessage, overflow) : null;
                _packer.SetText(ref task, TaskText.ErrorCode, errorCode, ref overflow);
                _packer.SetText(ref task, TaskText.ErrorMessage, errorMessage, ref overflow);
                task.IsHeld = false;
                break;
        }

        _tasks.Set(task, overflow);
        _relay.Queue(new TaskTransition(task.Id.ToString(), accountId, from, to, at, errorCode));
        if (to.IsTerminal())
        {
            foreach (var evicted in _retention.Finished(accountId, task.Id, at))
            {
                // Only finished tasks are counted, so an unfinished one is never dropped here.
                _tasks.Remove(evicted);
                _relay.QueueRemoval(evicted);
            }
        }
    }
}
