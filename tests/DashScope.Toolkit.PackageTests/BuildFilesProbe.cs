using System.Text.Json;
using Xunit;

namespace DashScope.Toolkit.PackageTests;

/// <summary>
/// A one-project solution (a console program) in a temporary folder, with copies of the repository's build files, to
/// run and evaluate those files as the repository's own projects meet them without touching its outputs.
/// </summary>
internal sealed class BuildFilesProbe
{
    private static readonly string[] s_buildFiles =
        ["Directory.Build.props", "Directory.Build.targets", "Directory.Solution.targets", "Directory.Packages.props", "global.json", "build/SolutionCompilerServer.props"];

    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);

    private BuildFilesProbe(string root) => Root = root;

    public string Root { get; }

    public static BuildFilesProbe Write()
    {
        var root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "dashscope-build-files-probe-" + Guid.NewGuid().ToString("N")[..12])).FullName;
        foreach (var file in s_buildFiles)
        {
            var copy = Path.Combine(root, file);
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(Path.Combine(RepositoryLayout.Root, file), copy);
        }
        Directory.CreateDirectory(Path.Combine(root, "Probe"));
        File.WriteAllText(Path.Combine(root, "Probe", "Probe.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(root, "Probe", "Program.cs"), "System.Console.WriteLine(\"probe\");\n");
        const string ProjectGuid = "{5B0D7C1E-2F4A-4E8B-9C3D-6A1F0E2B4C7D}";
        File.WriteAllText(Path.Combine(root, "Probe.sln"), $$"""
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
        return new BuildFilesProbe(root);
    }

    /// <summary>
    /// The value of <paramref name="name"/> for the probe's project, as a solution build or a build of the project alone
    /// sees it, with <paramref name="environment"/> added to the child's environment.
    /// </summary>
    public async Task<string> PropertyAsync(string name, bool buildingSolution, params (string Name, string Value)[] environment)
    {
        List<string> arguments = ["msbuild", Path.Combine("Probe", "Probe.csproj"), "-getProperty:" + name, "-nologo"];
        if (buildingSolution) { arguments.Add("-p:BuildingSolutionFile=true"); }
        var result = await DotNetCli.RunAsync(Root, arguments, s_timeout, environment.ToDictionary(pair => pair.Name, pair => pair.Value));
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Output.Trim();
    }

    /// <summary>
    /// The file names of the <paramref name="item"/> items of the probe's project once <paramref name="targets"/> have run
    /// (after a restore), with <paramref name="properties"/> (<c>Name=Value</c>) set on the command line.
    /// </summary>
    public async Task<IReadOnlyList<string>> ItemFileNamesAsync(string item, string targets, params string[] properties)
    {
        List<string> arguments = ["msbuild", Path.Combine("Probe", "Probe.csproj"), "-restore", "-t:" + targets, "-getItem:" + item, "-nologo"];
        arguments.AddRange(properties.Select(property => "-p:" + property));
        var result = await DotNetCli.RunAsync(Root, arguments, s_timeout);
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        return json.RootElement.GetProperty("Items").GetProperty(item).EnumerateArray()
            .Select(entry => Path.GetFileName(entry.GetProperty("Identity").GetString()!))
            .ToList();
    }

    public void Delete()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { /* best effort: a temp folder left behind is harmless */ }
        catch (UnauthorizedAccessException) { }
    }
}
