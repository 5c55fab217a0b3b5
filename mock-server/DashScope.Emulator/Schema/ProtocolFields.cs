using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Schema;

/// <summary>
/// The names DashScope's task protocol fixes for every endpoint, in one place. A schema describes its own
/// requests, results and usage; these it never names, since every DashScope answer has them (the generator knows
/// them the same way). Where the description already names a field (<see cref="TaskProtocolFields"/>), the name
/// is taken from there.
/// </summary>
internal static class ProtocolFields
{
    /// <summary>The object that carries a task's fields in a submit or query answer.</summary>
    public static readonly string Output = TaskProtocolFields.TaskId[0];

    /// <summary>A task's id.</summary>
    public static readonly string TaskId = Last(TaskProtocolFields.TaskId);

    /// <summary>A task's status.</summary>
    public static readonly string TaskStatus = Last(TaskProtocolFields.TaskStatus);

    /// <summary>A failed task's code, and the code of an error envelope.</summary>
    public static readonly string Code = Last(TaskProtocolFields.Code);

    /// <summary>A failed task's message, and the message of an error envelope.</summary>
    public static readonly string Message = Last(TaskProtocolFields.Message);

    /// <summary>The id of the request an answer answers.</summary>
    public static readonly string RequestId = Last(TaskProtocolFields.RequestId);

    /// <summary>When a task was submitted (in <see cref="Output"/>).</summary>
    public const string SubmitTime = "submit_time";

    /// <summary>When a task started running (in <see cref="Output"/>).</summary>
    public const string ScheduledTime = "scheduled_time";

    /// <summary>When a task ended (in <see cref="Output"/>).</summary>
    public const string EndTime = "end_time";

    /// <summary>The model a request names, at its root.</summary>
    public const string Model = "model";

    /// <summary>The object a request carries its inputs in, at its root.</summary>
    public const string Input = "input";

    /// <summary>The header that carries <c>Bearer</c> and the API key.</summary>
    public const string Authorization = "Authorization";

    /// <summary>The header that asks for an asynchronous call.</summary>
    public const string AsyncHeader = "X-DashScope-Async";

    /// <summary>DashScope's format of task answer times, when the schema's field gives none.</summary>
    public const string TaskTimeFormat = "yyyy-MM-dd HH:mm:ss.fff";

    /// <summary>The fields of the task list's query and answer.</summary>
    public static class List
    {
        /// <summary>Start of the submit-time window (query), or when the task started (item).</summary>
        public const string StartTime = "start_time";

        /// <summary>End of the submit-time window (query), or when the task ended (item).</summary>
        public const string EndTime = "end_time";

        /// <summary>Only tasks of this model (query), or a task's model (item).</summary>
        public const string ModelName = "model_name";

        /// <summary>Only tasks in this status (query), or a task's status (item).</summary>
        public const string Status = "status";

        /// <summary>The page to answer, from 1.</summary>
        public static readonly string PageNo = TaskProtocolFields.PageNo[0];

        /// <summary>Tasks per page.</summary>
        public static readonly string PageSize = TaskProtocolFields.PageSize[0];

        /// <summary>How many tasks match, on every page.</summary>
        public const string Total = "total";

        /// <summary>How many pages there are.</summary>
        public static readonly string TotalPage = TaskProtocolFields.TotalPage[0];

        /// <summary>The array of tasks of the page.</summary>
        public static readonly string Data = TaskProtocolFields.ListData[0];

        /// <summary>An opaque id of the key that submitted the task.</summary>
        public const string ApiKeyId = "api_key_id";

        /// <summary>The account that owns the task.</summary>
        public const string CallerParentId = "caller_parent_id";

        /// <summary>The user that submitted the task.</summary>
        public const string CallerUid = "caller_uid";

        /// <summary>When the task was created, in epoch milliseconds.</summary>
        public const string GmtCreate = "gmt_create";

        /// <summary>The region the task ran in.</summary>
        public const string Region = "region";

        /// <summary>The operation's billing key, <c>apikey:v1:{service path}:{model}</c>.</summary>
        public const string UserApiUniqueKey = "user_api_unique_key";

        /// <summary>DashScope's format of the window filters, when the schema's field gives none.</summary>
        public const string FilterTimeFormat = "yyyyMMddHHmmss";

        /// <summary>The longest window, and the default one (the last day), as the service documents it.</summary>
        public static readonly TimeSpan Window = TimeSpan.FromHours(24);

        /// <summary>The first page.</summary>
        public const int FirstPage = 1;

        /// <summary>DashScope's page size when the schema's query gives no default.</summary>
        public const int DefaultPageSize = 10;
    }

    /// <summary>The <c>user_api_unique_key</c> of an operation: its path under <c>/services/</c>, then its model.</summary>
    /// <param name="path">The operation's path, e.g. <c>/services/aigc/image2video/video-synthesis/</c>.</param>
    /// <param name="model">The model it serves.</param>
    public static string UserApiUniqueKey(string path, string? model)
    {
        var segments = path.Trim('/').Split('/');
        var service = segments.Length > 1 && segments[0] == "services" ? segments[1..] : segments;
        return "apikey:v1:" + string.Join(':', service) + ":" + model;
    }

    private static string Last(EquatableArray<string> path) => path[path.Count - 1];
}
