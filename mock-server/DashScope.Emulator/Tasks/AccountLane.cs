namespace DashScope.Emulator.Tasks;

/// <summary>One account's queue of one operation's tasks (PENDING, in submit order) and its running slots.</summary>
/// <remarks>
/// The queue keeps no object per task: with the default timings a flood of submits leaves millions of tasks queued, and
/// each object more per task is one more for every full garbage collection to mark. Entries are slots stamped with a
/// ticket; taking a task out of the middle (a hold, a cancel, a forced end) only forgets its ticket, and the stale slot
/// is skipped when it reaches the head. Both the slots and the tickets grow a small piece at a time
/// (<see cref="ChunkedQueue{T}"/>, <see cref="TaskIdMap{TValue}"/>): the board's lock is held while a task is queued,
/// and growing one array or dictionary of millions there stalled every submit behind it.
/// </remarks>
internal sealed class AccountLane(int maxRunning)
{
    private readonly ChunkedQueue<(Guid TaskId, long Ticket)> _order = new();
    private readonly TaskIdMap<long> _tickets = new();
    private long _nextTicket;

    /// <summary>How many of its tasks run at once.</summary>
    public int MaxRunning { get; } = maxRunning;

    public Dictionary<Guid, DateTimeOffset> Running { get; } = new();

    /// <summary>When a slot last became free: the next task cannot start before it.</summary>
    public DateTimeOffset FreeAt { get; set; } = DateTimeOffset.MinValue;

    /// <summary>How many tasks are queued.</summary>
    public int QueuedCount => _tickets.Count;

    /// <summary>The task at the head of the queue, or null when none is queued.</summary>
    public Guid? Head
    {
        get
        {
            while (_order.TryPeek(out var head))
            {
                if (_tickets.TryGetValue(head.TaskId, out var ticket) && ticket == head.Ticket)
                {
                    return head.TaskId;
                }

                // Taken out earlier (or queued again behind): its slot is stale.
                _order.Dequeue();
            }

            return null;
        }
    }

    /// <summary>Puts the task at the back of the queue, unless it is queued already.</summary>
    public void Enqueue(Guid taskId)
    {
        if (_tickets.TryAdd(taskId, _nextTicket))
        {
            _order.Enqueue((taskId, _nextTicket++));
        }
    }

    /// <summary>Takes the task out of the queue, wherever it is; nothing when it is not queued.</summary>
    public void Dequeue(Guid taskId)
    {
        if (_tickets.Remove(taskId) && _tickets.Count == 0)
        {
            // Nothing live is left: drop the stale slots at once rather than one by one at the head, and give back
            // the space a long queue took (the tickets give theirs back by themselves).
            _order.Clear();
        }
    }
}
