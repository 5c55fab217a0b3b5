using System.Net.Http.Headers;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using DashScope.Emulator.Media;
using DashScope.Emulator.Tasks;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace DashScope.Emulator.Benchmarks;

/// <summary>
/// Submit and poll throughput of the emulator against a plain WireMock.Net server that answers a static
/// stub of the same size, in the same run. Each operation is a burst of <see cref="Burst"/> requests from
/// <see cref="Concurrency"/> concurrent clients over loopback; BenchmarkDotNet divides by the burst.
/// </summary>
[Config(typeof(ShortRunConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class EmulatorVersusStubBenchmarks
{
    public const int Burst = 256;
    public const int Concurrency = 8;
    // About 10,000 requests of each kind to each server before BenchmarkDotNet's own warm-up: enough for tiered
    // JIT to finish with the validation code (see PairedComparison), which BenchmarkDotNet's warm-up is not.
    private const int WarmUpRounds = 40;

    private LivePortraitEmulator _emulator = null!;
    private WireMockServer _stub = null!;
    private HttpClient _emulatorClient = null!;
    private HttpClient _stubClient = null!;
    private byte[] _submitBody = null!;
    private string _succeededTaskId = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _emulator = LivePortraitEmulator.Start(o =>
        {
            o.DisableRateLimits = true;
            o.JournalCapacity = 1_000;
        });
        _emulatorClient = Client(_emulator.BaseUrl);
        _submitBody = Encoding.UTF8.GetBytes(
            $$$"""{"model":"liveportrait","input":{"image_url":"{{{_emulator.SampleUrl(SampleMediaFile.Portrait)}}}","audio_url":"{{{_emulator.SampleUrl(SampleMediaFile.SpeechWav)}}}"},"parameters":{"template_id":"normal","video_fps":24}}""");

        // Real answers of the emulator become the stub's static bodies, so both send the same bytes.
        var submitted = await SubmitAsync(_emulatorClient);
        _succeededTaskId = System.Text.Json.JsonDocument.Parse(submitted).RootElement.GetProperty("output").GetProperty("task_id").GetString()!;
        _emulator.ForceStatus(_succeededTaskId, EmulatedTaskStatus.Succeeded);
        var polled = await _emulatorClient.GetStringAsync("tasks/" + _succeededTaskId);

        _stub = WireMockServer.Start(StubSettings());
        _stub.Given(Request.Create().WithPath("/api/v1/services/aigc/image2video/video-synthesis/").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(submitted));
        _stub.Given(Request.Create().WithPath("/api/v1/tasks/" + _succeededTaskId).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(polled));
        _stubClient = Client(new Uri(_stub.Urls[0] + "/api/v1"));

        // Both servers, both request kinds, before anything is measured: whichever case BenchmarkDotNet runs
        // first would otherwise also pay for JIT tiering of the shared HTTP stack (client, Kestrel, WireMock).
        for (var round = 0; round < WarmUpRounds; round++)
        {
            await BurstAsync(null, () => SubmitAsync(_stubClient)).ConfigureAwait(false);
            await BurstAsync(null, () => SubmitAsync(_emulatorClient)).ConfigureAwait(false);
            await BurstAsync(null, () => _stubClient.GetStringAsync("tasks/" + _succeededTaskId)).ConfigureAwait(false);
            await BurstAsync(null, () => _emulatorClient.GetStringAsync("tasks/" + _succeededTaskId)).ConfigureAwait(false);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _emulatorClient.Dispose();
        _stubClient.Dispose();
        _emulator.Dispose();
        _stub.Stop();
        _stub.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Burst)]
    [BenchmarkCategory("Submit")]
    public Task SubmitStaticStub() => BurstAsync("Submit/StaticStub", () => SubmitAsync(_stubClient));

    [Benchmark(OperationsPerInvoke = Burst)]
    [BenchmarkCategory("Submit")]
    public Task SubmitEmulator() => BurstAsync("Submit/Emulator", () => SubmitAsync(_emulatorClient));

    [Benchmark(Baseline = true, OperationsPerInvoke = Burst)]
    [BenchmarkCategory("Poll")]
    public Task PollStaticStub() => BurstAsync("Poll/StaticStub", () => _stubClient.GetStringAsync("tasks/" + _succeededTaskId));

    [Benchmark(OperationsPerInvoke = Burst)]
    [BenchmarkCategory("Poll")]
    public Task PollEmulator() => BurstAsync("Poll/Emulator", () => _emulatorClient.GetStringAsync("tasks/" + _succeededTaskId));

    internal static WireMockServerSettings StubSettings() => new()
    {
        // The same server settings the emulator uses, so the difference measured is the emulator's work.
        Urls = ["http://127.0.0.1:0"],
        StartAdminInterface = false,
        Logger = new WireMockNullLogger(),
        MaxRequestLogCount = 0,
        DisableJsonBodyParsing = true,
        DisableRequestBodyDecompressing = true,
    };

    /// <summary>Submits (the same body to both servers): what the paired comparison in Program.cs times.</summary>
    internal Task SubmitTo(bool emulator) => SubmitAsync(emulator ? _emulatorClient : _stubClient);

    /// <summary>Polls the same SUCCEEDED task on both servers.</summary>
    internal Task PollOn(bool emulator) => (emulator ? _emulatorClient : _stubClient).GetStringAsync("tasks/" + _succeededTaskId);

    /// <summary><see cref="Burst"/> requests from <see cref="Concurrency"/> workers; a null name records no latencies.</summary>
    internal static async Task BurstAsync(string? name, Func<Task> request)
    {
        var perWorker = Burst / Concurrency;
        var workers = new Task[Concurrency];
        for (var w = 0; w < Concurrency; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                for (var i = 0; i < perWorker; i++)
                {
                    if (name is null)
                    {
                        await request().ConfigureAwait(false);
                    }
                    else
                    {
                        await LatencyRecorder.TimeAsync(name, request).ConfigureAwait(false);
                    }
                }
            });
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    private async Task<string> SubmitAsync(HttpClient client)
    {
        using var content = new ByteArrayContent(_submitBody);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "services/aigc/image2video/video-synthesis/") { Content = content };
        request.Headers.Add("X-DashScope-Async", "enable");
        using var response = await client.SendAsync(request).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        return response.IsSuccessStatusCode ? text : throw new InvalidOperationException($"{(int)response.StatusCode} {text}");
    }

    private static HttpClient Client(Uri baseUrl)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = Concurrency * 2 })
        {
            BaseAddress = new Uri(baseUrl.ToString().TrimEnd('/') + "/"),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EmulatorOptions.DefaultDemoApiKey);
        return client;
    }
}

/// <summary>In-process start-up (to the first answer) and stop of the emulator next to a plain WireMock.Net server.</summary>
[Config(typeof(ShortRunConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class StartupBenchmarks
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero });

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Startup")]
    public async Task StartStaticStub()
    {
        using var stub = WireMockServer.Start(EmulatorVersusStubBenchmarks.StubSettings());
        stub.Given(Request.Create().WithPath("/ping").UsingGet()).RespondWith(Response.Create().WithBody("{}"));
        (await _client.GetAsync(stub.Urls[0] + "/ping")).EnsureSuccessStatusCode();
        stub.Stop();
    }

    [Benchmark]
    [BenchmarkCategory("Startup")]
    public async Task StartEmulator()
    {
        using var emulator = LivePortraitEmulator.Start();
        (await _client.GetAsync(new Uri(emulator.Url, "/__emulator/info"))).EnsureSuccessStatusCode();
    }

    [GlobalCleanup]
    public void Cleanup() => _client.Dispose();
}
