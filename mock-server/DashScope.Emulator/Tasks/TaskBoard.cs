namespace DashScope.Emulator.Tasks;

/// <summary>
/// Every task's state, in one place, behind one lock. A task's status changes only in
/// <see cref="MoveTo"/>; everything else asks for a move. Transitions are computed from the clock, not
/// from when somebody looks: <see cref="Pump"/> replays every transition due up to "now" at the instant it
/// was due, so the answer at a given emulated time is the same however often the board is pumped.
/// </summary>
internal sealed partial class TaskBoard : IDisposable
{
    private readonly object _gate = new();
    // Written only under _gate; read without it by Find when nothing is due (a task is an immutable record).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, EmulatedTask> _tasks = new(StringComparer.Ordinal);
    // One queue per account and operation: each task kind runs its own tasks, as many at once as its operation allows.
    private readonly Dictionary<(string Account, EmulatorEndpoint Endpoint), AccountLane> _lanes = new();
    private readonly TimeProvider _time;
    private readonly TaskTimings _timings;
    private readonly TaskRetention _retention;
    private readonly SubmitPlans _plans = new();
    private readonly TransitionRelay _relay = new();
    private readonly TaskValuePool _values = new();
    private readonly WakeUpAlarm _alarm;


    /// <param name="time">The clock.</param>
    /// <param name="timings">How long tasks queue and run, and how long finished ones are kept.</param>
    /// <param name="maxFinishedTasksPerAccount">How many finished tasks one account keeps (the oldest finished go first); null for no cap.</param>
    public TaskBoard(TimeProvider time, TaskTimings timings, int? maxFinishedTasksPerAccount = null)
    {
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
    public event Action<string>? Removed
    {
        add => _relay.Removed += value;
        remove => _relay.Removed -= value;
    }

    public EmulatedTask Submit(NewTask request)
    {
        // Tasks that name the same model and files share one copy of each (outside the lock: the pool is thread-safe).
        var model = _values.Text(request.Model)!;
        var imageUrl = _values.Text(request.ImageUrl);
        var audioUrl = _values.Text(request.AudioUrl);
        var mediaSeconds = _values.Seconds(request.MediaSeconds);
        var taskId = Http.Uuid.NewText();
        EmulatedTask task;
        lock (_gate)
        {
            // Only what orders tasks runs here: the clock, the plans, the timings (a seeded spread is drawn in submit order).
            var now = _time.GetUtcNow();
            if (_alarm.IsDue(now))
            {
                PumpLocked(now);
            }

            var (failureCode, failureMessage, held) = _plans.TakeFor(request.FailureCode, request.FailureMessage);
            var (queueDelay, runningDuration) = _timings.Plan(request.VideoDurationSeconds, failureCode is not null);
            task = new EmulatedTask(
                taskId, request.AccountId, request.ApiKeyId, model, request.RequestId,
                EmulatedTaskStatus.Pending, now, null, null, null, null, request.VideoDurationSeconds,
                runningDuration, failureCode, failureMessage, held, imageUrl, audioUrl)
            {
                Endpoint = request.Endpoint, MediaSeconds = mediaSeconds, QueueDelay = queueDelay,
            };
            var lane = Lane(task, request.MaxRunning);
            Admit(task, lane, now);

            // Behind other queued tasks (or held) it changes no due instant: the board was pumped to now, so nothing is
            // due and the next wake-up stays right. At the head of its lane it may start now or be the next thing due.
            if (lane.Head == taskId)
            {
                PumpLocked(now);
                task = Latest(task);
            }
        }

        _relay.RaiseQueued();
        return task;
    }

    /// <summary>The task as its account sees it now; null when it never existed or has expired.</summary>
    public EmulatedTask? Find(string taskId)
    {
        var now = _time.GetUtcNow();
        if (!_alarm.IsDue(now))
        {
            // Nothing is due, so pumping would change nothing: polls read without taking the board's lock.
            return _tasks.TryGetValue(taskId, out var current) && !_retention.IsExpired(current, now) ? current : null;
        }

        EmulatedTask? task;
        lock (_gate)
        {
            now = _time.GetUtcNow();
            PumpLocked(now);
            task = _tasks.TryGetValue(taskId, out var found) && !_retention.IsExpired(found, now) ? found : null;
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
            result = _tasks.Values
                .Where(t => !_retention.IsExpired(t, now) && (accountId is null || t.AccountId == accountId))
                .OrderBy(t => t.SubmitTime).ThenBy(t => t.TaskId, StringComparer.Ordinal)
                .ToList();
        }

        _relay.RaiseQueued();
        return result;
    }

    /// <summary>Cancels a PENDING task of the account; false when it is not one (any other status, unknown, foreign).</summary>
    public bool Cancel(string accountId, string taskId, IReadOnlyCollection<string> cancelableStatuses)
    {
        var cancelled = false;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            PumpLocked(now);
            if (_tasks.TryGetValue(taskId, out var task) && task.AccountId == accountId && !_retention.IsExpired(task, now)
                && cancelableStatuses.Contains(task.Status.ToWireName()))
            {
                MoveTo(task, EmulatedTaskStatus.Canceled, now, null, null);
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

    /// <summary>Applies every transition due by now. Cheap when nothing is due: one volatile read.</summary>
    public void Pump()
    {
        var now = _time.GetUtcNow();
        if (!_alarm.IsDue(now))
        {
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

    /// <summary>The task's latest state; the state given when it is no longer kept (its account's cap dropped it just now).</summary>
    private EmulatedTask Latest(EmulatedTask task) => _tasks.TryGetValue(task.TaskId, out var latest) ? latest : task;

    /// <summary>
    /// The only place a task's status changes. It checks the move is legal, stamps the time fields,
    /// keeps the account's queue and running slots in step, and records the transition.
    /// </summary>
    private EmulatedTask MoveTo(EmulatedTask task, EmulatedTaskStatus to, DateTimeOffset at, string? code, string? message)
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
            throw new InvalidOperationException($"Task {task.TaskId} cannot move from {from.ToWireName()} to {to.ToWireName()}.");
        }

        var lane = Lane(task);
        var updated = task with { Status = to };
        switch (to)
        {
            case EmulatedTaskStatus.Running:
                lane.Dequeue(task.TaskId);
                lane.Running[task.TaskId] = at + task.RunningDuration;
                updated = updated with { ScheduledTime = at };
                break;
            default:
                lane.Dequeue(task.TaskId);
                if (lane.Running.Remove(task.TaskId))
                {
                    lane.FreeAt = at > lane.FreeAt ? at : lane.FreeAt;
                }

                updated = updated with
                {
                    // A task forced to an end before it ran still reports when it was scheduled.
                    ScheduledTime = to == EmulatedTaskStatus.Canceled ? task.ScheduledTime : task.ScheduledTime ?? at,
                    EndTime = at,
                    ErrorCode = to == EmulatedTaskStatus.Failed ? code ?? task.PlannedFailureCode : null,
                    ErrorMessage = to == EmulatedTaskStatus.Failed ? message ?? task.PlannedFailureMessage : null,
                    IsHeld = false,
                };
                break;
        }

        _tasks[task.TaskId] = updated;
        _relay.Queue(new TaskTransition(task.TaskId, task.AccountId, from, to, at, updated.ErrorCode));
        if (updated.IsTerminal)
        {
            foreach (var evicted in _retention.Finished(updated, at))
            {
                // Only finished tasks are counted, so an unfinished one is never dropped here.
                _tasks.TryRemove(evicted, out _);
                _relay.QueueRemoval(evicted);
            }
        }

        return updated;
    }

    /// <summary>
    /// Puts a new task on the board, made PENDING from the start (one record, not an UNKNOWN one moved on): queued in
    /// its lane unless held, and its creation recorded as the transition from nothing to PENDING.
    /// </summary>
    private void Admit(EmulatedTask task, AccountLane lane, DateTimeOffset at)
    {
        if (!task.IsHeld)
        {
            lane.Enqueue(task.TaskId);
        }

        _tasks[task.TaskId] = task;
        _relay.Queue(new TaskTransition(task.TaskId, task.AccountId, null, EmulatedTaskStatus.Pending, at, null));
    }
}
