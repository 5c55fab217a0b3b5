namespace DashScope.Toolkit.Description;

/// <summary>What an operation does in the task protocol.</summary>
public enum OperationKind
{
    /// <summary>A synchronous call: the answer is the result.</summary>
    Sync,

    /// <summary>A task submit (<c>X-DashScope-Async: enable</c>): the answer names a task to poll.</summary>
    Async,

    /// <summary>Reads one task (<c>x-dashscope-tasks.query</c>).</summary>
    TaskQuery,

    /// <summary>Cancels one task (<c>x-dashscope-tasks.cancel</c>).</summary>
    TaskCancel,

    /// <summary>Lists the account's tasks (<c>x-dashscope-tasks.list</c>).</summary>
    TaskList,
}

/// <summary>One HTTP operation of the endpoint. Model fields are definition names (keys of <see cref="EndpointDescription.Models"/>), never pointers.</summary>
/// <param name="Key">The schema's key: the name in <c>x-dashscope-operations</c>, or <c>query</c>, <c>cancel</c>, <c>list</c>.</param>
/// <param name="Kind">What the operation does.</param>
/// <param name="Method">The HTTP method, upper case (<c>GET</c> or <c>POST</c>).</param>
/// <param name="Path">The path under the API root; task paths hold <c>{task_id}</c>.</param>
/// <param name="AlternatePaths">Other paths the service also accepts.</param>
/// <param name="Model">The model name a body carries (sync and async operations).</param>
/// <param name="Description">What the operation does, in the schema's words.</param>
/// <param name="HeadersModel">The model of the request headers, if the schema names one.</param>
/// <param name="RequestModel">The model of the request body, if the operation has one.</param>
/// <param name="QueryModel">The model of the query string, if the operation has one.</param>
/// <param name="ResponseModel">The model of a successful answer.</param>
/// <param name="TaskModel">For an async operation: the model of its task query answer.</param>
/// <param name="RateLimit">The limit the schema states (task operations share <c>x-dashscope-tasks.rateLimit</c>).</param>
/// <param name="MaxRunningTasksPerAccount">For an async operation: how many tasks of one account run at once.</param>
/// <param name="MediaRules">The URLs of the request whose content has limits, by dotted path.</param>
public sealed record OperationDescription(
    string Key,
    OperationKind Kind,
    string Method,
    string Path,
    EquatableArray<string> AlternatePaths,
    string? Model,
    string? Description,
    string? HeadersModel,
    string? RequestModel,
    string? QueryModel,
    string ResponseModel,
    string? TaskModel,
    RateLimitDescription? RateLimit,
    int? MaxRunningTasksPerAccount,
    EquatableArray<MediaRuleDescription> MediaRules)
{
    /// <summary>True for <see cref="OperationKind.TaskQuery"/>, <see cref="OperationKind.TaskCancel"/> and <see cref="OperationKind.TaskList"/>.</summary>
    public bool IsTaskEndpoint => Kind is OperationKind.TaskQuery or OperationKind.TaskCancel or OperationKind.TaskList;
}

/// <summary>A request rate limit.</summary>
/// <param name="RequestsPerSecond">How many requests per second are allowed.</param>
/// <param name="Scope">Whom the limit counts (<c>account</c> unless the schema says otherwise).</param>
/// <param name="Confirmed">False when the schema marks the figure as unconfirmed by the provider.</param>
public sealed record RateLimitDescription(double RequestsPerSecond, string Scope, bool Confirmed);
