namespace DashScope.Emulator.Tasks;

/// <summary>The board's test controls: forcing a status, holding and releasing a PENDING task, planning the next tasks.</summary>
internal sealed partial class TaskBoard
{
    /// <summary>Forces a task into a status now, whatever its clock says (a test fault).</summary>
    public EmulatedTask Force(string taskId, EmulatedTaskStatus status, string? code, string? message)
    {
        EmulatedTask task;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            PumpLocked(now);
            task = Existing(taskId);
            if (status == EmulatedTaskStatus.Pending)
            {
                task = SetHeld(task, held: true);
            }
            else if (status != task.Status)
            {
                task = MoveTo(task, status, now, code, message);
            }

            PumpLocked(now);
            task = Latest(task);
        }

        _relay.RaiseQueued();
        return task;
    }

    /// <summary>Keeps a PENDING task queued until <see cref="Release"/>, without blocking the tasks behind it.</summary>
    public EmulatedTask Hold(string taskId) => Force(taskId, EmulatedTaskStatus.Pending, null, null);

    public EmulatedTask Release(string taskId)
    {
        EmulatedTask task;
        lock (_gate)
        {
            task = SetHeld(Existing(taskId), held: false);
            PumpLocked(_time.GetUtcNow());
            task = Latest(task);
        }

        _relay.RaiseQueued();
        return task;
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
}
