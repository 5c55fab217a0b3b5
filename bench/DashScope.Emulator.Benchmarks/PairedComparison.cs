using System.Diagnostics;
using System.Globalization;

namespace DashScope.Emulator.Benchmarks;

/// <summary>
/// The stub and the emulator timed in alternation, burst against burst (the order flips every round), so
/// both see the same machine load and the same JIT state. On a shared 2-core machine this ratio is far
/// steadier than the ratio of two BenchmarkDotNet cases run minutes apart.
/// </summary>
internal static class PairedComparison
{
    // Unmeasured rounds first. The emulator runs far more code than the stub (NJsonSchema and Newtonsoft.Json
    // on every submit); on 2 busy cores tiered JIT needs some 10,000 submits before that code is optimised,
    // and with a few hundred warm-up requests the emulator measured at 0.44 of the stub instead of 0.78.
    private static readonly int WarmUpRounds = int.TryParse(Environment.GetEnvironmentVariable("PAIRED_WARMUP"), out var w) ? w : 60;

    public static async Task<IReadOnlyList<(string Case, double StubPerSecond, double EmulatorPerSecond)>> RunAsync(int rounds)
    {
        var benchmarks = new EmulatorVersusStubBenchmarks();
        await benchmarks.SetupAsync().ConfigureAwait(false);
        try
        {
            var results = new List<(string, double, double)>();
            foreach (var (name, request) in new (string, Func<bool, Task>)[] { ("Poll", benchmarks.PollOn), ("Submit", benchmarks.SubmitTo) })
            {
                var elapsed = new double[2];
                for (var round = 0; round < WarmUpRounds + rounds; round++)
                {
                    var measured = round >= WarmUpRounds;
                    foreach (var emulator in round % 2 == 0 ? new[] { false, true } : new[] { true, false })
                    {
                        var label = measured ? $"Paired {name}/{(emulator ? "Emulator" : "StaticStub")}" : null;
                        var start = Stopwatch.GetTimestamp();
                        await EmulatorVersusStubBenchmarks.BurstAsync(label, () => request(emulator)).ConfigureAwait(false);
                        if (measured)
                        {
                            elapsed[emulator ? 1 : 0] += Stopwatch.GetElapsedTime(start).TotalSeconds;
                        }
                    }
                }

                var requests = (double)rounds * EmulatorVersusStubBenchmarks.Burst;
                results.Add((name, requests / elapsed[0], requests / elapsed[1]));
            }

            return results;
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }

    public static void Print(IReadOnlyList<(string Case, double StubPerSecond, double EmulatorPerSecond)> results, int rounds)
    {
        Console.WriteLine();
        Console.WriteLine($"Paired throughput ({rounds} alternating rounds of {EmulatorVersusStubBenchmarks.Burst} requests per side, {EmulatorVersusStubBenchmarks.Concurrency} concurrent clients):");
        Console.WriteLine($"{"case",-8} {"stub req/s",11} {"emulator req/s",15} {"emulator/stub",14}");
        foreach (var (name, stub, emulator) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-8} {stub,11:F0} {emulator,15:F0} {emulator / stub,14:F2}"));
        }
    }
}
