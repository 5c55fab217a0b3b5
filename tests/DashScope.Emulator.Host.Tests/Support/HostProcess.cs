using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace DashScope.Emulator.Host.Tests.Support;

/// <summary>
/// The host (or the installed tool) as a child process: its output collected, the URL it prints awaited, signals
/// sent to it. Disposing kills it if it is still running, so no test leaves a server behind.
/// </summary>
internal sealed partial class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _errors = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HostProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Received(e.Data, error: false);
        _process.ErrorDataReceived += (_, e) => Received(e.Data, error: true);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts <paramref name="fileName"/>; <paramref name="environment"/> adds to (or, with null, removes from) the inherited variables.</summary>
    public static HostProcess Start(string fileName, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        return new HostProcess(Process.Start(start) ?? throw new InvalidOperationException("Cannot start " + fileName));
    }

    /// <summary>Starts the built host with <c>dotnet DashScope.Emulator.Host.dll</c>, what <c>dotnet run</c> runs.</summary>
    public static HostProcess StartBuiltHost(params string[] args) =>
        Start(DotNet.Executable, [DotNet.HostAssembly, .. args]);

    /// <summary>
    /// The built host with SIGINT handled as in a terminal's foreground. A shell without job control starts background
    /// commands with SIGINT ignored, and the host would inherit that through the test run; <c>env --default-signal</c>
    /// (coreutils) resets it and then becomes the host, so the process id stays the host's.
    /// </summary>
    public static HostProcess StartBuiltHostInForeground(params string[] args) =>
        Start("/usr/bin/env", ["--default-signal=INT", DotNet.Executable, DotNet.HostAssembly, .. args]);

    public int Id => _process.Id;

    /// <summary>Everything printed so far, standard output and error interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>What was printed to standard error alone.</summary>
    public string Errors
    {
        get
        {
            lock (_output)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>The root URL from the first line, once printed; fails when the process exits first.</summary>
    public async Task<Uri> ListeningAsync(CancellationToken cancellationToken)
    {
        var exited = _process.WaitForExitAsync(cancellationToken);
        var first = await Task.WhenAny(_listening.Task, exited).ConfigureAwait(false);
        if (first == _listening.Task)
        {
            return await _listening.Task.ConfigureAwait(false);
        }

        await exited.ConfigureAwait(false);
        throw new InvalidOperationException($"The host exited with {_process.ExitCode} before listening:\n{Output}");
    }

    public void Signal(int signal) => Posix.Signal(_process.Id, signal);

    /// <summary>Waits for the exit (all output read) and returns its code.</summary>
    public async Task<int> ExitCodeAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(30));
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Received(string? line, bool error)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            if (error)
            {
                _errors.AppendLine(line);
            }
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"listening on (http://\S+)")]
    private static partial Regex ListeningLine();
}
