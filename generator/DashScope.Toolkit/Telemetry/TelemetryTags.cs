namespace DashScope.Toolkit;

/// <summary>
/// Tag names of the toolkit's spans and metrics: OpenTelemetry's HTTP client names where one fits, and
/// <c>dashscope.*</c> for the rest. Nothing here ever carries the API key, a URL query or a policy value.
/// </summary>
internal static class TelemetryTags
{
    public const string HttpMethod = "http.request.method";
    public const string HttpStatusCode = "http.response.status_code";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";
    public const string ErrorType = "error.type";

    public const string Operation = "dashscope.operation";
    public const string Service = "dashscope.service";
    public const string TaskId = "dashscope.task.id";
    public const string TaskStatus = "dashscope.task.status";
    public const string TaskPolls = "dashscope.task.polls";
    public const string Model = "dashscope.model";
    public const string UploadFiles = "dashscope.upload.files";
    public const string UploadBytes = "dashscope.upload.bytes";
    public const string UploadFailure = "dashscope.upload.failure";

    /// <summary>The event added to a wait span each time the task's status changes.</summary>
    public const string StatusChangedEvent = "dashscope.task.status_changed";
}
