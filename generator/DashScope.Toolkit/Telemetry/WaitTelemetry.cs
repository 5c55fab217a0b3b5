using System.Diagnostics;

namespace DashScope.Toolkit;

/// <summary>
/// The span and the metrics of one wait for a task: how many polls it made, how long it took on the
/// client's clock and how it ended. Recorded once, when the wait ends for any reason.
/// </summary>
internal sealed class WaitTelemetry
{
    private readonly DashScopeServiceDescription _service;
    private readonly TimeProvider _time;
    private readonly long _started;
    private int _polls;
    private Exception? _error;

    private WaitTelemetry(Activity? span, DashScopeServiceDescription service, TimeProvider time)
    {
        Span = span;
        _service = service;
        _time = time;
        _started = time.GetTimestamp();
    }

    /// <summary>The wait's span, the parent of its polls; null when nobody listens.</summary>
    public Activity? Span { get; }

    /// <summary>Starts the telemetry of a wait for <paramref name="taskId"/>.</summary>
    public static WaitTelemetry Start(string taskId, DashScopeServiceDescription service, TimeProvider time)
    {
        var span = DashScopeTelemetry.Source.StartActivity("dashscope.wait", ActivityKind.Internal);
        span?.SetTag(TelemetryTags.Service, service.Name);
        span?.SetTag(TelemetryTags.TaskId, taskId);
        return new WaitTelemetry(span, service, time);
    }

    /// <summary>Counts one poll, answered or not.</summary>
    public void Polled() => _polls++;

    /// <summary>Notes a status the task reached.</summary>
    public void StatusChanged(string status) =>
        Span?.AddEvent(new ActivityEvent(TelemetryTags.StatusChangedEvent, tags: new ActivityTagsCollection { [TelemetryTags.TaskStatus] = status }));

    /// <summary>Remembers the fault that ends the wait. Always false, so it can sit in an exception filter.</summary>
    public bool Ended(Exception fault)
    {
        _error ??= fault;
        return false;
    }

    /// <summary>Remembers <paramref name="fault"/> as the end of the wait and answers it, to be thrown.</summary>
    public T Fail<T>(T fault) where T : Exception
    {
        _error ??= fault;
        return fault;
    }

    /// <summary>Records the wait's metrics and stops its span; <paramref name="lastStatus"/> is the last status read.</summary>
    public void End(string? lastStatus)
    {
        var failedStatus = _error is null && _service.IsTerminal(lastStatus) && !string.Equals(lastStatus, _service.SuccessStatus, StringComparison.Ordinal);
        var error = _error?.GetType().FullName ?? (failedStatus ? lastStatus : null);
        var tags = new TagList { { TelemetryTags.Service, _service.Name } };
        if (lastStatus is not null) { tags.Add(TelemetryTags.TaskStatus, lastStatus); }
        if (error is not null) { tags.Add(TelemetryTags.ErrorType, error); }
        DashScopeTelemetry.Polls.Record(_polls, tags);
        DashScopeTelemetry.TaskDuration.Record(_time.GetElapsedTime(_started).TotalSeconds, tags);

        if (Span is null) { return; }
        Span.SetTag(TelemetryTags.TaskStatus, lastStatus);
        Span.SetTag(TelemetryTags.TaskPolls, _polls);
        Span.SetTag(TelemetryTags.ErrorType, error);
        if (error is not null) { Span.SetStatus(ActivityStatusCode.Error, error); }
        Span.Dispose();
    }
}
