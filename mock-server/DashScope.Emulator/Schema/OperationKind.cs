namespace DashScope.Emulator.Schema;

/// <summary>What an operation does, as the schema says it: its <c>mode</c>, or its place among the task operations.</summary>
internal enum OperationKind
{
    /// <summary>A synchronous call answered at once (<c>"mode": "sync"</c>), e.g. face detection.</summary>
    SyncCall,

    /// <summary>An asynchronous submit that creates a task (<c>"mode": "async"</c>).</summary>
    SubmitTask,

    /// <summary>Reads one task (<c>x-dashscope-tasks.query</c>).</summary>
    QueryTask,

    /// <summary>Cancels one task (<c>x-dashscope-tasks.cancel</c>).</summary>
    CancelTask,

    /// <summary>Lists an account's tasks (<c>x-dashscope-tasks.list</c>).</summary>
    ListTasks,
}
