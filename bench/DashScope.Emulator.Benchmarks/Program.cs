using System.Globalization;
using BenchmarkDotNet.Running;
using DashScope.Emulator.Benchmarks;

// Run: dotnet run -c Release --project bench/DashScope.Emulator.Benchmarks [-- --filter *Startup*]
// Without arguments everything runs (BenchmarkDotNet would otherwise ask which to run on the console),
// followed by the paired stub/emulator comparison. "--paired-only" runs just that comparison.
// "--footprint [tasks]" counts the bytes a submit and a poll allocate and an unfinished task keeps (FootprintProbe).
// "--serve-stub ..." runs the plain WireMock stub for bench/emulator-vs-stub.sh (StubServer).
if (args.Length > 0 && args[0] == "--serve-stub")
{
    return await StubServer.RunAsync(args);
}

if (args.Length > 0 && args[0] == "--footprint")
{
    return await FootprintProbe.RunAsync(args);
}

const int PairedRounds = 40;
var pairedOnly = args.Contains("--paired-only");
var summaries = pairedOnly
    ? []
    : BenchmarkSwitcher.FromTypes([typeof(EmulatorVersusStubBenchmarks), typeof(StartupBenchmarks), typeof(SubmitWorkBenchmarks), typeof(HandlerBenchmarks), typeof(RetentionExpiryBenchmarks), typeof(RetentionBulkExpiryBenchmarks)])
        .Run(args.Length == 0 ? ["--filter", "*"] : args).ToArray();

if (pairedOnly || args.Length == 0 || args.Any(a => a.Contains("EmulatorVersusStub", StringComparison.Ordinal)))
{
    PairedComparison.Print(await PairedComparison.RunAsync(PairedRounds), PairedRounds);
}

Console.WriteLine();
Console.WriteLine("Per-request latency over loopback (BenchmarkDotNet rows: all measured requests, including its warm-up; Paired rows: the measured rounds):");
Console.WriteLine($"{"case",-24} {"requests",9} {"p50 ms",8} {"p99 ms",8}");
foreach (var (name, count, p50, p99) in LatencyRecorder.Summary())
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-24} {count,9} {p50,8:F3} {p99,8:F3}"));
}

return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
