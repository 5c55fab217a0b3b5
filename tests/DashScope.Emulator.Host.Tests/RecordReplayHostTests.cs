using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DashScope.Emulator.Host.Tests.Support;
using DashScope.Emulator.Recording;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Emulator.Host.Tests;

/// <summary>The host as a recording proxy (--record, --upstream), as a replayer (--replay), and its drift subcommand.</summary>
public sealed class RecordReplayHostTests : IDisposable
{
    private static readonly Dictionary<string, string> NoEnvironment = [];
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_host_records_a_session_and_writes_the_cassette_when_it_stops()
    {
        var clock = new FakeTimeProvider();
        await using var upstream = LivePortraitEmulator.Start(o => o.TimeProvider = clock);
        var cassette = Path.Combine(_folder.Path, "session.json");
        using var output = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var started = new TaskCompletionSource<LivePortraitEmulator>();
        var run = EmulatorHost.RunAsync(["--port", "0", "--record", cassette, "--upstream", upstream.Url.ToString()], TextWriter.Synchronized(output), stop.Token, started.SetResult, NoEnvironment);
        var host = await started.Task.WaitAsync(stop.Token);

        using var client = LivePortraitHttp.Client(host.Url);
        var id = await LivePortraitHttp.SubmitSampleAsync(client, upstream.Url, stop.Token);
        for (var i = 0; i < 60 && upstream.FindTask(id)!.Status != Tasks.EmulatedTaskStatus.Succeeded; i++)
        {
            await client.GetStringAsync("tasks/" + id, stop.Token);
            upstream.AdvanceClock(TimeSpan.FromSeconds(1));
        }

        await client.GetStringAsync("tasks/" + id, stop.Token);
        stop.Cancel();

        Assert.Equal(ExitCodes.Stopped, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        var text = output.ToString();
        Assert.Contains($"RECORDING: every API request goes to {upstream.Url}", text);
        Assert.Contains($"Wrote cassette {cassette}: 1 exchanges, 1 task timelines.", text);
        var recorded = CassetteFile.Load(cassette);
        Assert.Equal(id, Assert.Single(recorded.Tasks).TaskId);
        Assert.Equal(["PENDING", "RUNNING", "SUCCEEDED"], recorded.Tasks[0].Timeline.Select(e => e.Status));
        Assert.DoesNotContain(LivePortraitHttp.DemoKey, await File.ReadAllTextAsync(cassette));
    }

    [Fact]
    public async Task The_host_replays_a_cassette_on_its_fake_clock()
    {
        var cassette = await RecordAsync(withMissingHeader: false);
        using var output = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var started = new TaskCompletionSource<LivePortraitEmulator>();
        var run = EmulatorHost.RunAsync(["--port", "0", "--fake-clock", "--replay", cassette.Path], TextWriter.Synchronized(output), stop.Token, started.SetResult, NoEnvironment);
        var host = await started.Task.WaitAsync(stop.Token);

        using var client = LivePortraitHttp.Client(host.Url, "any-key");
        var id = await LivePortraitHttp.SubmitSampleAsync(client, cassette.Upstream, stop.Token);
        Assert.Equal("PENDING", await StatusAsync(client, id, stop.Token));
        using var admin = new HttpClient { BaseAddress = new Uri(host.Url, LivePortraitEmulator.AdminPathPrefix) };
        using var advance = new StringContent("""{"seconds":600}""", Encoding.UTF8, "application/json");
        (await admin.PostAsync("clock/advance", advance, stop.Token)).EnsureSuccessStatusCode();
        Assert.Equal("SUCCEEDED", await StatusAsync(client, id, stop.Token));

        stop.Cancel();
        Assert.Equal(ExitCodes.Stopped, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains($"REPLAYING {cassette.Path}: 1 exchanges, 1 task timelines", output.ToString());
        await cassette.Upstream.DisposeUpstreamAsync();
    }

    [Fact]
    public async Task A_bad_cassette_stops_the_host_before_it_listens_naming_the_file_and_line()
    {
        var path = _folder.File("broken.json", "{\n  \"format\": \"dashscope-cassette\",\n  \"version\": 1,\n  \"exchanges\": [\n");
        using var output = new StringWriter();
        var started = false;

        var code = await EmulatorHost.RunAsync(["--port", "0", "--replay", path], output, CancellationToken.None, _ => started = true, NoEnvironment);

        Assert.Equal(ExitCodes.BadSettings, code);
        Assert.False(started);
        Assert.Contains($"option --replay: Cassette '{path}', line 5: ends before its JSON does (truncated?)", output.ToString());
    }

    [Theory]
    [InlineData(new[] { "--record", "x.json" }, "Record needs Upstream")]
    [InlineData(new[] { "--upstream", "https://dashscope.aliyuncs.com/" }, "Upstream needs Record")]
    [InlineData(new[] { "--upstream", "http://example.com/", "--record", "x.json" }, "must be an absolute https URL, or http on a loopback address")]
    public async Task Recording_settings_that_do_not_fit_together_are_refused_with_exit_2(string[] args, string message)
    {
        using var output = new StringWriter();

        var code = await EmulatorHost.RunAsync(["--port", "0", .. args], output, CancellationToken.None, environment: NoEnvironment);

        Assert.Equal(ExitCodes.BadSettings, code);
        Assert.Contains(message, output.ToString());
    }

    [Fact]
    public async Task Drift_exits_0_without_drift_and_3_with_it_and_writes_both_reports()
    {
        var cassette = await RecordAsync(withMissingHeader: true);
        var report = Path.Combine(_folder.Path, "report");

        using var same = new StringWriter();
        var clean = await EmulatorHost.RunAsync(["drift", "--cassette", cassette.Path, "--report", report], same, CancellationToken.None, environment: NoEnvironment);
        Assert.True(clean == ExitCodes.Stopped, same.ToString());
        Assert.Contains("**no drift**", same.ToString());

        using var switched = new StringWriter();
        var drifted = await EmulatorHost.RunAsync(["drift", "--cassette", cassette.Path, "--report", report, "--missing-async-header", "InvalidParameter400"], switched, CancellationToken.None, environment: NoEnvironment);
        await cassette.Upstream.DisposeUpstreamAsync();

        Assert.Equal(ExitCodes.DriftFound, drifted);
        Assert.Contains("| POST VideoSynthesis | `status` | Status | 403 | 400 |", switched.ToString());
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report + ".json"));
        Assert.True(json.RootElement.GetProperty("hasDrift").GetBoolean());
        Assert.Contains("| POST VideoSynthesis | `$.code` | ErrorCode | AccessDenied | InvalidParameter |", await File.ReadAllTextAsync(report + ".md"));
    }

    [Fact]
    public async Task Drift_suggests_settings_that_a_second_run_takes_without_drift()
    {
        var cassette = await RecordAsync(withMissingHeader: true, MissingAsyncHeaderAnswer.InvalidParameter400);
        var suggested = Path.Combine(_folder.Path, "preset.json");
        var report = Path.Combine(_folder.Path, "report");

        using var first = new StringWriter();
        var code = await EmulatorHost.RunAsync(["drift", "--cassette", cassette.Path, "--report", report, "--suggest-settings", suggested], first, CancellationToken.None, environment: NoEnvironment);
        Assert.True(code == ExitCodes.Stopped, first.ToString());
        Assert.Contains("MissingAsyncHeader = InvalidParameter400: 2 -> 0 differences", first.ToString());
        using var preset = JsonDocument.Parse(await File.ReadAllTextAsync(suggested));
        Assert.Equal("InvalidParameter400", preset.RootElement.GetProperty("MissingAsyncHeader").GetString());

        using var second = new StringWriter();
        Assert.Equal(ExitCodes.Stopped, await EmulatorHost.RunAsync(["drift", "--cassette", cassette.Path, "--report", report, "--settings", suggested], second, CancellationToken.None, environment: NoEnvironment));
        using var without = new StringWriter();
        Assert.Equal(ExitCodes.DriftFound, await EmulatorHost.RunAsync(["drift", "--cassette", cassette.Path, "--report", report], without, CancellationToken.None, environment: NoEnvironment));
        await cassette.Upstream.DisposeUpstreamAsync();
    }

    [Fact]
    public async Task Drift_with_a_missing_cassette_names_it_and_exits_2()
    {
        using var output = new StringWriter();
        var missing = Path.Combine(_folder.Path, "nope.json");

        Assert.Equal(ExitCodes.BadSettings, await EmulatorHost.RunAsync(["drift", "--cassette", missing], output, CancellationToken.None, environment: NoEnvironment));
        Assert.Contains($"Cassette '{missing}': cannot be read", output.ToString());
    }

    private static async Task<string> StatusAsync(HttpClient client, string id, CancellationToken cancellationToken)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync("tasks/" + id, cancellationToken));
        return json.RootElement.GetProperty("output").GetProperty("task_status").GetString()!;
    }

    // Records a task (and, when asked, a submit without the async header) through a recording emulator in front of an
    // upstream on a fake clock; the upstream keeps serving the sample files the cassette's requests name.
    private async Task<RecordedSession> RecordAsync(bool withMissingHeader, MissingAsyncHeaderAnswer upstreamAnswer = MissingAsyncHeaderAnswer.AccessDenied403)
    {
        var clock = new FakeTimeProvider();
        var upstream = LivePortraitEmulator.Start(o =>
        {
            o.TimeProvider = clock;
            o.Fidelity = o.Fidelity with { MissingAsyncHeader = upstreamAnswer };
        });
        var path = Path.Combine(_folder.Path, Guid.NewGuid().ToString("N") + ".json");
        await using (var proxy = LivePortraitEmulator.Start(o => o.Recording = new RecordingOptions(upstream.Url) { Clock = clock, CassettePath = path }))
        {
            using var client = LivePortraitHttp.Client(proxy.Url);
            var id = await LivePortraitHttp.SubmitSampleAsync(client, upstream.Url);
            for (var i = 0; i < 30; i++)
            {
                await client.GetStringAsync("tasks/" + id);
                upstream.AdvanceClock(TimeSpan.FromSeconds(1));
            }

            if (withMissingHeader)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "services/aigc/image2video/video-synthesis/")
                {
                    Content = new StringContent($$$"""{"model":"liveportrait","input":{"image_url":"{{{upstream.Url}}}__emulator/files/portrait.png","audio_url":"{{{upstream.Url}}}__emulator/files/speech.wav"}}""", Encoding.UTF8, "application/json"),
                };
                (await client.SendAsync(request)).Dispose();
            }
        }

        return new RecordedSession(path, new UpstreamHandle(upstream));
    }

    private sealed record RecordedSession(string Path, UpstreamHandle Upstream);

    /// <summary>The upstream emulator, kept running while the cassette's sample links are needed.</summary>
    private sealed class UpstreamHandle(LivePortraitEmulator emulator)
    {
        public Uri Url => emulator.Url;

        public ValueTask DisposeUpstreamAsync() => emulator.DisposeAsync();

        public static implicit operator Uri(UpstreamHandle handle) => handle.Url;
    }
}
