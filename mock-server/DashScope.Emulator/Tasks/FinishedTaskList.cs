namespace DashScope.Emulator.Tasks;

/// <summary>One account's finished tasks in the order they finished, with removal from anywhere. Not thread-safe.</summary>
internal sealed class FinishedTaskList
{
    private readonly LinkedList<Guid> _order = new();
    private readonly Dictionary<Guid, LinkedListNode<Guid>> _nodes = new();

    public int Count => _order.Count;

    public bool Contains(Guid taskId) => _nodes.ContainsKey(taskId);

    /// <summary>Adds the task at the end; false when it is in the list already.</summary>
    public bool Add(Guid taskId)
    {
        if (_nodes.ContainsKey(taskId))
        {
            return false;
        }

        _nodes[taskId] = _order.AddLast(taskId);
        return true;
    }

    /// <summary>Takes out the task that finished first; the list is not empty.</summary>
    public Guid RemoveOldest()
    {
        var oldest = _order.First!.Value;
        _order.RemoveFirst();
        _nodes.Remove(oldest);
        return oldest;
    }

    /// <summary>Takes the task out wherever it is; false when it is not in the list.</summary>
    public bool Remove(Guid taskId)
    {
        if (!_nodes.Remove(taskId, out var node))
        {
            return false;
        }

        _order.Remove(node);
        return true;
    }
}
