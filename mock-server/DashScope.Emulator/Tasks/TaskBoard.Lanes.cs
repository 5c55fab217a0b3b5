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

        foreach (var expired in _retention.RemoveExpired(now))
        {
            _tasks.Remove(expired);
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
                    Stored(id, out var task, out var overflow);
                    var plannedToFail = task.Handle(TaskText.PlannedFailureCode) != TaskValuePool.None;
                    MoveTo(ref task, ref overflow, plannedToFail ? EmulatedTaskStatus.Failed : EmulatedTaskStatus.Succeeded, endsAt, null, null);
                    continue;
                }
            }

            // Start the next queued task if a slot is free and its queueing time has passed.
            if (lane.Running.Count < lane.MaxRunning && lane.Head is { } head)
            {
                Stored(head, out var task, out var overflow);
                var startAt = task.SubmitTime + task.QueueDelay;
                startAt = startAt > lane.FreeAt ? startAt : lane.FreeAt;
                if (startAt <= now)
                {
                    MoveTo(ref task, ref overflow, EmulatedTaskStatus.Running, startAt, null, null);
                    continue;
                }

                return lane.Running.Count > 0 ? Min(startAt, FirstToEnd(lane).EndsAt) : startAt;
            }

            return lane.Running.Count > 0 ? FirstToEnd(lane).EndsAt : DateTimeOffset.MaxValue;
        }
    }

    /// <summary>The running task that ends first (the first of equals, in the lane's order); the lane runs at least one.</summary>
    /// <remarks>A loop over the dictionary's own enumerator: LINQ's MinBy and Min boxed one per call, and every submit pumps twice.</remarks>
    private static (Guid Id, DateTimeOffset EndsAt) FirstToEnd(AccountLane lane)
    {
        var first = (Id: Guid.Empty, EndsAt: DateTimeOffset.MaxValue);
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

    /// <summary>The lane of an account and operation, made with room for <paramref name="maxRunning"/> running tasks if new.</summary>
    private AccountLane Lane(string accountId, EmulatorEndpoint endpoint, int maxRunning = 1)
    {
        if (!_lanes.TryGetValue((accountId, endpoint), out var lane))
        {
            lane = new AccountLane(maxRunning);
            _lanes.Add((accountId, endpoint), lane);
        }

        return lane;
    }

    /// <summary>The lane of a stored task.</summary>
    private AccountLane LaneOf(in PackedTask task, TaskOverflow? overflow)
    {
        return Lane(_packer.Text(task, TaskText.AccountId, overflow)!, EmulatorEndpoint.FromKey(_packer.Text(task, TaskText.Endpoint, overflow)!));
    }

    /// <summary>A task a lane names: the lanes only hold tasks the board keeps.</summary>
    private void Stored(Guid id, out PackedTask task, out TaskOverflow? overflow)
    {
        if (!_tasks.TryGet(id, out task, out overflow))
        {
            throw new InvalidOperationException($"Task {id} is in a lane but not on the board.");
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
