namespace DashScope.Toolkit.Description;

/// <summary>The task protocol facts of <c>x-dashscope-tasks</c> (its query, cancel and list endpoints are operations of their own).</summary>
/// <param name="TerminalStatuses">The statuses after which a task never changes.</param>
/// <param name="SuccessStatus">The terminal status that means success.</param>
/// <param name="CancelableStatuses">The statuses in which cancel succeeds.</param>
/// <param name="RecommendedPollIntervalSeconds">The provider's advice on how often to poll.</param>
/// <param name="RetentionHours">How long a task can be read after it ended.</param>
/// <param name="ResultUrlValidityHours">How long a result URL can be downloaded after its task ended.</param>
/// <param name="TimeZoneOffset">The offset of the zone-less task times, e.g. <c>+08:00</c>.</param>
/// <param name="TimeZoneConfirmed">False when the offset is a presumption.</param>
public sealed record TaskProtocolDescription(
    EquatableArray<string> TerminalStatuses,
    string SuccessStatus,
    EquatableArray<string> CancelableStatuses,
    int RecommendedPollIntervalSeconds,
    double RetentionHours,
    double ResultUrlValidityHours,
    string TimeZoneOffset,
    bool TimeZoneConfirmed)
{
    /// <summary>The poll interval when the schema gives none.</summary>
    public const int DefaultPollIntervalSeconds = 15;

    /// <summary>Task retention and result URL validity when the schema gives none (DashScope's documented 24 hours).</summary>
    public const double DefaultRetentionHours = 24;
}

/// <summary>
/// The fields of the task protocol, as wire-name paths from an answer's root. The schema does not name them:
/// every DashScope task answer has them, and the reader checks that the schema's models do.
/// </summary>
public static class TaskProtocolFields
{
    /// <summary><c>output.task_id</c>: the task's id, in a submit answer and in a task answer.</summary>
    public static EquatableArray<string> TaskId { get; } = EquatableArray.Of("output", "task_id");

    /// <summary><c>output.task_status</c>: the task's status, in a task answer.</summary>
    public static EquatableArray<string> TaskStatus { get; } = EquatableArray.Of("output", "task_status");

    /// <summary><c>output.code</c>: a failed task's error code (optional).</summary>
    public static EquatableArray<string> Code { get; } = EquatableArray.Of("output", "code");

    /// <summary><c>output.message</c>: a failed task's error message (optional).</summary>
    public static EquatableArray<string> Message { get; } = EquatableArray.Of("output", "message");

    /// <summary><c>request_id</c>: the id of the request that read the task (optional).</summary>
    public static EquatableArray<string> RequestId { get; } = EquatableArray.Of("request_id");

    /// <summary><c>page_no</c>: the page asked for (list query) and answered (list answer), from 1.</summary>
    public static EquatableArray<string> PageNo { get; } = EquatableArray.Of("page_no");

    /// <summary><c>page_size</c>: tasks per page (list query and answer).</summary>
    public static EquatableArray<string> PageSize { get; } = EquatableArray.Of("page_size");

    /// <summary><c>total_page</c>: how many pages the list has (list answer).</summary>
    public static EquatableArray<string> TotalPage { get; } = EquatableArray.Of("total_page");

    /// <summary><c>data</c>: the tasks of one page (list answer).</summary>
    public static EquatableArray<string> ListData { get; } = EquatableArray.Of("data");
}
