using System.Globalization;
using BenchmarkDotNet.Running;
using DashScope.Emulator.Benchmarks;

// Run: dotnet run -c Release --project bench/DashScope.Emulator.Benchmarks [-- --filter *Startup*]
// Without arguments everything runs (BenchmarkDotNet would otherwise ask which to run on the console).
var summaries = BenchmarkSwitcher.FromTypes([typeof(EmulatorVersusStubBenchmarks), typeof(StartupBenchmarks), typeof(SubmitWorkBenchmarks)])
    .Run(args.Length == 0 ? ["--filter", "*"] : args);

Console.WriteLine();
Console.WriteLine("Per-request latency over loopback (all measured requests, including warm-up):");
Console.WriteLine($"{"case",-22} {"requests",9} {"p50 ms",8} {"p99 ms",8}");
foreach (var (name, count, p50, p99) in LatencyRecorder.Summary())
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-22} {count,9} {p50,8:F3} {p99,8:F3}"));
}

return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
