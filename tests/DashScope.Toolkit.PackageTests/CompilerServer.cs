using System.Diagnostics;

namespace DashScope.Toolkit.PackageTests;

/// <summary>
/// The SDK's own compiler server (VBCSCompiler), started by the package tests for their builds only and stopped when
/// they end. Its pipe name is unique to the run, so it serves no build but this run's pack and consumer builds, and
/// no other server on the machine is touched. It only changes where csc runs: the first compilation loads the
/// compiler, the analyzers and the toolkit's generator, and every later one reuses them instead of starting a fresh
/// compiler process; the builds, their outputs and their diagnostics are the same.
/// </summary>
internal sealed class CompilerServer : IAsyncDisposable
{
    private readonly Process _process;

    private CompilerServer(Process process, string pipeName)
    {
        _process = process;
        PipeName = pipeName;
    }

    /// <summary>The named pipe csc connects to (MSBuild's SharedCompilationId).</summary>
    public string PipeName { get; }

    /// <summary>What a child build needs to compile through this server: MSBuild reads environment variables as properties.</summary>
    public IReadOnlyDictionary<string, string> BuildEnvironment => new Dictionary<string, string>
    {
        ["UseSharedCompilation"] = "true",
        ["SharedCompilationId"] = PipeName,
    };

    /// <summary>Starts the compiler of the SDK that builds in <paramref name="workingDirectory"/> as a server on a new pipe.</summary>
    public static async Task<CompilerServer> StartAsync(string workingDirectory)
    {
        var compiler = await FindServerAsync(workingDirectory);
        var pipeName = "dashscope-package-tests-" + Guid.NewGuid().ToString("N")[..12];
        var startInfo = DotNetCli.StartInfo(Path.GetTempPath(), ["exec", compiler, "-pipename:" + pipeName]);
        var process = new Process { StartInfo = startInfo };
        // Its output is never needed; it is read only so a full pipe can never block the server.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new CompilerServer(process, pipeName);
    }

    /// <summary>
    /// Stops the server. Every build that used it has finished by now, so nothing is lost; were the test host to die
    /// before this runs, the server still ends by itself once idle (its default keep-alive is ten minutes).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync(CancellationToken.None);
        _process.Dispose();
    }

    /// <summary>VBCSCompiler.dll of the SDK <c>dotnet</c> picks in <paramref name="workingDirectory"/> (global.json applies).</summary>
    internal static async Task<string> FindServerAsync(string workingDirectory)
    {
        var info = await DotNetCli.RunAsync(workingDirectory, ["--info"], TimeSpan.FromMinutes(1));
        var basePath = info.Output.Split('\n')
            .Select(line => line.Trim())
            .FirstOrDefault(line => line.StartsWith("Base Path:", StringComparison.Ordinal))?["Base Path:".Length..].Trim();
        var server = basePath is null ? null : Path.Combine(basePath, "Roslyn", "bincore", "VBCSCompiler.dll");
        return server is not null && File.Exists(server)
            ? server
            : throw new InvalidOperationException($"No compiler server found from `dotnet --info` (base path {basePath ?? "missing"}).{Environment.NewLine}{info}");
    }
}
