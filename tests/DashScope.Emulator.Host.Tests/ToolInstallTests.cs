using System.IO.Compression;
using System.Xml.Linq;
using DashScope.Emulator.Host.Tests.Support;

namespace DashScope.Emulator.Host.Tests;

/// <summary>
/// The host packed as a .NET tool, installed into a temporary folder from a temporary feed and run from there:
/// one whole task over HTTP, then SIGTERM. Offline: the feed is the only package source, and the tool talks to
/// 127.0.0.1 only.
/// </summary>
public sealed class ToolInstallTests
{
    private const string PackageId = "DashScope.Emulator.Host";

    [Fact]
    public async Task The_packed_tool_installs_runs_a_task_and_stops_cleanly_on_sigterm()
    {
        using var folder = new TempFolder();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var feed = Path.Combine(folder.Path, "feed");
        var tools = Path.Combine(folder.Path, "tools");
        var environment = new Dictionary<string, string?>
        {
            // Its own package folder, so the install cannot pick up a stale copy of the same version from the cache.
            ["NUGET_PACKAGES"] = Path.Combine(folder.Path, "packages"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_ROOT"] = DotNet.Root,
        };

        // The test's build already built the host; packing reuses it rather than building again.
        var project = Path.Combine(DotNet.RepositoryRoot, "mock-server", PackageId, PackageId + ".csproj");
        await RunToEndAsync(environment, limit.Token, "pack", project, "-c", DotNet.Configuration, "--no-build", "-o", feed);
        var package = Assert.Single(Directory.GetFiles(feed, PackageId + ".*.nupkg"));
        AssertToolMetadata(package);

        var config = folder.File("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="feed" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        await RunToEndAsync(environment, limit.Token, "tool", "install", "--tool-path", tools, "--configfile", config, PackageId);

        // Timing from the settings file, the port from the environment, one override as an option: all three sources.
        var settings = folder.File("settings.json", """{ "QueueSeconds": 0, "RunSeconds": 0, "RunPerAudio": 5 }""");
        using var tool = HostProcess.Start(
            Path.Combine(tools, OperatingSystem.IsWindows() ? "dashscope-emulator.exe" : "dashscope-emulator"),
            ["--settings", settings, "--run-per-audio", "0"],
            new Dictionary<string, string?>(environment) { ["DASHSCOPE_EMULATOR_PORT"] = "0" });
        var root = await tool.ListeningAsync(limit.Token);
        Assert.Equal("127.0.0.1", root.Host);
        Assert.NotEqual(18080, root.Port);

        using var client = LivePortraitHttp.Client(root);
        var id = await LivePortraitHttp.SubmitSampleAsync(client, root, limit.Token);
        var output = await LivePortraitHttp.WaitUntilSucceededAsync(client, id, limit.Token);
        var video = new Uri(output.GetProperty("results").GetProperty("video_url").GetString()!);
        Assert.Equal(root.Authority, video.Authority);
        var bytes = await client.GetByteArrayAsync(video, limit.Token);
        Assert.True(LivePortraitHttp.IsMp4(bytes), $"{bytes.Length} bytes, not an MP4");

        tool.Signal(Posix.SigTerm);
        Assert.Equal(ExitCodes.Stopped, await tool.ExitCodeAsync(limit.Token));
        Assert.Contains($"task {id} (demo): RUNNING -> SUCCEEDED", tool.Output);
        Assert.Contains("Stopped.", tool.Output);
    }

    private static void AssertToolMetadata(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        var nuspecEntry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspecEntry.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.Equal("MIT", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        Assert.NotNull(zip.GetEntry("README.md"));
        Assert.Equal("git", metadata.Elements().Single(e => e.Name.LocalName == "repository").Attribute("type")?.Value);
        Assert.Contains(metadata.Elements().Single(e => e.Name.LocalName == "packageTypes").Elements(), t => t.Attribute("name")?.Value == "DotnetTool");
        var settings = zip.Entries.Single(e => e.FullName.EndsWith("DotnetToolSettings.xml", StringComparison.Ordinal));
        using var settingsStream = settings.Open();
        Assert.Equal("dashscope-emulator", XDocument.Load(settingsStream).Descendants("Command").Single().Attribute("Name")?.Value);
    }

    private static async Task RunToEndAsync(IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken, params string[] args)
    {
        using var process = HostProcess.Start(DotNet.Executable, args, environment);
        var code = await process.ExitCodeAsync(cancellationToken);
        Assert.True(code == 0, $"dotnet {string.Join(' ', args)} exited with {code}:\n{process.Output}");
    }
}
