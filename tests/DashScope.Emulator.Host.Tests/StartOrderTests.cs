using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using DashScope.Emulator.Host.Tests.Support;
using DashScope.Emulator.Hosting;

namespace DashScope.Emulator.Host.Tests;

/// <summary>
/// The server binds its port while the emulator is still being built from its schema: a request that arrives in
/// between gets the emulator's own answer once it is built, and a start that fails leaves the port free. The held
/// tests hold the build open through <see cref="StartHold"/>, so the request lands in that window every time; every
/// wait is bounded by a cancellation token, so a broken start fails the test instead of hanging it.
/// </summary>
public sealed class StartOrderTests : IDisposable
{
    private static readonly Dictionary<string, string> NoEnvironment = [];
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_request_sent_while_the_host_starts_gets_the_emulators_answer()
    {
        var port = FreePort();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var url = new Uri($"http://127.0.0.1:{port}/api/v1/tasks/t-1");

        // Asking from before the start: the first answer the port gives is the one that counts.
        var firstAnswer = Task.Run(async () =>
        {
            while (true)
            {
                stop.Token.ThrowIfCancellationRequested();
                try
                {
                    using var response = await client.GetAsync(url, stop.Token);
                    return (response.StatusCode, await response.Content.ReadAsStringAsync(stop.Token));
                }
                catch (HttpRequestException)
                {
                    await Task.Yield();
                }
            }
        });
        using var output = new StringWriter();
        var started = new TaskCompletionSource<LivePortraitEmulator>();
        var run = EmulatorHost.RunAsync(["--port", port.ToString(CultureInfo.InvariantCulture), "--fake-clock"], TextWriter.Synchronized(output), stop.Token, started.SetResult, NoEnvironment);

        var (status, body) = await firstAnswer;
        await started.Task.WaitAsync(stop.Token);
        stop.Cancel();
        Assert.Equal(ExitCodes.Stopped, await run.WaitAsync(TimeSpan.FromSeconds(30)));

        // No key: the emulator's refusal in DashScope's envelope, not a server error or an empty mapping's 404.
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("\"request_id\"", body, StringComparison.Ordinal);
        Assert.Contains("\"code\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_submit_sent_after_the_bind_and_before_the_build_waits_for_the_build_then_is_accepted()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(limit.Token);
        var hold = new StartHold(limit.Token);
        using var output = new StringWriter();
        var started = new TaskCompletionSource<LivePortraitEmulator>(TaskCreationOptions.RunContinuationsAsynchronously);

        // The held start blocks the thread that starts the host, so the host runs on one of its own.
        var run = Task.Run(() => EmulatorHost.RunAsync(
            ["--port", FreePort().ToString(CultureInfo.InvariantCulture), "--fake-clock"], TextWriter.Synchronized(output), stop.Token, started.SetResult, NoEnvironment, o => o.StartHold = hold));
        var root = await hold.Holding.WaitAsync(limit.Token);
        using var client = LivePortraitHttp.Client(root);
        var submit = LivePortraitHttp.SubmitSampleAsync(client, root, limit.Token);
        await hold.RequestWaiting.WaitAsync(limit.Token);

        // The port is bound and the request has reached the server, but the emulator is not built: no answer yet.
        Assert.False(submit.IsCompleted);
        Assert.False(started.Task.IsCompleted);
        hold.Release();

        var taskId = await submit;
        var emulator = await started.Task.WaitAsync(limit.Token);
        Assert.Equal(EmulatorOptions.DefaultDemoAccountId, emulator.FindTask(taskId)?.AccountId);
        stop.Cancel();
        Assert.Equal(ExitCodes.Stopped, await run.WaitAsync(limit.Token));
    }

    [Fact]
    public async Task A_request_waiting_for_a_build_that_fails_gets_DashScopes_error_envelope_and_the_port_is_freed()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var hold = new StartHold(limit.Token);
        var port = FreePort();
        using var output = new StringWriter();

        var run = Task.Run(() => EmulatorHost.RunAsync(
            ["--port", port.ToString(CultureInfo.InvariantCulture), "--fake-clock"], TextWriter.Synchronized(output), limit.Token, null, NoEnvironment, o => o.StartHold = hold));
        var root = await hold.Holding.WaitAsync(limit.Token);
        using var client = LivePortraitHttp.Client(root);
        var poll = client.GetAsync("tasks/t-1", limit.Token);
        await hold.RequestWaiting.WaitAsync(limit.Token);
        hold.FailBuild(new InvalidOperationException("The held schema could not be read."));

        using var response = await poll;
        var body = await response.Content.ReadAsStringAsync(limit.Token);
        Assert.Equal(ExitCodes.StartFailed, await run.WaitAsync(limit.Token));

        // Refused in DashScope's flat envelope, so a client reports a service that is not there rather than a bad answer.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("ServiceUnavailable", json.RootElement.GetProperty("code").GetString());
        Assert.Contains("did not start", json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("request_id").GetString()));
        Assert.Contains("The held schema could not be read.", output.ToString(), StringComparison.Ordinal);

        using var again = new TcpListener(IPAddress.Loopback, port);
        again.Start();
    }

    [Fact]
    public async Task A_schema_the_emulator_cannot_serve_exits_with_one_and_leaves_the_port_free()
    {
        var schema = _folder.File("broken.schema.json", "{}");
        var port = FreePort();
        using var output = new StringWriter();

        var code = await EmulatorHost.RunAsync(["--port", port.ToString(CultureInfo.InvariantCulture), "--schema", schema], output, CancellationToken.None, environment: NoEnvironment);

        Assert.Equal(ExitCodes.StartFailed, code);
        Assert.StartsWith("Cannot start: ", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("broken.schema.json", output.ToString(), StringComparison.Ordinal);

        // The server that was binding the port while the schema was read has been stopped.
        using var again = new TcpListener(IPAddress.Loopback, port);
        again.Start();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
