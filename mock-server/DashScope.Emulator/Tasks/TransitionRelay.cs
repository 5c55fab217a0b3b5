namespace DashScope.Emulator.Tasks;

/// <summary>
/// Hands the board's transitions to its subscribers outside the board's lock, one subscriber call at a time and in
/// the order they happened, so a slow subscriber on one thread cannot let a later change overtake an earlier one;
/// then the ids of tasks the board no longer keeps (expired, or dropped by their account's cap).
/// </summary>
internal sealed class TransitionRelay
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<TaskTransition> _unraised = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<Guid> _removed = new();
    private readonly object _raiseGate = new();

    public event Action<TaskTransition>? Transitioned;

    public event Action<Guid>? Removed;

    /// <summary>Queues the id of a task the board dropped; called under the board's lock.</summary>
    public void QueueRemoval(Guid taskId) => _removed.Enqueue(taskId);

    /// <summary>Queues a transition; called under the board's lock, so the queue holds them in order.</summary>
    public void Queue(TaskTransition transition) => _unraised.Enqueue(transition);

    /// <summary>Raises every queued transition; called outside the board's lock.</summary>
    public void RaiseQueued()
    {
        if (_unraised.IsEmpty && _removed.IsEmpty)
        {
            return;
        }

        lock (_raiseGate)
        {
            while (_unraised.TryDequeue(out var transition))
            {
                Transitioned?.Invoke(transition);
            }

            while (_removed.TryDequeue(out var taskId))
            {
                Removed?.Invoke(taskId);
            }
        }
    }
}
