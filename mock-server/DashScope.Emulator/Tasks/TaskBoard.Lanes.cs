namespace DashScope.Emulator.Tasks;

/// <summary>The board's scheduling: each account's lanes replayed up to now, under the board's lock.</summary>
internal sealed partial class TaskBoard
{
    private void PumpLocked(DateTimeOffset now)
    {
        var nextDue = DateTimeOffset.MaxValue;
        foreach (var lane in _lanes.Values)
        {
            var laneDue = AdvanceLane(lane, now);
            nextDue = laneDue < nextDue ? laneDue : nextDue;
        }

        foreach (var expired in _retention.RemoveExpired(_tasks, now))
        {
            _relay.QueueRemoval(expired);
        }

        nextDue = _retention.NextExpiry < nextDue ? _retention.NextExpiry : nextDue;
        _alarm.Schedule(nextDue, now);
    }

    /// <summary>Replays one account's queue up to now; returns when its next transition is due.</summary>
    private DateTimeOffset AdvanceLane(AccountLane lane, DateTimeOffset now)
    {
        while (true)
        {
            // Finish the running task that ends first, if it has ended.
            if (lane.Running.Count > 0)
            {
                var (id, endsAt) = FirstToEnd(lane);
                if (endsAt <= now)
                {
                    var task = _tasks[id];
                    MoveTo(task, task.PlannedFailureCode is null ? EmulatedTaskStatus.Succeeded : EmulatedTaskStatus.Failed, endsAt, null, null);
                    continue;
                }
            }

            // Start the next queued task if a slot is free and its queueing time has passed.
            if (lane.Running.Count < lane.MaxRunning && lane.Head is { } head)
            {
                var task = _tasks[head];
                var startAt = task.SubmitTime + task.QueueDelay;
                startAt = startAt > lane.FreeAt ? startAt : lane.FreeAt;
                if (startAt <= now)
                {
                    MoveTo(task, EmulatedTaskStatus.Running, startAt, null, null);
                    continue;
                }

                return lane.Running.Count > 0 ? Min(startAt, FirstToEnd(lane).EndsAt) : startAt;
            }

            return lane.Running.Count > 0 ? FirstToEnd(lane).EndsAt : DateTimeOffset.MaxValue;
        }
    }

    /// <summary>The running task that ends first (the first of equals, in the lane's order); the lane runs at least one.</summary>
    /// <remarks>A loop over the dictionary's own enumerator: LINQ's MinBy and Min boxed one per call, and every submit pumps twice.</remarks>
    private static (string Id, DateTimeOffset EndsAt) FirstToEnd(AccountLane lane)
    {
        var first = (Id: string.Empty, EndsAt: DateTimeOffset.MaxValue);
        var any = false;
        foreach (var (id, endsAt) in lane.Running)
        {
            if (!any || endsAt < first.EndsAt)
            {
                first = (id, endsAt);
                any = true;
            }
        }

        return first;
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

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
