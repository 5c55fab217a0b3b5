namespace DashScope.Emulator.Tasks;

/// <summary>
/// Every task's state, in one place, behind one lock. A task's status changes only in
/// <see cref="MoveTo"/>; everything else asks for a move. Transitions are computed from the clock, not
/// from when somebody looks: <see cref="Pump"/> replays every transition due up to "now" at the instant it
/// was due, so the answer at a given emulated time is the same however often the board is pumped.
/// </summary>
internal sealed class TaskBoard : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, EmulatedTask> _tasks = new(StringComparer.Ordinal);
    // One queue per account and operation: each task kind runs its own tasks, as many at once as its operation allows.
    private readonly Dictionary<(string Account, EmulatorEndpoint Endpoint), AccountLane> _lanes = new();
    private readonly TimeProvider _time;
    private readonly TaskTimings _timings;
    private readonly ITimer _wakeUp;

    // Transitions in the order they happened (queued under _gate), raised one subscriber call at a time under
    // _raiseGate, so a slow subscriber on one thread cannot let a later change overtake an earlier one.
    private readonly System.Collections.Concurrent.ConcurrentQueue<TaskTransition> _unraised = new();
    private readonly object _raiseGate = new();
    private long _nextDueTicks = long.MaxValue;

    // The instant (UTC ticks) the wake-up timer is armed for; long.MaxValue when it is not armed. Re-arming a
    // timer takes the runtime's timer-queue lock and can wake its thread, and every request pumps the board,
    // so the timer is only touched when the next due instant actually changes.
    private long _armedDueTicks = long.MaxValue;
    private DateTimeOffset _nextPurge = DateTimeOffset.MaxValue;
    private int _plannedFailures;
    private string? _plannedFailureCode;
    private string? _plannedFailureMessage;
    private int _plannedHolds;

    public TaskBoard(TimeProvider time, TaskTimings timings)
    {
        _time = time;
        _timings = timings;

        // The wake-up timer runs on the same TimeProvider: with a FakeTimeProvider it fires inside
        // Advance(), with the system clock it fires in real time, so transitions surface as they happen.
        _wakeUp = time.CreateTimer(_ => WakeUp(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Raised after a change, outside the lock, once per transition, in the order the transitions happened.</summary>
    public event Action<TaskTransition>? Transitioned;

    public EmulatedTask Submit(NewTask request)
    {
        var transitions = new List<TaskTransition>();
        EmulatedTask task;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            PumpLocked(now, transitions);
            var failureCode = request.FailureCode;
            var failureMessage = request.FailureMessage;
            if (failureCode is null && _plannedFailures > 0)
            {
                _plannedFailures--;
                failureCode = _plannedFailureCode;
                failureMessage = _plannedFailureMessage;
            }

            var held = false;
            if (_plannedHolds > 0)
            {
                _plannedHolds--;
                held = true;
            }

            var (queueDelay, runningDuration) = _timings.Plan(request.VideoDurationSeconds, failureCode is not null);
            task = new EmulatedTask(
                Http.Uuid.NewText(), request.AccountId, request.ApiKeyId, request.Model, request.RequestId,
                EmulatedTaskStatus.Unknown, now, null, null, null, null, request.VideoDurationSeconds,
                runningDuration, failureCode, failureMessage, held, request.ImageUrl, request.AudioUrl)
            {
                Endpoint = request.Endpoint, MediaSeconds = request.MediaSeconds, QueueDelay = queueDelay,
            };
            _tasks.Add(task.TaskId, task);
            Lane(task, request.MaxRunning);
            task = MoveTo(task, EmulatedTaskStatus.Pending, now, null, null, transitions, isNew: true);
            PumpLocked(now, transitions);
            task = _tasks[task.TaskId];
        }

        Raise(transitions);
        return task;
    }

    /// <summary>The task as its account sees it now; null when it never existed or has expired.</summary>
    public EmulatedTask? Find(string taskId)
    {
        var transitions = new List<TaskTransition>();
        EmulatedTask? task;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            PumpLocked(now, transitions);
            task = _tasks.TryGetValue(taskId, out var found) && !IsExpired(found, now) ? found : null;
        }

        Raise(transitions);
        return task;
    }

    public IReadOnlyList<EmulatedTask> Snapshot(string? accountId = null)
    {
        var transitions = new List<TaskTransition>();
        List<EmulatedTask> result;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            PumpLocked(now, transitions);
            result = _tasks.Values
                .Where(t => !IsExpired(t, now) && (accountId is null || t.AccountId == accountId))
                .OrderBy(t => t.SubmitTime).ThenBy(t => t.TaskId, StringComparer.Ordinal)
                .ToList();
        }

        Raise(transitions);
        return result;
    }

    /// <summary>Cancels a PENDING task of the account; false when it is not one (any other status, unknown, foreign).</summary>
    public bool Cancel(string accountId, string taskId, IReadOnlyCollection<string> cancelableStatuses)
    {
        var transitions = new List<TaskTransition>();
        var cancelled = false;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            PumpLocked(now, transitions);
            if (_tasks.TryGetValue(taskId, out var task) && task.AccountId == accountId && !IsExpired(task, now)
                && cancelableStatuses.Contains(task.Status.ToWireName()))
            {
                MoveTo(task, EmulatedTaskStatus.Canceled, now, null, null, transitions);
                PumpLocked(now, transitions);
                cancelled = true;
            }
        }

        Raise(transitions);
        return cancelled;
    }

    /// <summary>Forces a task into a status now, whatever its clock says (a test fault).</summary>
    public EmulatedTask Force(string taskId, EmulatedTaskStatus status, string? code, string? message)
    {
        var transitions = new List<TaskTransition>();
        EmulatedTask task;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            PumpLocked(now, transitions);
            task = Existing(taskId);
            if (status == EmulatedTaskStatus.Pending)
            {
                task = SetHeld(task, held: true);
            }
            else if (status != task.Status)
            {
                task = MoveTo(task, status, now, code, message, transitions);
            }

            PumpLocked(now, transitions);
            task = _tasks[taskId];
        }

        Raise(transitions);
        return task;
    }

    /// <summary>Keeps a PENDING task queued until <see cref="Release"/>, without blocking the tasks behind it.</summary>
    public EmulatedTask Hold(string taskId) => Force(taskId, EmulatedTaskStatus.Pending, null, null);

    public EmulatedTask Release(string taskId)
    {
        var transitions = new List<TaskTransition>();
        EmulatedTask task;
        lock (_gate)
        {
            task = SetHeld(Existing(taskId), held: false);
            PumpLocked(_time.GetUtcNow(), transitions);
            task = _tasks[taskId];
        }

        Raise(transitions);
        return task;
    }

    /// <summary>The next <paramref name="count"/> submitted tasks fail with the code when they run.</summary>
    public void FailNext(int count, string code, string message)
    {
        lock (_gate)
        {
            _plannedFailures = count;
            _plannedFailureCode = code;
            _plannedFailureMessage = message;
        }
    }

    /// <summary>What the next submitted tasks will do: how many fail and with which code, how many are held.</summary>
    public (int FailNext, string? FailCode, int HoldNext) Plans
    {
        get
        {
            lock (_gate)
            {
                return (_plannedFailures, _plannedFailures > 0 ? _plannedFailureCode : null, _plannedHolds);
            }
        }
    }

    /// <summary>The next <paramref name="count"/> submitted tasks stay PENDING until released.</summary>
    public void HoldNext(int count)
    {
        lock (_gate)
        {
            _plannedHolds = count;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _tasks.Clear();
            _lanes.Clear();
            _plannedFailures = _plannedHolds = 0;
            _nextPurge = DateTimeOffset.MaxValue;
            Volatile.Write(ref _nextDueTicks, long.MaxValue);
            _wakeUp.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _armedDueTicks = long.MaxValue;
        }
    }

    /// <summary>Applies every transition due by now. Cheap when nothing is due: one volatile read.</summary>
    public void Pump()
    {
        var now = _time.GetUtcNow();
        if (now.UtcTicks < Volatile.Read(ref _nextDueTicks))
        {
            return;
        }

        var transitions = new List<TaskTransition>();
        lock (_gate)
        {
            PumpLocked(now, transitions);
        }

        Raise(transitions);
    }

    public void Dispose() => _wakeUp.Dispose();

    /// <summary>The one-shot timer fired: it is no longer armed, so the pump must arm it again for what is due next.</summary>
    private void WakeUp()
    {
        var transitions = new List<TaskTransition>();
        lock (_gate)
        {
            _armedDueTicks = long.MaxValue;
            PumpLocked(_time.GetUtcNow(), transitions);
        }

        Raise(transitions);
    }

    private bool IsExpired(EmulatedTask task, DateTimeOffset now) =>
        task.EndTime is { } end && now >= end + _timings.RetentionPeriod;

    private EmulatedTask Existing(string taskId) =>
        _tasks.TryGetValue(taskId, out var task) ? task : throw new KeyNotFoundException($"No task '{taskId}'.");

    private EmulatedTask SetHeld(EmulatedTask task, bool held)
    {
        if (task.IsHeld == held)
        {
            return task;
        }

        if (held && task.Status != EmulatedTaskStatus.Pending)
        {
            throw new InvalidOperationException($"Task {task.TaskId} is {task.Status.ToWireName()}; only a PENDING task can be held.");
        }

        var lane = Lane(task);
        var updated = task with { IsHeld = held };
        _tasks[task.TaskId] = updated;
        if (task.Status == EmulatedTaskStatus.Pending)
        {
            if (held)
            {
                lane.Dequeue(task.TaskId);
            }
            else
            {
                lane.Enqueue(task.TaskId);
            }
        }

        return updated;
    }

    /// <summary>
    /// The only place a task's status changes. It checks the move is legal, stamps the time fields,
    /// keeps the account's queue and running slots in step, and records the transition.
    /// </summary>
    private EmulatedTask MoveTo(EmulatedTask task, EmulatedTaskStatus to, DateTimeOffset at, string? code, string? message, List<TaskTransition> transitions, bool isNew = false)
    {
        var from = task.Status;
        var legal = isNew
            ? to == EmulatedTaskStatus.Pending
            : from switch
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
            case EmulatedTaskStatus.Pending:
                if (!task.IsHeld)
                {
                    lane.Enqueue(task.TaskId);
                }

                break;
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
                var purgeAt = at + _timings.RetentionPeriod;
                _nextPurge = purgeAt < _nextPurge ? purgeAt : _nextPurge;
                break;
        }

        _tasks[task.TaskId] = updated;
        transitions.Add(new TaskTransition(task.TaskId, task.AccountId, isNew ? null : from, to, at, updated.ErrorCode));
        _unraised.Enqueue(transitions[^1]);
        return updated;
    }

    private void PumpLocked(DateTimeOffset now, List<TaskTransition> transitions)
    {
        var nextDue = DateTimeOffset.MaxValue;
        foreach (var lane in _lanes.Values)
        {
            var laneDue = AdvanceLane(lane, now, transitions);
            nextDue = laneDue < nextDue ? laneDue : nextDue;
        }

        if (now >= _nextPurge)
        {
            Purge(now);
        }

        nextDue = _nextPurge < nextDue ? _nextPurge : nextDue;
        var dueTicks = nextDue == DateTimeOffset.MaxValue ? long.MaxValue : nextDue.UtcTicks;
        Volatile.Write(ref _nextDueTicks, dueTicks);
        if (dueTicks != _armedDueTicks)
        {
            _wakeUp.Change(nextDue == DateTimeOffset.MaxValue ? Timeout.InfiniteTimeSpan : Max(nextDue - now, TimeSpan.FromTicks(1)), Timeout.InfiniteTimeSpan);
            _armedDueTicks = dueTicks;
        }
    }

    /// <summary>Replays one account's queue up to now; returns when its next transition is due.</summary>
    private DateTimeOffset AdvanceLane(AccountLane lane, DateTimeOffset now, List<TaskTransition> transitions)
    {
        while (true)
        {
            // Finish the running task that ends first, if it has ended.
            if (lane.Running.Count > 0)
            {
                var (id, endsAt) = lane.Running.MinBy(r => r.Value);
                if (endsAt <= now)
                {
                    var task = _tasks[id];
                    MoveTo(task, task.PlannedFailureCode is null ? EmulatedTaskStatus.Succeeded : EmulatedTaskStatus.Failed, endsAt, null, null, transitions);
                    continue;
                }
            }

            // Start the next queued task if a slot is free and its queueing time has passed.
            if (lane.Running.Count < lane.MaxRunning && lane.Queue.First is { } head)
            {
                var task = _tasks[head.Value];
                var startAt = task.SubmitTime + task.QueueDelay;
                startAt = startAt > lane.FreeAt ? startAt : lane.FreeAt;
                if (startAt <= now)
                {
                    MoveTo(task, EmulatedTaskStatus.Running, startAt, null, null, transitions);
                    continue;
                }

                return lane.Running.Count > 0 ? Min(startAt, lane.Running.Values.Min()) : startAt;
            }

            return lane.Running.Count > 0 ? lane.Running.Values.Min() : DateTimeOffset.MaxValue;
        }
    }

    private void Purge(DateTimeOffset now)
    {
        var next = DateTimeOffset.MaxValue;
        foreach (var task in _tasks.Values.ToList())
        {
            if (task.EndTime is not { } end)
            {
                continue;
            }

            var expiresAt = end + _timings.RetentionPeriod;
            if (expiresAt <= now)
            {
                _tasks.Remove(task.TaskId);
            }
            else if (expiresAt < next)
            {
                next = expiresAt;
            }
        }

        _nextPurge = next;
    }

    /// <summary>The lane of the task's account and operation, made with room for <paramref name="maxRunning"/> running tasks if new.</summary>
    private AccountLane Lane(EmulatedTask task, int maxRunning = 1)
    {
        if (!_lanes.TryGetValue((task.AccountId, task.Endpoint), out var lane))
        {
            lane = new AccountLane(maxRunning);
            _lanes.Add((task.AccountId, task.Endpoint), lane);
        }

        return lane;
    }

    private void Raise(List<TaskTransition> transitions)
    {
        if (transitions.Count == 0 && _unraised.IsEmpty)
        {
            return;
        }

        lock (_raiseGate)
        {
            while (_unraised.TryDequeue(out var transition))
            {
                Transitioned?.Invoke(transition);
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>One account's queue of one operation's tasks (PENDING, in submit order) and its running slots.</summary>
    private sealed class AccountLane(int maxRunning)
    {
        private readonly Dictionary<string, LinkedListNode<string>> _nodes = new(StringComparer.Ordinal);

        /// <summary>How many of its tasks run at once.</summary>
        public int MaxRunning { get; } = maxRunning;

        public LinkedList<string> Queue { get; } = new();

        public Dictionary<string, DateTimeOffset> Running { get; } = new(StringComparer.Ordinal);

        /// <summary>When a slot last became free: the next task cannot start before it.</summary>
        public DateTimeOffset FreeAt { get; set; } = DateTimeOffset.MinValue;

        public void Enqueue(string taskId)
        {
            if (!_nodes.ContainsKey(taskId))
            {
                _nodes[taskId] = Queue.AddLast(taskId);
            }
        }

        public void Dequeue(string taskId)
        {
            if (_nodes.Remove(taskId, out var node))
            {
                Queue.Remove(node);
            }
        }
    }
}
