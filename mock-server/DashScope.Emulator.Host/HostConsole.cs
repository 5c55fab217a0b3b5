using System.Globalization;
using DashScope.Emulator.Host.Settings;
using DashScope.Emulator.Media;
using DashScope.Emulator.Tasks;

namespace DashScope.Emulator.Host;

/// <summary>
/// What the host prints: where it listens, the demo key, one line per task transition, and problems. One lock
/// keeps lines whole, since transitions are raised on the emulator's timer and request threads.
/// </summary>
/// <remarks>
/// Transitions are handed to one background writer that prints them in order, a batch in one write: written
/// and flushed on the request's thread, every submit waited for a write to the terminal under a lock shared by all
/// requests. At most <see cref="MaxPendingLines"/> wait to be printed; past that a line is counted, not kept, and
/// the count is printed when the writer catches up.
/// </remarks>
internal sealed class HostConsole(TextWriter output, TextWriter error)
{
    /// <summary>How many transition lines may wait for the writer before new ones are only counted.</summary>
    public const int MaxPendingLines = 10_000;

    // How many characters of transition lines are written at once, at most (about 500 lines).
    private const int MaxBatchChars = 64 * 1024;

    private readonly object _gate = new();
    private readonly System.Threading.Channels.Channel<(TaskTransition Transition, TimeSpan Zone)> _transitions =
        System.Threading.Channels.Channel.CreateBounded<(TaskTransition, TimeSpan)>(
        new System.Threading.Channels.BoundedChannelOptions(MaxPendingLines) { SingleReader = true, FullMode = System.Threading.Channels.BoundedChannelFullMode.DropWrite });
    private Task? _writer;
    private long _dropped;

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
    /// <remarks>The line is written by the background writer: the request's thread only queues the transition.</remarks>
    public void Transition(LivePortraitEmulator emulator, TaskTransition t)
    {
        if (_writer is null)
        {
            lock (_gate)
            {
                _writer ??= Task.Run(WriteTransitionsAsync);
            }
        }

        if (!_transitions.Writer.TryWrite((t, emulator.Schema.TimeZoneOffset)))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    // Written into one reused builder, so a printed transition allocates no string.
    private static void AppendTransition(System.Text.StringBuilder line, TaskTransition t, TimeSpan zone)
    {
        Span<char> at = stackalloc char[32];
        t.At.ToOffset(zone).TryFormat(at, out var length, "yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
        line.Append(at[..length]).Append("  task ").Append(t.TaskId).Append(" (").Append(t.AccountId).Append("): ");
        if (t.From is { } from)
        {
            line.Append(from.ToWireName()).Append(" -> ");
        }

        line.Append(t.To.ToWireName());
        if (t.ErrorCode is not null)
        {
            line.Append(' ').Append(t.ErrorCode);
        }
    }

    /// <summary>Prints what a recording wrote.</summary>
    public void Recorded(string path, Recording.Cassette cassette) =>
        Write(output, $"Wrote cassette {path}: {cassette.Exchanges.Count} exchanges, {cassette.Tasks.Count} task timelines.");

    /// <summary>Prints a line to the output.</summary>
    public void Line(string text) => Write(output, text);

    /// <summary>Prints the transitions still waiting, then the last line of a clean stop.</summary>
    public void Stopped()
    {
        _transitions.Writer.TryComplete();
        Task? writer;
        lock (_gate)
        {
            writer = _writer;
        }

        writer?.GetAwaiter().GetResult();
        Write(output, "Stopped.");
    }

    private async Task WriteTransitionsAsync()
    {
        var reader = _transitions.Reader;
        try
        {
            await WriteBatchesAsync(reader).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The console went away (a closed pipe): nobody is left to read the transitions.
        }
    }

    private async Task WriteBatchesAsync(System.Threading.Channels.ChannelReader<(TaskTransition Transition, TimeSpan Zone)> reader)
    {
        // The lines of a batch go out in one write: the process's console writer flushes on every WriteLine, which
        // was one system call per transition under a flood of submits.
        var batch = new System.Text.StringBuilder(MaxBatchChars + 256);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            lock (_gate)
            {
                while (reader.TryRead(out var queued))
                {
                    AppendTransition(batch, queued.Transition, queued.Zone);
                    batch.Append(Environment.NewLine);
                    if (batch.Length >= MaxBatchChars)
                    {
                        output.Write(batch);
                        batch.Clear();
                    }
                }

                if (Interlocked.Exchange(ref _dropped, 0) is > 0 and var dropped)
                {
                    batch.Append(CultureInfo.InvariantCulture, $"({dropped} transitions not printed: they came faster than the console took them)").Append(Environment.NewLine);
                }

                output.Write(batch);
                batch.Clear();
                output.Flush();
            }
        }
    }

    private void Write(TextWriter writer, string text)
    {
        lock (_gate)
        {
            writer.WriteLine(text);
            writer.Flush();
        }
    }
}
