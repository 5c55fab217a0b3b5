namespace DashScope.Emulator.Tasks;

/// <summary>The board's test controls: forcing a status, holding and releasing a PENDING task, planning the next tasks.</summary>
internal sealed partial class TaskBoard
{
    /// <summary>Forces a task into a status now, whatever its clock says (a test fault).</summary>
    public EmulatedTask Force(string taskId, EmulatedTaskStatus status, string? code, string? message)
    {
        PackedTask task;
        TaskOverflow? overflow;
        try
        {
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                PumpLocked(now);
                var id = Existing(taskId, out task, out overflow);
                if (status == EmulatedTaskStatus.Pending)
                {
                    SetHeld(ref task, overflow, held: true);
                }
                else if (status != task.Status)
                {
                    MoveTo(ref task, ref overflow, status, now, code, message);
                }

                PumpLocked(now);
                Latest(id, ref task, ref overflow);
            }
        }
        finally
        {
            // The pump before a refusal (an unknown task, a finished one) may already have dropped tasks: raise them.
            _relay.RaiseQueued();
        }

        return _packer.Unpack(task, overflow);
    }

    /// <summary>Keeps a PENDING task queued until <see cref="Release"/>, without blocking the tasks behind it.</summary>
    public EmulatedTask Hold(string taskId) => Force(taskId, EmulatedTaskStatus.Pending, null, null);

    public EmulatedTask Release(string taskId)
    {
        PackedTask task;
        TaskOverflow? overflow;
        try
        {
            lock (_gate)
            {
                var id = Existing(taskId, out task, out overflow);
                SetHeld(ref task, overflow, held: false);
                PumpLocked(_time.GetUtcNow());
                Latest(id, ref task, ref overflow);
            }
        }
        finally
        {
            _relay.RaiseQueued();
        }

        return _packer.Unpack(task, overflow);
    }

    /// <summary>The next <paramref name="count"/> submitted tasks fail with the code when they run.</summary>
    public void FailNext(int count, string code, string message)
    {
        lock (_gate)
        {
            _plans.FailNext(count, code, message);
        }
    }

    /// <summary>What the next submitted tasks will do: how many fail and with which code, how many are held.</summary>
    public (int FailNext, string? FailCode, int HoldNext) Plans
    {
        get
        {
            lock (_gate)
            {
                return _plans.Current;
            }
        }
    }

    /// <summary>The next <paramref name="count"/> submitted tasks stay PENDING until released.</summary>
    public void HoldNext(int count)
    {
        lock (_gate)
        {
            _plans.HoldNext(count);
        }
    }

    private Guid Existing(string taskId, out PackedTask task, out TaskOverflow? overflow)
    {
        if (Http.Uuid.TryParseExact(taskId, out var id) && _tasks.TryGet(id, out task, out overflow))
        {
            return id;
        }

        throw new KeyNotFoundException($"No task '{taskId}'.");
    }

    /// <summary>The task's latest state; the state given when it is no longer kept (its account's cap dropped it just now).</summary>
    private void Latest(Guid id, ref PackedTask task, ref TaskOverflow? overflow)
    {
        if (_tasks.TryGet(id, out var latest, out var latestOverflow))
        {
            task = latest;
            overflow = latestOverflow;
        }
    }

    private void SetHeld(ref PackedTask task, TaskOverflow? overflow, bool held)
    {
        if (task.IsHeld == held)
        {
            return;
        }

        if (held && task.Status != EmulatedTaskStatus.Pending)
        {
            throw new InvalidOperationException($"Task {task.Id} is {task.Status.ToWireName()}; only a PENDING task can be held.");
        }

        var lane = LaneOf(task, overflow);
        task.IsHeld = held;
        _tasks.Set(task, overflow);
        if (task.Status == EmulatedTaskStatus.Pending)
        {
            if (held)
            {
                lane.Dequeue(task.Id);
            }
            else
            {
                lane.Enqueue(task.Id);
            }
        }
    }
}
