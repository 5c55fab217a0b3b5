using System.Diagnostics;
using Xunit;

namespace DashScope.Toolkit.PackageTests;

/// <summary>
/// A build of a solution under this repository's build files (Directory.Build.props, Directory.Solution.targets,
/// build/SolutionCompilerServer.props) compiles through a compiler server of its own, in an environment that turns
/// shared compilation off as CI's does, and stops that server before the command returns. A project evaluated on
/// its own keeps the environment's choice, and a server the caller names wins. The probe is a one-project solution in a
/// temporary folder with copies of those files, so the repository's own outputs and server are never touched.
/// </summary>
public sealed class SolutionCompilerServerTests
{
    private static readonly TimeSpan s_buildTimeout = TimeSpan.FromMinutes(5);

    /// <summary>A guard against a hang only: the server is asked to shut down before the command returns.</summary>
    private static readonly TimeSpan s_serverExitGuard = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_solution_build_compiles_through_its_own_server_and_stops_it_with_the_command()
    {
        BuildFilesProbe? probe = null;
        var pipe = string.Empty;
        var passed = false;
        try
        {
            probe = BuildFilesProbe.Write();
            pipe = await probe.PropertyAsync("SharedCompilationId", buildingSolution: true);
            if (OperatingSystem.IsWindows())
            {
                Assert.Equal(string.Empty, pipe);
                return;
            }
            Assert.StartsWith("dashscope-build-", pipe, StringComparison.Ordinal);
            Assert.Equal(string.Empty, await probe.PropertyAsync("SharedCompilationId", buildingSolution: false));
            Assert.Equal("callers-own", await probe.PropertyAsync("SharedCompilationId", buildingSolution: true, ("SharedCompilationId", "callers-own")));

            var (build, servers) = await RunWatchingForServerAsync(DotNetCli.StartInfo(probe.Root, ["build", "Probe.sln", "-nologo", "-v:minimal"]), pipe);

            Assert.True(build.ExitCode == 0, build.ToString());
            Assert.True(servers.Count > 0, $"No compiler server on pipe {pipe} ran during the solution build.{Environment.NewLine}{build}");
            foreach (var id in servers)
            {
                Assert.True(await HasExitedAsync(id), $"The compiler server on pipe {pipe} (process {id}) was still running {s_serverExitGuard.TotalMinutes:F0} minutes after the build returned.");
            }
            passed = true;
        }
        finally
        {
            if (!passed && pipe.Length > 0 && !OperatingSystem.IsWindows())
            {
                // After a failure the server could still run: stop it rather than leave it for its idle timeout.
                await DotNetCli.RunAsync(Path.GetTempPath(), ["exec", await CompilerServer.FindServerAsync(RepositoryLayout.Root), "-shutdown", "-pipename:" + pipe], s_buildTimeout);
            }
            probe?.Delete();
        }
    }

    /// <summary>Runs the build to its end and returns the ids of the server processes on <paramref name="pipe"/> seen while it ran.</summary>
    private static async Task<(CommandResult Build, IReadOnlyCollection<int> Servers)> RunWatchingForServerAsync(ProcessStartInfo startInfo, string pipe)
    {
        var servers = new HashSet<int>();
        var build = await DotNetCli.RunAsync(startInfo, s_buildTimeout, async exit =>
        {
            // Look until a server is seen (it lives from the first compilation to the end of the command), then just wait.
            while (!exit.IsCompleted && servers.Count == 0)
            {
                servers.UnionWith(await ServerProcessesAsync(pipe));
                await Task.WhenAny(exit, Task.Delay(100));
            }
        });
        return (build, servers);
    }

    /// <summary>Waits for process <paramref name="id"/> to end (or to be gone already); false if it still runs at the guard.</summary>
    private static async Task<bool> HasExitedAsync(int id)
    {
        Process server;
        try { server = Process.GetProcessById(id); }
        catch (ArgumentException) { return true; }
        using (server)
        using (var guard = new CancellationTokenSource(s_serverExitGuard))
        {
            try
            {
                await server.WaitForExitAsync(guard.Token);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    /// <summary>The ids of running processes whose command line names <paramref name="pipe"/> as the pipe they serve.</summary>
    private static async Task<IReadOnlyList<int>> ServerProcessesAsync(string pipe)
    {
        var startInfo = new ProcessStartInfo("ps") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-eo", "pid=,args=" }) { startInfo.ArgumentList.Add(argument); }
        using var ps = Process.Start(startInfo)!;
        var lines = await ps.StandardOutput.ReadToEndAsync();
        await ps.WaitForExitAsync();
        return lines.Split('\n')
            .Where(line => line.Contains("-pipename:" + pipe, StringComparison.Ordinal) && !line.Contains("-shutdown", StringComparison.Ordinal))
            .Select(line => int.Parse(line.Trim().Split(' ', 2)[0], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
    }
}
