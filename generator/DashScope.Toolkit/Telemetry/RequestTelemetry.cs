using System.Diagnostics;
using System.Globalization;

namespace DashScope.Toolkit;

/// <summary>
/// The span of one transport call and the count of the requests it sends. Tags follow OpenTelemetry's HTTP
/// client conventions (method, status code, server address and port, error type) and never include the URL:
/// its query may hold a signature, and its path a task id that would explode a metric's cardinality.
/// </summary>
internal static class RequestTelemetry
{
    /// <summary>Starts the span of <paramref name="operation"/>, or answers null when nobody listens.</summary>
    public static Activity? StartSpan(string operation, string service, string? taskId = null)
    {
        var span = DashScopeTelemetry.Source.StartActivity(DashScopeOperations.SpanName(operation), ActivityKind.Client);
        if (span is null) { return null; }
        span.SetTag(TelemetryTags.Operation, operation);
        span.SetTag(TelemetryTags.Service, service);
        if (taskId is not null) { span.SetTag(TelemetryTags.TaskId, taskId); }
        return span;
    }

    /// <summary>Records a request that got an answer; a status of 400 or more is an error named by its code.</summary>
    public static void Answered(Activity? span, string operation, string service, HttpMethod method, Uri? uri, int status)
    {
        var error = status >= 400 ? status.ToString(CultureInfo.InvariantCulture) : null;
        Count(operation, service, method, uri, status, error);
        if (span is null) { return; }
        Describe(span, method, uri);
        span.SetTag(TelemetryTags.HttpStatusCode, status);
        // A submit span sees every attempt: a 429 that a later attempt overcame must not leave the span failed.
        span.SetTag(TelemetryTags.ErrorType, error);
        span.SetStatus(error is null ? ActivityStatusCode.Unset : ActivityStatusCode.Error);
    }

    /// <summary>Records a request that got no answer. Always false, so it can sit in an exception filter.</summary>
    public static bool Failed(Activity? span, string operation, string service, HttpMethod method, Uri? uri, Exception fault)
    {
        var error = fault.GetType().FullName ?? "_OTHER";
        Count(operation, service, method, uri, null, error);
        if (span is not null)
        {
            Describe(span, method, uri);
            span.SetTag(TelemetryTags.HttpStatusCode, null);
            span.SetTag(TelemetryTags.ErrorType, error);
            // The type, not the message: a message may quote a server's text, and the type is what dashboards group by.
            span.SetStatus(ActivityStatusCode.Error, fault.GetType().Name);
        }
        return false;
    }

    private static void Describe(Activity span, HttpMethod method, Uri? uri)
    {
        span.SetTag(TelemetryTags.HttpMethod, method.Method);
        if (uri is { IsAbsoluteUri: true })
        {
            span.SetTag(TelemetryTags.ServerAddress, uri.Host);
            span.SetTag(TelemetryTags.ServerPort, uri.Port);
        }
    }

    private static void Count(string operation, string service, HttpMethod method, Uri? uri, int? status, string? error)
    {
        if (!DashScopeTelemetry.Requests.Enabled) { return; }
        var tags = new TagList
        {
            { TelemetryTags.Operation, operation },
            { TelemetryTags.Service, service },
            { TelemetryTags.HttpMethod, method.Method },
        };
        if (uri is { IsAbsoluteUri: true })
        {
            tags.Add(TelemetryTags.ServerAddress, uri.Host);
            tags.Add(TelemetryTags.ServerPort, uri.Port);
        }
        if (status is { } code) { tags.Add(TelemetryTags.HttpStatusCode, code); }
        if (error is not null) { tags.Add(TelemetryTags.ErrorType, error); }
        DashScopeTelemetry.Requests.Add(1, tags);
    }
}
