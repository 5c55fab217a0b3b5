using System.Globalization;
using Xunit;

namespace DashScope.Toolkit.PackageTests;

/// <summary>
/// Runs the repository's one pack command (<c>dotnet pack Toolkit.sln -c Release -o FOLDER</c>) once for the whole
/// test run, into a temporary folder feed. The build behind it writes only into a temporary artifacts folder, never
/// into the repository's bin/ and obj/. The version is unique to the run, so no cached copy of an earlier pack can
/// ever be restored instead. The pack and every consumer build of the run compile through one compiler server that this
/// fixture starts and stops (<see cref="CompilerServer"/>), instead of a fresh compiler process per project.
/// </summary>
public sealed class PackedToolkitFixture : IAsyncLifetime
{
    /// <summary>Every package the pack command must write, and nothing else.</summary>
    public static readonly string[] ExpectedPackages =
    [
        "DashScope.Emulator",
        "DashScope.Emulator.Host",
        "DashScope.Emulator.Xunit",
        "DashScope.Emulator.Xunit.V3",
        "DashScope.Toolkit",
        "DashScope.Toolkit.Description",
        "DashScope.Toolkit.Resilience",
    ];

    private static readonly TimeSpan s_packTimeout = TimeSpan.FromMinutes(10);

    public PackedToolkitFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "dashscope-package-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Version = RepositoryLayout.BaseVersion.Split('-')[0] + "-packagetest." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
    }

    /// <summary>The temporary folder everything of this run lives in.</summary>
    public string Root { get; }

    /// <summary>The folder feed the packages are packed into.</summary>
    public string Feed => Path.Combine(Root, "feed");

    /// <summary>The consumers' own NuGet package folder, empty at the start of the run and shared by all of them.</summary>
    public string IsolatedPackages => Path.Combine(Root, "nuget-packages");

    public string Version { get; }

    public string PackagePath => PackagePathOf("DashScope.Toolkit");

    public CommandResult Pack { get; private set; } = null!;

    private CompilerServer? _compilerServer;

    /// <summary>What every child build of this run adds to its environment: the run's compiler server.</summary>
    public IReadOnlyDictionary<string, string> BuildEnvironment => _compilerServer?.BuildEnvironment ?? new Dictionary<string, string>();

    public string PackagePathOf(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(IsolatedPackages);
        // Fences: a consumer under Root must not pick up a Directory.*.props from a folder above it.
        File.WriteAllText(Path.Combine(Root, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(Root, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(Root, "Directory.Packages.props"), "<Project />\n");

        _compilerServer = await CompilerServer.StartAsync(RepositoryLayout.Root);
        Pack = await DotNetCli.RunAsync(
            RepositoryLayout.Root,
            [
                "pack", RepositoryLayout.Solution,
                "--configuration", "Release",
                "--output", Feed,
                "--artifacts-path", Path.Combine(Root, "artifacts"),
                "-p:PackageVersion=" + Version,
                "-nodeReuse:false",
                "-nologo",
                "-v:minimal",
                "-clp:Summary",
            ],
            s_packTimeout,
            BuildEnvironment);
    }

    public async Task DisposeAsync()
    {
        if (_compilerServer is not null) { await _compilerServer.DisposeAsync(); }
        if (Environment.GetEnvironmentVariable("DASHSCOPE_KEEP_PACKAGE_TEST_FILES") is null)
        {
            try { Directory.Delete(Root, recursive: true); }
            catch (IOException) { /* best effort: a temp folder left behind is harmless */ }
            catch (UnauthorizedAccessException) { }
        }
    }
}

/// <summary>The test classes that use the packages share one pack.</summary>
[CollectionDefinition(Name)]
public sealed class PackedPackagesCollection : ICollectionFixture<PackedToolkitFixture>
{
    public const string Name = "Packed packages";
}
