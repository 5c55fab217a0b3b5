using System.Globalization;
using DashScope.Emulator.Host.Settings;
using DashScope.Emulator.Media;
using DashScope.Emulator.Tasks;

namespace DashScope.Emulator.Host;

/// <summary>
/// What the host prints: where it listens, the demo key, one line per task transition, and problems. One lock
/// keeps lines whole, since transitions are raised on the emulator's timer and request threads.
/// </summary>
internal sealed class HostConsole(TextWriter output, TextWriter error)
{
    private readonly object _gate = new();

    /// <summary>Prints a problem to the error writer.</summary>
    public void Problem(string message) => Write(error, message);

    /// <summary>Prints where the emulator listens and how to reach it.</summary>
    public void Banner(LivePortraitEmulator emulator, HostSettings settings)
    {
        var options = emulator.Options;
        var lines = new List<string>
        {
            $"LivePortrait emulator listening on {emulator.Url}",
            $"  {emulator.Schema.BaseUrlEnvironmentVariable}={emulator.BaseUrl}",
        };
        if (options.RegisterDemoAccount)
        {
            lines.Add($"  {emulator.Schema.ApiKeyEnvironmentVariable}={emulator.DemoApiKey}   (demo account \"{options.DemoAccountId}\")");
        }

        lines.Add($"  admin:  {new Uri(emulator.Url, LivePortraitEmulator.AdminPathPrefix)}  (info, tasks, clock, faults, journal, reset)");
        lines.Add($"  dashboard: {emulator.DashboardUrl}  (open it in a browser on this machine)");
        lines.Add($"  sample portrait: {emulator.SampleUrl(SampleMediaFile.Portrait)}");
        lines.Add($"  sample speech:   {emulator.SampleUrl(SampleMediaFile.SpeechMp3)}");
        lines.Add($"  clock: {(settings.FakeClock ? "fake (POST /__emulator/clock/advance)" : "real time")}");
        if (settings.Upstream is { } upstream)
        {
            lines.Add($"  RECORDING: every API request goes to {upstream}; the cassette is written to {settings.RecordPath} on stop");
        }

        if (settings.ReplayPath is { } replay)
        {
            lines.Add($"  REPLAYING {replay}: {settings.Replay!.Exchanges.Count} exchanges, {settings.Replay.Tasks.Count} task timelines; unmatched requests get ReplayNoMatch");
        }

        if (settings.SettingsFile is { } file)
        {
            lines.Add($"  settings file: {file}");
        }

        lines.Add("Press Ctrl+C to stop.");
        Write(output, string.Join(Environment.NewLine, lines));
    }

    /// <summary>Prints one transition; the account is named, never the key.</summary>
    public void Transition(LivePortraitEmulator emulator, TaskTransition t)
    {
        var at = t.At.ToOffset(emulator.Schema.TimeZoneOffset).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
        var change = t.From is { } from ? $"{from.ToWireName()} -> {t.To.ToWireName()}" : t.To.ToWireName();
        Write(output, $"{at}  task {t.TaskId} ({t.AccountId}): {change}{(t.ErrorCode is null ? "" : " " + t.ErrorCode)}");
    }

    /// <summary>Prints what a recording wrote.</summary>
    public void Recorded(string path, Recording.Cassette cassette) =>
        Write(output, $"Wrote cassette {path}: {cassette.Exchanges.Count} exchanges, {cassette.Tasks.Count} task timelines.");

    /// <summary>Prints a line to the output.</summary>
    public void Line(string text) => Write(output, text);

    /// <summary>Prints the last line of a clean stop.</summary>
    public void Stopped() => Write(output, "Stopped.");

    private void Write(TextWriter writer, string text)
    {
        lock (_gate)
        {
            writer.WriteLine(text);
            writer.Flush();
        }
    }
}
