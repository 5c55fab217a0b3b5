using System.Security;

namespace DashScope.Toolkit.PackageTests;

/// <summary>
/// A fresh project outside the repository written the way a user would: PackageReferences to the packages under
/// test, nullable and warnings-as-errors on, and its own NuGet.config.
/// </summary>
internal sealed class ConsumerProject
{
    private static readonly TimeSpan s_buildTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan s_runTimeout = TimeSpan.FromMinutes(3);

    private readonly PackedToolkitFixture _package;

    private ConsumerProject(PackedToolkitFixture package, string directory, string name)
    {
        _package = package;
        Directory = directory;
        Name = name;
    }

    public string Directory { get; }

    public string Name { get; }

    /// <summary>
    /// A console program referencing DashScope.Toolkit alone, plus <paramref name="projectBody"/> (items or
    /// properties) and <paramref name="files"/> (name and text) next to the project.
    /// </summary>
    public static ConsumerProject Create(PackedToolkitFixture package, string name, string program, string projectBody = "", IReadOnlyDictionary<string, string>? files = null) =>
        Write(package, name, $"""
            <PropertyGroup>
              <OutputType>Exe</OutputType>
            </PropertyGroup>
            <ItemGroup>
              <PackageReference Include="DashScope.Toolkit" Version="{package.Version}" />
            </ItemGroup>
            {projectBody}
            """, new Dictionary<string, string>(files ?? new Dictionary<string, string>()) { ["Program.cs"] = program });

    /// <summary>A project with <paramref name="projectBody"/> inside the common settings, and <paramref name="files"/>.</summary>
    public static ConsumerProject Write(PackedToolkitFixture package, string name, string projectBody, IReadOnlyDictionary<string, string> files)
    {
        var directory = Path.Combine(package.Root, "consumers", name);
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
            {projectBody}
            </Project>
            """);
        // The local feed comes first; the machine's configured sources stay (no <clear />) for the
        // dependencies. The machine's package cache is a read-only fallback for those dependencies, so the
        // restore downloads only what that cache lacks; the packages under test have a version no cache can hold.
        File.WriteAllText(Path.Combine(directory, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Escape(package.IsolatedPackages)}" />
              </config>
              <packageSources>
                <add key="dashscope-toolkit-under-test" value="{Escape(package.Feed)}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine-package-cache" value="{Escape(RepositoryLayout.MachinePackageCache)}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        foreach (var (file, text) in files)
        {
            var path = Path.Combine(directory, file);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }
        return new ConsumerProject(package, directory, name);
    }

    public Task<CommandResult> BuildAsync() => DotNetCli.RunAsync(
        Directory,
        ["build", Name + ".csproj", "-nodeReuse:false", "-nologo", "-v:minimal", "-clp:Summary"],
        s_buildTimeout,
        PackageEnvironment);

    /// <summary>Restores, builds and runs the project's tests, as a user's <c>dotnet test</c> does.</summary>
    /// <param name="arguments">What follows <c>dotnet test</c>: the VSTest and the Microsoft.Testing.Platform modes differ.</param>
    public Task<CommandResult> TestAsync(IReadOnlyList<string> arguments) => DotNetCli.RunAsync(
        Directory,
        ["test", .. arguments],
        s_buildTimeout + s_runTimeout,
        PackageEnvironment);

    public Task<CommandResult> RunAsync() => DotNetCli.RunAsync(
        Directory,
        [Path.Combine(Directory, "bin", "Debug", "net10.0", Name + ".dll")],
        s_runTimeout);

    /// <summary>The isolated package folder, and the run's compiler server.</summary>
    private Dictionary<string, string> PackageEnvironment => new(_package.BuildEnvironment) { ["NUGET_PACKAGES"] = _package.IsolatedPackages };

    private static string Escape(string value) => SecurityElement.Escape(value);
}
