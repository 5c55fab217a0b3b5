using System.Net;

namespace DashScope.Toolkit;

/// <summary>Base of every failure a generated DashScope client reports after talking to the service.</summary>
public abstract class DashScopeException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected DashScopeException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>
/// The service answered with a non-success HTTP status. Carries DashScope's error envelope
/// (<c>code</c>, <c>message</c>, <c>request_id</c>); compare <see cref="Code"/>, never the message.
/// </summary>
public sealed class DashScopeApiException : DashScopeException
{
    /// <summary>Creates the exception from an answer.</summary>
    public DashScopeApiException(HttpStatusCode statusCode, string? code, string? errorMessage, string? requestId, TimeSpan? retryAfter, string operation)
        : base(FormatMessage(statusCode, code, errorMessage, requestId, operation))
    {
        StatusCode = statusCode;
        Code = code;
        ErrorMessage = errorMessage;
        RequestId = requestId;
        RetryAfter = retryAfter;
        Operation = operation;
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>DashScope's error code, e.g. <c>InvalidApiKey</c>; null when the body was not an envelope.</summary>
    public string? Code { get; }

    /// <summary>DashScope's error message (or the start of a body that was not an envelope).</summary>
    public string? ErrorMessage { get; }

    /// <summary>The request id the service gave, for support.</summary>
    public string? RequestId { get; }

    /// <summary>The delay the service asked for with a Retry-After header, if any.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Method and path of the call that failed, e.g. <c>GET /tasks/{id}</c>.</summary>
    public string Operation { get; }

    /// <summary>True for answers that may succeed when repeated later: 429 and every 5xx.</summary>
    public bool IsTransient => (int)StatusCode == 429 || (int)StatusCode >= 500;

    private static string FormatMessage(HttpStatusCode status, string? code, string? message, string? requestId, string operation) =>
        $"DashScope answered {(int)status} {code ?? "(no code)"} to {operation}: {message ?? "(no message)"}" +
        (requestId is null ? string.Empty : $" (request_id {requestId})");
}

/// <summary>An asynchronous task ended without success: FAILED, CANCELED, or UNKNOWN (missing or expired).</summary>
public sealed class DashScopeTaskFailedException : DashScopeException
{
    /// <summary>Creates the exception from the task's last answer.</summary>
    public DashScopeTaskFailedException(string taskId, string status, string? code, string? errorMessage, string? requestId)
        : base(FormatMessage(taskId, status, code, errorMessage))
    {
        TaskId = taskId;
        Status = status;
        Code = code;
        ErrorMessage = errorMessage;
        RequestId = requestId;
    }

    /// <summary>The task's id.</summary>
    public string TaskId { get; }

    /// <summary>The terminal status on the wire: FAILED, CANCELED or UNKNOWN.</summary>
    public string Status { get; }

    /// <summary>The task's <c>output.code</c>, e.g. <c>InvalidImage.NoHumanFace</c>.</summary>
    public string? Code { get; }

    /// <summary>The task's <c>output.message</c>.</summary>
    public string? ErrorMessage { get; }

    /// <summary>The request id of the answer that reported the end.</summary>
    public string? RequestId { get; }

    private static string FormatMessage(string taskId, string status, string? code, string? message) => status switch
    {
        "UNKNOWN" => $"Task {taskId} reads UNKNOWN: it does not exist for this account or has expired (tasks are kept 24 h).",
        "CANCELED" => $"Task {taskId} was canceled.",
        _ => $"Task {taskId} ended {status}: {code ?? "(no code)"}: {message ?? "(no message)"}",
    };
}

/// <summary>A wait for a task ran past its time limit. The task may still finish: query it again by <see cref="TaskId"/>.</summary>
public sealed class DashScopeTaskTimeoutException : DashScopeException
{
    /// <summary>Creates the exception.</summary>
    public DashScopeTaskTimeoutException(string taskId, string? lastStatus, TimeSpan elapsed, TimeSpan limit, Exception? lastFault = null)
        : base($"Task {taskId} did not reach a terminal status within {limit} (waited {elapsed}; last status {lastStatus ?? "none read"}).", lastFault)
    {
        TaskId = taskId;
        LastStatus = lastStatus;
        Elapsed = elapsed;
        Limit = limit;
    }

    /// <summary>The task's id, to query it again later.</summary>
    public string TaskId { get; }

    /// <summary>The last status read, or null when no poll succeeded.</summary>
    public string? LastStatus { get; }

    /// <summary>How long the wait lasted.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The time limit that was reached.</summary>
    public TimeSpan Limit { get; }
}

/// <summary>The service's answer could not be read as the schema describes it.</summary>
public sealed class DashScopeResponseException : DashScopeException
{
    /// <summary>Creates the exception.</summary>
    public DashScopeResponseException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>No API key was configured and the environment variable for it is empty.</summary>
public sealed class DashScopeConfigurationException : DashScopeException
{
    /// <summary>Creates the exception.</summary>
    public DashScopeConfigurationException(string message) : base(message) { }
}
