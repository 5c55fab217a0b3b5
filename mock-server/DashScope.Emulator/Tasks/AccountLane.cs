namespace DashScope.Emulator.Tasks;

/// <summary>One account's queue of one operation's tasks (PENDING, in submit order) and its running slots.</summary>
internal sealed class AccountLane(int maxRunning)
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
