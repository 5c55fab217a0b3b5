using System.Diagnostics;
using System.Text;

namespace DashScope.Toolkit.PackageTests;

/// <summary>What a finished <c>dotnet</c> command left behind.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string Output, TimeSpan Duration)
{
    public override string ToString() => $"`{CommandLine}` exited {ExitCode} after {Duration.TotalSeconds:F1} s:{Environment.NewLine}{Output}";
}

/// <summary>
/// Runs the <c>dotnet</c> CLI as a child process that always ends: a time limit kills the whole process
/// tree, and MSBuild's reusable nodes and server are turned off so nothing outlives the command. A compiler server
/// is used only when a caller hands over the environment of one it owns (<see cref="CompilerServer"/>), which stops it.
/// </summary>
internal static class DotNetCli
{
    /// <summary>The muxer that runs this test, so the child uses the same SDK installation.</summary>
    private static string DotNetPath
    {
        get
        {
            var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            return !string.IsNullOrEmpty(hostPath) && File.Exists(hostPath) ? hostPath : "dotnet";
        }
    }

    public static Task<CommandResult> RunAsync(
        string workingDirectory,
        IReadOnlyList<string> arguments,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null) =>
        RunAsync(StartInfo(workingDirectory, arguments, environment), timeout);

    /// <summary>
    /// Runs <paramref name="startInfo"/> to its end within <paramref name="timeout"/>; <paramref name="whileRunning"/>, given
    /// the task of the process's exit, runs alongside it (to watch what the command starts).
    /// </summary>
    public static async Task<CommandResult> RunAsync(ProcessStartInfo startInfo, TimeSpan timeout, Func<Task, Task>? whileRunning = null)
    {
        var commandLine = "dotnet " + string.Join(' ', startInfo.ArgumentList);
        var output = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) { lock (output) { output.AppendLine(line.Data); } } };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) { lock (output) { output.AppendLine(line.Data); } } };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var limit = new CancellationTokenSource(timeout);
        var exit = process.WaitForExitAsync(limit.Token);
        try
        {
            if (whileRunning is not null) { await whileRunning(exit); }
            await exit;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            string partial;
            lock (output) { partial = output.ToString(); }
            throw new TimeoutException($"`{commandLine}` did not finish within {timeout.TotalSeconds:F0} s and was killed. Output so far:{Environment.NewLine}{partial}");
        }

        // The parameterless wait also drains the redirected streams.
        process.WaitForExit();
        lock (output)
        {
            return new CommandResult(commandLine, process.ExitCode, output.ToString(), stopwatch.Elapsed);
        }
    }

    /// <summary>A <c>dotnet</c> child with redirected streams and the isolated environment, then <paramref name="environment"/> on top.</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo(DotNetPath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments) { startInfo.ArgumentList.Add(argument); }
        Isolate(startInfo.Environment);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) { startInfo.Environment[name] = value; }
        return startInfo;
    }

    /// <summary>
    /// Removes what the test host inherited from the <c>dotnet test</c> that started it (MSBuild's own
    /// paths, test platform settings, a compiler server chosen for it), so the child behaves like a build a user starts
    /// in a shell.
    /// </summary>
    private static void Isolate(IDictionary<string, string?> environment)
    {
        foreach (var name in environment.Keys.ToList())
        {
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase)
                || name is "SharedCompilationId" or "SolutionCompilerServer")
            {
                environment.Remove(name);
            }
        }
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        environment["MSBUILDDISABLENODEREUSE"] = "1";
        environment["MSBUILDTERMINALLOGGER"] = "off";
        environment["UseSharedCompilation"] = "false";
    }
}
