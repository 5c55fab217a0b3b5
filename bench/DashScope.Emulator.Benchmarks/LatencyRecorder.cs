using System.Collections.Concurrent;
using System.Diagnostics;

namespace DashScope.Emulator.Benchmarks;

/// <summary>
/// Per-request latencies of the throughput benchmarks. BenchmarkDotNet's percentiles are over
/// iterations (each hundreds of requests), not over single requests, so p50/p99 of one request are
/// recorded here and printed after the run.
/// </summary>
internal static class LatencyRecorder
{
    private static readonly ConcurrentDictionary<string, ConcurrentBag<double>> Samples = new();

    public static async Task TimeAsync(string name, Func<Task> request)
    {
        var start = Stopwatch.GetTimestamp();
        await request().ConfigureAwait(false);
        Samples.GetOrAdd(name, _ => new ConcurrentBag<double>()).Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    public static IEnumerable<(string Name, int Count, double P50, double P99)> Summary() =>
        Samples.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s =>
        {
            var sorted = s.Value.Order().ToArray();
            return (s.Key, sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.99));
        });

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
