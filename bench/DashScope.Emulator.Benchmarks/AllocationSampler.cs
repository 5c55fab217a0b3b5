using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace DashScope.Emulator.Benchmarks;

/// <summary>
/// Which types a stretch of code allocates, from the runtime's allocation ticks (one event about every 100 KB
/// allocated, naming the type that crossed the mark): a sample, so types with a large share show, small ones may not.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytesByType = new();
    private volatile bool _counting;

    public void Start() => _counting = true;

    /// <summary>The sampled types with their estimated bytes, largest first.</summary>
    public IReadOnlyList<(string Type, long Bytes)> Stop()
    {
        _counting = false;
        return _bytesByType.OrderByDescending(p => p.Value).Select(p => (p.Key, p.Value)).ToArray();
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_counting || eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
        {
            return;
        }

        var type = eventData.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? eventData.Payload[t] as string ?? "?" : "?";
        var amount = eventData.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(eventData.Payload[a], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        _bytesByType.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }
}
