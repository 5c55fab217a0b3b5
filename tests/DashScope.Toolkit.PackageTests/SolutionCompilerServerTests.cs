using System.Diagnostics;
using Xunit;

namespace DashScope.Toolkit.PackageTests;

/// <summary>
/// A build of a solution under this repository's build files (Directory.Build.props, Directory.Solution.targets,
/// build/SolutionCompilerServer.props) compiles through a compiler server of its own, in an environment that turns
/// shared compilation off as CI's does, and nothing of that server is left once the command ends. A project built on its own keeps the environment's choice.
/// The probe is a one-project solution in a temporary folder with copies of those files, so the repository's own
/// outputs and its own server are never touched.
/// </summary>
public sealed class SolutionCompilerServerTests
{
    private static readonly TimeSpan s_buildTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan s_serverGoneLimit = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_solution_build_compiles_through_its_own_server_and_none_of_it_outlives_the_command()
    {
        var probe = Probe.Write();
        try
        {
            var pipe = await probe.PropertyAsync("SharedCompilationId", buildingSolution: true);
            var alone = await probe.PropertyAsync("SharedCompilationId", buildingSolution: false);
            if (OperatingSystem.IsWindows())
            {
                Assert.Equal(string.Empty, pipe);
                return;
            }
            Assert.StartsWith("dashscope-build-", pipe, StringComparison.Ordinal);
            Assert.Equal(string.Empty, alone);

            var startInfo = DotNetCli.StartInfo(probe.Directory, ["build", "Probe.sln", "-nologo", "-v:minimal"]);
            var (build, serverSeen) = await RunWatchingForServerAsync(startInfo, pipe);

            Assert.True(build.ExitCode == 0, build.ToString());
            Assert.True(serverSeen, $"No compiler server on pipe {pipe} ran during the solution build.{Environment.NewLine}{build}");
            Assert.True(await ServerGoneAsync(pipe), $"The compiler server on pipe {pipe} was still running {s_serverGoneLimit.TotalSeconds:F0} s after the build ended.");
        }
        finally
        {
            probe.Delete();
        }
    }

    /// <summary>Runs the build to its end, looking for a server process on <paramref name="pipe"/> while it runs.</summary>
    private static async Task<(CommandResult Build, bool ServerSeen)> RunWatchingForServerAsync(ProcessStartInfo startInfo, string pipe)
    {
        var stopwatch = Stopwatch.StartNew();
        var output = new System.Text.StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) { lock (output) { output.AppendLine(line.Data); } } };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) { lock (output) { output.AppendLine(line.Data); } } };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var seen = false;
        using var limit = new CancellationTokenSource(s_buildTimeout);
        var exited = process.WaitForExitAsync(limit.Token);
        while (!exited.IsCompleted)
        {
            seen |= (await ServerProcessesAsync(pipe)).Count > 0;
            await Task.WhenAny(exited, Task.Delay(100));
        }
        if (exited.IsCanceled)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The probe's solution build did not finish within {s_buildTimeout.TotalMinutes:F0} minutes.");
        }
        process.WaitForExit();
        lock (output)
        {
            return (new CommandResult("dotnet " + string.Join(' ', startInfo.ArgumentList), process.ExitCode, output.ToString(), stopwatch.Elapsed), seen);
        }
    }

    /// <summary>Waits, up to a limit, until no process serves <paramref name="pipe"/>: the watcher stops it about a second after the build.</summary>
    private static async Task<bool> ServerGoneAsync(string pipe)
    {
        var limit = Stopwatch.StartNew();
        while (limit.Elapsed < s_serverGoneLimit)
        {
            if ((await ServerProcessesAsync(pipe)).Count == 0) { return true; }
            await Task.Delay(200);
        }
        return false;
    }

    /// <summary>The command lines of running processes that name <paramref name="pipe"/> as their server pipe.</summary>
    private static async Task<IReadOnlyList<string>> ServerProcessesAsync(string pipe)
    {
        var startInfo = new ProcessStartInfo("ps") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-eo", "args=" }) { startInfo.ArgumentList.Add(argument); }
        using var ps = Process.Start(startInfo)!;
        var lines = await ps.StandardOutput.ReadToEndAsync();
        await ps.WaitForExitAsync();
        return lines.Split('\n').Where(line => line.Contains("-pipename:" + pipe, StringComparison.Ordinal) && !line.Contains("-shutdown", StringComparison.Ordinal)).ToList();
    }

    /// <summary>A one-project solution in a temporary folder, with copies of the repository's build files.</summary>
    private sealed class Probe
    {
        private static readonly string[] s_buildFiles = ["Directory.Build.props", "Directory.Solution.targets", "Directory.Packages.props", "global.json", "build/SolutionCompilerServer.props"];

        private Probe(string directory) => Directory = directory;

        public string Directory { get; }

        public static Probe Write()
        {
            var directory = System.IO.Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "dashscope-solution-server-" + Guid.NewGuid().ToString("N")[..12])).FullName;
            foreach (var file in s_buildFiles)
            {
                var copy = Path.Combine(directory, file);
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(Path.Combine(RepositoryLayout.Root, file), copy);
            }
            System.IO.Directory.CreateDirectory(Path.Combine(directory, "Probe"));
            File.WriteAllText(Path.Combine(directory, "Probe", "Probe.csproj"), """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                  </PropertyGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(directory, "Probe", "Program.cs"), "System.Console.WriteLine(\"probe\");\n");
            const string ProjectGuid = "{5B0D7C1E-2F4A-4E8B-9C3D-6A1F0E2B4C7D}";
            File.WriteAllText(Path.Combine(directory, "Probe.sln"), $$"""
                Microsoft Visual Studio Solution File, Format Version 12.00
                # Visual Studio Version 17
                Project("{9A19103F-16F7-4668-BE54-9A1E7A4F7556}") = "Probe", "Probe{{Path.DirectorySeparatorChar}}Probe.csproj", "{{ProjectGuid}}"
                EndProject
                Global
                	GlobalSection(SolutionConfigurationPlatforms) = preSolution
                		Debug|Any CPU = Debug|Any CPU
                	EndGlobalSection
                	GlobalSection(ProjectConfigurationPlatforms) = postSolution
                		{{ProjectGuid}}.Debug|Any CPU.ActiveCfg = Debug|Any CPU
                		{{ProjectGuid}}.Debug|Any CPU.Build.0 = Debug|Any CPU
                	EndGlobalSection
                EndGlobal
                """);
            return new Probe(directory);
        }

        /// <summary>The value of <paramref name="name"/> for the probe's project, as a solution build or a build of the project alone sees it.</summary>
        public async Task<string> PropertyAsync(string name, bool buildingSolution)
        {
            string[] arguments = buildingSolution
                ? ["msbuild", Path.Combine("Probe", "Probe.csproj"), "-getProperty:" + name, "-p:BuildingSolutionFile=true", "-nologo"]
                : ["msbuild", Path.Combine("Probe", "Probe.csproj"), "-getProperty:" + name, "-nologo"];
            var result = await DotNetCli.RunAsync(Directory, arguments, s_buildTimeout);
            Assert.True(result.ExitCode == 0, result.ToString());
            return result.Output.Trim();
        }

        public void Delete()
        {
            try { System.IO.Directory.Delete(Directory, recursive: true); }
            catch (IOException) { /* best effort: a temp folder left behind is harmless */ }
        }
    }
}
