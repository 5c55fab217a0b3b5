using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DashScope.Toolkit;

/// <summary>
/// Where the toolkit's traces and metrics come from. Subscribe by name, for example with OpenTelemetry's
/// <c>AddSource(DashScopeTelemetry.ActivitySourceName)</c> and <c>AddMeter(DashScopeTelemetry.MeterName)</c>;
/// with no listener, nothing is recorded and nothing is allocated for it.
/// </summary>
public static class DashScopeTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> of every span the toolkit starts.</summary>
    public const string ActivitySourceName = "DashScope.Toolkit";

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> of every instrument the toolkit records.</summary>
    public const string MeterName = "DashScope.Toolkit";

    /// <summary>The name of the counter of requests, by operation and status code.</summary>
    public const string RequestsInstrument = "dashscope.client.requests";

    /// <summary>The name of the histogram of polls made per waited task.</summary>
    public const string PollsInstrument = "dashscope.task.polls";

    /// <summary>The name of the histogram of how long waited tasks took, by final status.</summary>
    public const string DurationInstrument = "dashscope.task.duration";

    private static readonly string? Version = typeof(DashScopeTelemetry).Assembly.GetName().Version?.ToString();

    internal static ActivitySource Source { get; } = new(ActivitySourceName, Version);

    internal static Meter Meter { get; } = new(MeterName, Version);

    internal static Counter<long> Requests { get; } = Meter.CreateCounter<long>(
        RequestsInstrument, "{request}", "Requests the client sent through its HttpClient, by operation and answer.");

    internal static Histogram<int> Polls { get; } = Meter.CreateHistogram<int>(
        PollsInstrument, "{poll}", "Task queries made by one wait, recorded when the wait ends.");

    internal static Histogram<double> TaskDuration { get; } = Meter.CreateHistogram<double>(
        DurationInstrument, "s", "Time from the start of a wait to its end on the client's clock, by the task's final status.");
}
