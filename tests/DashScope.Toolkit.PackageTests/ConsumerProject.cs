using System.Security;

namespace DashScope.Toolkit.PackageTests;

/// <summary>
/// A fresh project written the way a user would: one PackageReference to DashScope.Toolkit, one
/// AdditionalFiles item for the schema, nullable and warnings-as-errors on, and its own NuGet.config.
/// </summary>
internal sealed class ConsumerProject
{
    private static readonly TimeSpan s_buildTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan s_runTimeout = TimeSpan.FromMinutes(1);

    private readonly PackedToolkitFixture _package;

    private ConsumerProject(PackedToolkitFixture package, string directory, string name)
    {
        _package = package;
        Directory = directory;
        Name = name;
    }

    public string Directory { get; }

    public string Name { get; }

    public string SchemaPath => Path.Combine(Directory, "liveportrait.schema.json");

    public static ConsumerProject Create(PackedToolkitFixture package, string name, string schemaText, string program)
    {
        var directory = Path.Combine(package.Root, "consumers", name);
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="DashScope.Toolkit" Version="{package.Version}" />
                <AdditionalFiles Include="liveportrait.schema.json" />
              </ItemGroup>
            </Project>
            """);
        // The local feed comes first; the machine's configured sources stay (no <clear />) for the
        // dependencies. The machine's package cache is a read-only fallback for those dependencies, so the
        // restore needs no download; DashScope.Toolkit itself has a version no cache can hold.
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
        File.WriteAllText(Path.Combine(directory, "liveportrait.schema.json"), schemaText);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), program);
        return new ConsumerProject(package, directory, name);
    }

    public Task<CommandResult> BuildAsync() => DotNetCli.RunAsync(
        Directory,
        ["build", Name + ".csproj", "--disable-build-servers", "-nodeReuse:false", "-nologo", "-v:minimal", "-clp:Summary"],
        s_buildTimeout,
        new Dictionary<string, string> { ["NUGET_PACKAGES"] = _package.IsolatedPackages });

    public Task<CommandResult> RunAsync() => DotNetCli.RunAsync(
        Directory,
        [Path.Combine(Directory, "bin", "Debug", "net10.0", Name + ".dll")],
        s_runTimeout);

    private static string Escape(string value) => SecurityElement.Escape(value);
}
