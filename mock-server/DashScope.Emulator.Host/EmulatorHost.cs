using System.Globalization;
using DashScope.Emulator.Media;
using DashScope.Emulator.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Emulator.Host;

/// <summary>
/// Runs the emulator as a program: prints where it listens and the demo key, then one line per task
/// transition as the clock reaches it, until cancelled (Ctrl+C).
/// </summary>
public static class EmulatorHost
{
    /// <summary>Runs until <paramref name="stop"/> is cancelled; returns the process exit code.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Where to print.</param>
    /// <param name="stop">Cancelled to stop.</param>
    /// <param name="started">Called with the running emulator once it listens (tests use it).</param>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken stop, Action<LivePortraitEmulator>? started = null)
    {
        HostArguments parsed;
        try
        {
            parsed = HostArguments.Parse(args);
        }
        catch (ArgumentException e)
        {
            await output.WriteLineAsync(e.Message + Environment.NewLine + HostArguments.Usage).ConfigureAwait(false);
            return 2;
        }

        if (parsed.ShowHelp)
        {
            await output.WriteLineAsync(HostArguments.Usage).ConfigureAwait(false);
            return 0;
        }

        var options = parsed.Options;
        if (parsed.FakeClock)
        {
            options.TimeProvider = new FakeTimeProvider(DateTimeOffset.UtcNow);
        }

        LivePortraitEmulator emulator;
        try
        {
            emulator = LivePortraitEmulator.Start(options);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // ArgumentException: a --host that is not an IP address or 'localhost' (e.g. '*' or a host name).
            await output.WriteLineAsync("Cannot start: " + e.Message).ConfigureAwait(false);
            if (e is ArgumentException || e.Message.Contains("non-loopback", StringComparison.Ordinal))
            {
                await output.WriteLineAsync("--host takes a loopback IP address or 'localhost'; any other address also needs --allow-remote.").ConfigureAwait(false);
            }

            return 1;
        }

        await using (emulator.ConfigureAwait(false))
        {
            foreach (var (account, key) in parsed.ExtraKeys)
            {
                emulator.AddAccount(account, key);
            }

            var gate = new object();
            emulator.TaskTransitioned += (_, t) =>
            {
                lock (gate)
                {
                    output.WriteLine(Describe(emulator, t));
                    output.Flush();
                }
            };

            lock (gate)
            {
                output.WriteLine($"LivePortrait emulator listening on {emulator.Url}");
                output.WriteLine($"  {emulator.Schema.BaseUrlEnvironmentVariable}={emulator.BaseUrl}");
                if (options.RegisterDemoAccount)
                {
                    output.WriteLine($"  {emulator.Schema.ApiKeyEnvironmentVariable}={emulator.DemoApiKey}   (demo account \"{options.DemoAccountId}\")");
                }

                output.WriteLine($"  admin:  {new Uri(emulator.Url, LivePortraitEmulator.AdminPathPrefix)}  (info, tasks, clock, faults, journal, reset)");
                output.WriteLine($"  dashboard: {emulator.DashboardUrl}  (open it in a browser on this machine)");
                output.WriteLine($"  sample portrait: {emulator.SampleUrl(SampleMediaFile.Portrait)}");
                output.WriteLine($"  sample speech:   {emulator.SampleUrl(SampleMediaFile.SpeechMp3)}");
                output.WriteLine($"  clock: {(parsed.FakeClock ? "fake (POST /__emulator/clock/advance)" : "real time")}");
                output.WriteLine("Press Ctrl+C to stop.");
                output.Flush();
            }

            started?.Invoke(emulator);
            try
            {
                await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            lock (gate)
            {
                output.WriteLine("Stopped.");
                output.Flush();
            }
        }

        return 0;
    }

    private static string Describe(LivePortraitEmulator emulator, TaskTransition t)
    {
        var at = t.At.ToOffset(emulator.Schema.TimeZoneOffset).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
        var change = t.From is { } from ? $"{from.ToWireName()} -> {t.To.ToWireName()}" : t.To.ToWireName();
        return $"{at}  task {t.TaskId} ({t.AccountId}): {change}{(t.ErrorCode is null ? "" : " " + t.ErrorCode)}";
    }
}
