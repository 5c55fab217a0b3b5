namespace DashScope.Emulator.Tasks;

/// <summary>The board's submit: a new task packed, planned, queued in its lane and announced.</summary>
internal sealed partial class TaskBoard
{
    public EmulatedTask Submit(NewTask request)
    {
        var idText = Add(request, out var task, out var overflow);
        return _packer.Unpack(task, overflow, idText, request.RequestId);
    }

    /// <summary>Submits like <see cref="Submit"/> and gives only the new task's id: the submit answer needs no more.</summary>
    public string SubmitForId(NewTask request) => Add(request, out _, out _);

    /// <summary>Puts a new task on the board; gives its id, and its state after the submit (or as given, when its account's cap dropped it at once).</summary>
    private string Add(NewTask request, out PackedTask task, out TaskOverflow? overflow)
    {
        // Texts go into the value pool outside the lock (the pool is thread-safe); so does the id.
        var id = Http.Uuid.New();
        var idText = id.ToString();
        task = _packer.Submitted(request, id, out overflow);
        // A growth of the store's shard rehashes its tasks: done here, it holds up that shard's readers, not every submit.
        _tasks.MakeRoomFor(id);
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
            task.Status = EmulatedTaskStatus.Pending;
            task.SubmitTime = now;
            task.IsHeld = held;
            task.QueueDelay = queueDelay;
            task.RunningDuration = runningDuration;
            _packer.SetText(ref task, TaskText.PlannedFailureCode, failureCode, ref overflow);
            _packer.SetText(ref task, TaskText.PlannedFailureMessage, failureMessage, ref overflow);
            var lane = Lane(request.AccountId, request.Endpoint, request.MaxRunning);
            Admit(task, overflow, lane, idText, request.AccountId, now);

            // Behind other queued tasks (or held) it changes no due instant: the board was pumped to now, so nothing is
            // due and the next wake-up stays right. At the head of its lane it may start now or be the next thing due.
            if (lane.Head == id)
            {
                PumpLocked(now);
                if (_tasks.TryGet(id, out var latest, out var latestOverflow))
                {
                    task = latest;
                    overflow = latestOverflow;
                }
            }
        }

        _relay.RaiseQueued();
        return idText;
    }

    /// <summary>
    /// Puts a new task on the board, made PENDING from the start (not an UNKNOWN one moved on): queued in its lane
    /// unless held, and its creation recorded as the transition from nothing to PENDING.
    /// </summary>
    private void Admit(in PackedTask task, TaskOverflow? overflow, AccountLane lane, string idText, string accountId, DateTimeOffset at)
    {
        if (!task.IsHeld)
        {
            lane.Enqueue(task.Id);
        }

        _tasks.Set(task, overflow);
        _relay.Queue(new TaskTransition(idText, accountId, null, EmulatedTaskStatus.Pending, at, null));
    }
}
