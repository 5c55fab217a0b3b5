namespace DashScope.Toolkit.Description;

/// <summary>
/// The keys of the task protocol's own operations in <see cref="EndpointDescription.Operations"/>: the names of their
/// blocks under <c>x-dashscope-tasks</c>. Synchronous and asynchronous operations are keyed by their names in
/// <c>x-dashscope-operations</c> instead, which each schema chooses.
/// </summary>
public static class TaskOperationKeys
{
    /// <summary>The task query (<c>x-dashscope-tasks.query</c>).</summary>
    public const string Query = "query";

    /// <summary>The task cancel (<c>x-dashscope-tasks.cancel</c>).</summary>
    public const string Cancel = "cancel";

    /// <summary>The task list (<c>x-dashscope-tasks.list</c>).</summary>
    public const string List = "list";
}
