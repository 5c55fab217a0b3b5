using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace DashScope.Toolkit.Hosting.Tests.Support;

/// <summary>
/// The toolkit's spans and metrics as an application's OpenTelemetry set-up receives them, through the in-memory
/// exporters. Listeners are process-wide, so the tests that use it share a collection that runs alone.
/// </summary>
public sealed class TelemetryCapture : IDisposable
{
    private readonly List<Activity> _spans = [];
    private readonly List<Metric> _metrics = [];
    private readonly TracerProvider _tracing;
    private readonly MeterProvider _metering;

    public TelemetryCapture()
    {
        _tracing = Sdk.CreateTracerProviderBuilder().AddSource(DashScopeTelemetry.ActivitySourceName).AddInMemoryExporter(_spans).Build()!;
        _metering = Sdk.CreateMeterProviderBuilder().AddMeter(DashScopeTelemetry.MeterName).AddInMemoryExporter(_metrics).Build()!;
    }

    /// <summary>One metric point, copied out of the exporter.</summary>
    public sealed record Point(string Instrument, IReadOnlyDictionary<string, object?> Tags, double Sum, long Count)
    {
        public object? this[string tag] => Tags.TryGetValue(tag, out var value) ? value : null;
    }

    /// <summary>The spans ended so far.</summary>
    public IReadOnlyList<Activity> Spans
    {
        get
        {
            _tracing.ForceFlush();
            lock (_spans) { return _spans.ToList(); }
        }
    }

    public IReadOnlyList<Activity> Named(string name) => Spans.Where(s => s.OperationName == name).ToList();

    /// <summary>Every metric point recorded so far (counters as sums; histograms as sum and count).</summary>
    public IReadOnlyList<Point> Points()
    {
        _metrics.Clear();
        _metering.ForceFlush();
        var points = new List<Point>();
        foreach (var metric in _metrics)
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var tags = new Dictionary<string, object?>();
                foreach (var tag in point.Tags) { tags[tag.Key] = tag.Value; }
                points.Add(metric.MetricType switch
                {
                    MetricType.LongSum => new Point(metric.Name, tags, point.GetSumLong(), 0),
                    MetricType.Histogram => new Point(metric.Name, tags, point.GetHistogramSum(), point.GetHistogramCount()),
                    _ => throw new InvalidOperationException($"{metric.Name} is a {metric.MetricType}, which these tests do not read."),
                });
            }
        }
        return points;
    }

    /// <summary>Every text the telemetry carries: span names, tag and event values, status descriptions, metric tags.</summary>
    public IReadOnlyList<string> AllText()
    {
        var text = new List<string>();
        foreach (var span in Spans)
        {
            text.Add(span.OperationName);
            text.Add(span.DisplayName);
            if (span.StatusDescription is { } description) { text.Add(description); }
            text.AddRange(span.TagObjects.Select(t => t.Key + "=" + t.Value));
            text.AddRange(span.Events.SelectMany(e => e.Tags.Select(t => t.Key + "=" + t.Value).Prepend(e.Name)));
        }
        foreach (var point in Points())
        {
            text.Add(point.Instrument);
            text.AddRange(point.Tags.Select(t => t.Key + "=" + t.Value));
        }
        return text;
    }

    public void Dispose()
    {
        _tracing.Dispose();
        _metering.Dispose();
    }
}
