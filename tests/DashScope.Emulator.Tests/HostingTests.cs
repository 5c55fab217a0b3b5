using System.Net.Http.Json;
using DashScope.Emulator.Control;
using DashScope.Emulator.Host;
using DashScope.Emulator.Tests.Support;
using DashScope.Emulator.Xunit;

namespace DashScope.Emulator.Tests;

/// <summary>The xUnit fixture listens on a random loopback port and stops when disposed; the standalone host prints its base URL, demo key and each transition, and refuses non-loopback addresses and unknown arguments.</summary>
public sealed class HostingTests
{
    [Fact]
    public async Task FixtureListensOnARandomLoopbackPortAndStopsWhenDisposed()
    {
        var first = new LivePortraitEmulatorFixture();
        var second = new LivePortraitEmulatorFixture();
        await first.InitializeAsync();
        await second.InitializeAsync();
        var port = first.Emulator.Port;
        var emulator = first.Emulator;
        try
        {
            Assert.Equal("127.0.0.1", first.BaseUrl.Host);
            Assert.NotEqual(0, port);
            Assert.NotEqual(port, second.Emulator.Port);
            Assert.Equal("/api/v1", first.BaseUrl.AbsolutePath);
            using var client = first.CreateClient();
            Assert.Equal(200, (await Api.QueryAsync(client, "x")).Status);
        }
        finally
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
        }

        // Not a TCP probe: parallel test classes may legitimately reuse the freed port at once.
        Assert.False(emulator.IsRunning);
        Assert.Throws<InvalidOperationException>(() => first.Emulator);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("192.0.2.10")]
    public void NonLoopbackAddressIsRefusedWithoutAllowRemote(string host)
    {
        var error = Assert.Throws<InvalidOperationException>(() => LivePortraitEmulator.Start(o => o.Host = host));
        Assert.Contains("AllowRemote", error.Message);
    }

    [Fact]
    public async Task HostPrintsBaseUrlDemoKeyAndEachTransition()
    {
        using var output = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var started = new TaskCompletionSource<LivePortraitEmulator>();
        var run = EmulatorHost.RunAsync(["--port", "0", "--fake-clock"], TextWriter.Synchronized(output), stop.Token, started.SetResult);
        var emulator = await started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("127.0.0.1", emulator.Url.Host);
        using var client = Api.Client(emulator);
        var id = await Api.SubmitSampleAsync(client, emulator);
        using var admin = new HttpClient { BaseAddress = new Uri(emulator.Url, LivePortraitEmulator.AdminPathPrefix) };
        (await admin.PostAsJsonAsync("clock/advance", new AdvanceClockRequest(60), LivePortraitEmulator.AdminJson)).EnsureSuccessStatusCode();

        stop.Cancel();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        var text = output.ToString();
        Assert.Contains($"listening on {emulator.Url}", text);
        Assert.Contains($"DASHSCOPE_HTTP_BASE_URL={emulator.BaseUrl}", text);
        Assert.Contains("DASHSCOPE_API_KEY=sk-emulator-demo", text);
        Assert.Contains($"task {id} (demo): PENDING", text);
        Assert.Contains($"task {id} (demo): PENDING -> RUNNING", text);
        Assert.Contains($"task {id} (demo): RUNNING -> SUCCEEDED", text);
    }

    [Fact]
    public async Task HostRefusesANonLoopbackAddressUnlessAllowed()
    {
        using var output = new StringWriter();
        var code = await EmulatorHost.RunAsync(["--host", "192.0.2.10", "--port", "0"], output, CancellationToken.None);
        Assert.Equal(1, code);
        Assert.Contains("--allow-remote", HostArguments.Usage);
        Assert.Contains("Refusing", output.ToString());
    }

    [Fact]
    public async Task HostRejectsUnknownArguments()
    {
        using var output = new StringWriter();
        Assert.Equal(2, await EmulatorHost.RunAsync(["--bogus"], output, CancellationToken.None));
        Assert.Contains("Unknown argument '--bogus'", output.ToString());
        var parsed = HostArguments.Parse(["--unknown-model", "404", "--no-rate-limits", "--api-key", "team=sk-team"]);
        Assert.Equal(UnknownModelBehavior.ModelNotFound404, parsed.Options.UnknownModel);
        Assert.True(parsed.Options.DisableRateLimits);
        Assert.Equal(("team", "sk-team"), Assert.Single(parsed.ExtraKeys));
        Assert.Equal(HostArguments.DefaultPort, parsed.Options.Port);
        Assert.Equal("127.0.0.1", parsed.Options.Host);
    }
}
