using System.Net;
using System.Net.Sockets;
using System.Text;
using DashScope.Emulator.Host.Tests.Support;

namespace DashScope.Emulator.Host.Tests;

/// <summary>The host run inside the test: what it prints, and the start failures that exit with 1.</summary>
public sealed class InProcessHostTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    public async Task The_host_prints_its_base_url_the_demo_key_and_each_transition_then_stops_with_zero()
    {
        using var output = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var started = new TaskCompletionSource<LivePortraitEmulator>();
        var run = EmulatorHost.RunAsync(["--port", "0", "--fake-clock"], TextWriter.Synchronized(output), stop.Token, started.SetResult, NoEnvironment);
        var emulator = await started.Task.WaitAsync(stop.Token);

        Assert.Equal("127.0.0.1", emulator.Url.Host);
        using var client = LivePortraitHttp.Client(emulator.Url);
        var id = await LivePortraitHttp.SubmitSampleAsync(client, emulator.Url, stop.Token);
        using var admin = new HttpClient { BaseAddress = new Uri(emulator.Url, LivePortraitEmulator.AdminPathPrefix) };
        using var advance = new StringContent("""{"seconds":60}""", Encoding.UTF8, "application/json");
        (await admin.PostAsync("clock/advance", advance, stop.Token)).EnsureSuccessStatusCode();

        stop.Cancel();
        Assert.Equal(ExitCodes.Stopped, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(emulator.IsRunning);
        var text = output.ToString();
        Assert.Contains($"listening on {emulator.Url}", text);
        Assert.Contains($"DASHSCOPE_HTTP_BASE_URL={emulator.BaseUrl}", text);
        Assert.Contains("DASHSCOPE_API_KEY=sk-emulator-demo", text);
        Assert.Contains($"task {id} (demo): PENDING", text);
        Assert.Contains($"task {id} (demo): PENDING -> RUNNING", text);
        Assert.Contains($"task {id} (demo): RUNNING -> SUCCEEDED", text);
        Assert.EndsWith("Stopped." + Environment.NewLine, text);
    }

    [Fact]
    public async Task Keys_from_the_settings_are_registered_and_the_key_is_never_printed()
    {
        using var output = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var started = new TaskCompletionSource<LivePortraitEmulator>();
        var environment = new Dictionary<string, string> { ["DASHSCOPE_EMULATOR_API_KEY"] = "team=sk-team-secret-1" };
        var run = EmulatorHost.RunAsync(["--port", "0"], TextWriter.Synchronized(output), stop.Token, started.SetResult, environment);
        var emulator = await started.Task.WaitAsync(stop.Token);

        using var client = LivePortraitHttp.Client(emulator.Url, "sk-team-secret-1");
        var id = await LivePortraitHttp.SubmitSampleAsync(client, emulator.Url, stop.Token);
        Assert.Equal("team", emulator.FindTask(id)!.AccountId);

        stop.Cancel();
        Assert.Equal(ExitCodes.Stopped, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains($"task {id} (team): PENDING", output.ToString());
        Assert.DoesNotContain("sk-team-secret-1", output.ToString());
    }

    [Fact]
    public async Task A_non_loopback_address_without_allow_remote_exits_with_one_and_names_the_option()
    {
        using var output = new StringWriter();

        var code = await EmulatorHost.RunAsync(["--host", "192.0.2.10", "--port", "0"], output, CancellationToken.None, environment: NoEnvironment);

        Assert.Equal(ExitCodes.StartFailed, code);
        Assert.Contains("Cannot start: Refusing to listen on non-loopback address 192.0.2.10", output.ToString());
        Assert.Contains("--allow-remote", output.ToString());
    }

    [Fact]
    public async Task A_port_in_use_exits_with_one_and_names_the_port()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var output = new StringWriter();

        var code = await EmulatorHost.RunAsync(["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], output, CancellationToken.None, environment: NoEnvironment);

        Assert.Equal(ExitCodes.StartFailed, code);
        var text = output.ToString();
        Assert.StartsWith("Cannot start: ", text);
        Assert.Contains($"127.0.0.1:{port}", text);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }
}
