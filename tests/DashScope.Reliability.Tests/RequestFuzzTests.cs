using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using CsCheck;
using DashScope.Emulator;
using DashScope.Emulator.Media;
using DashScope.Emulator.Xunit;
using DashScope.LivePortrait;
using DashScope.Reliability.Tests.Support;
using DashScope.Toolkit;
using Xunit.Abstractions;

namespace DashScope.Reliability.Tests;

/// <summary>
/// A CsCheck property over at least 5,000 generated and mutated requests. Every answer is
/// DashScope's error envelope or a success that conforms to its endpoint's definition; none is a 5xx (no
/// fault is scripted), none hangs; afterwards the emulator still runs a task end to end.
/// Seed and count: <c>RELIABILITY_FUZZ_SEED</c> (a 12-character CsCheck seed) and <c>RELIABILITY_FUZZ_COUNT</c>.
/// </summary>
public sealed class RequestFuzzTests(RequestFuzzTests.FuzzFixture fixture, ITestOutputHelper output) : IClassFixture<RequestFuzzTests.FuzzFixture>
{
    public const string DefaultSeed = "0dashscope05";
    public const int DefaultCount = 5_000;
    public const long BodyLimit = 64 * 1024;
    private const int Concurrency = 8;
    private static readonly TimeSpan PerRequestTimeout = TimeSpan.FromSeconds(20);

    private static readonly Dictionary<EmulatorEndpoint, string> SuccessDefinitions = new()
    {
        [EmulatorEndpoint.VideoSynthesis] = "TaskSubmission",
        [EmulatorEndpoint.DetectFace] = "FaceDetectResponse",
        [EmulatorEndpoint.QueryTask] = "VideoSynthesisTask",
        [EmulatorEndpoint.CancelTask] = "CancelTaskResponse",
        [EmulatorEndpoint.ListTasks] = "TaskListResponse",
    };

    [Fact]
    public async Task Every_answer_to_random_and_mutated_requests_is_an_envelope_or_a_valid_success()
    {
        var emulator = fixture.Emulator;
        var seed = Environment.GetEnvironmentVariable("RELIABILITY_FUZZ_SEED") is { Length: > 0 } s ? s : DefaultSeed;
        var count = int.TryParse(Environment.GetEnvironmentVariable("RELIABILITY_FUZZ_COUNT"), out var c) && c > 0 ? c : DefaultCount;
        var root = emulator.Url.ToString().TrimEnd('/');
        var gen = new FuzzRequestGen(FuzzFixture.ApiKey, BodyLimit, root).Requests;
        var results = new ConcurrentBag<(FuzzRequest Request, int Status, string Text, string? Transport)>();
        var knownTasks = new ConcurrentQueue<string>();
        var watch = Stopwatch.StartNew();

        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, MaxConnectionsPerServer = Concurrency })
        {
            Timeout = PerRequestTimeout,
        };

        // One CsCheck sample: the seed fixes the whole batch, so a run is repeatable from its seed alone.
        await Check.SampleAsync(
            gen.Array[count],
            async batch =>
            {
                using var gate = new SemaphoreSlim(Concurrency);
                await Task.WhenAll(batch.Select(async request =>
                {
                    await gate.WaitAsync();
                    try
                    {
                        results.Add(await SendAsync(http, root, request, knownTasks));
                    }
                    finally
                    {
                        gate.Release();
                    }
                }));
            },
            seed: seed,
            iter: 1,
            threads: 1,
            print: batch => $"{batch.Length} requests");
        watch.Stop();

        // Which endpoint answered each request, by the request id the answer carried.
        var endpointOf = emulator.Journal.Where(e => e.RequestId is not null).GroupBy(e => e.RequestId!).ToDictionary(g => g.Key, g => g.First().Endpoint);
        var failures = new List<string>();
        var byStatus = new SortedDictionary<int, int>();
        foreach (var (request, status, text, transport) in results)
        {
            byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
            if (Verdict(request, status, text, transport, endpointOf) is { } problem)
            {
                failures.Add($"{problem}\n    request: {request}\n    answer: {status} {Shorten(text)}");
            }
        }

        output.WriteLine($"seed {seed}: {results.Count} requests in {watch.Elapsed.TotalSeconds:F1} s ({results.Count / watch.Elapsed.TotalSeconds:F0}/s, {Concurrency} at a time); statuses {string.Join(", ", byStatus.Select(p => $"{p.Key}: {p.Value}"))}; {emulator.GetTasks().Count} tasks created");
        Assert.Equal(count, results.Count);
        Assert.True(failures.Count == 0, $"seed {seed}: {failures.Count} bad answers; first ones:\n" + string.Join("\n", failures.Take(8)) + $"\nlast unexpected error: {emulator.LastUnexpectedError}");
        Assert.Null(emulator.LastUnexpectedError);
        Assert.DoesNotContain(emulator.Journal, e => e.StatusCode >= 500);

        // Several kinds of answer were actually reached, not just one wall of 400s.
        Assert.True(byStatus.GetValueOrDefault(200) > count / 10, "too few successes: the generator is not exercising the endpoints");
        Assert.True(byStatus.Keys.Count(k => k >= 400) >= 4, "too few kinds of error answer");

        // Every task the fuzz created still runs its course: three hours of fake time end them all.
        emulator.AdvanceClock(TimeSpan.FromHours(3));
        var stuck = emulator.GetTasks("fuzz").Where(t => !t.IsTerminal).ToList();
        Assert.True(stuck.Count == 0, $"{stuck.Count} fuzz tasks never ended, e.g. {stuck.FirstOrDefault()}");

        // Afterwards the emulator still serves a normal task end to end through the generated client.
        using var driver = new ClockDriver(emulator, fixture.Clock);
        var client = driver.Client(FuzzFixture.ApiKey, new TaskWaitOptions { InitialPollInterval = TimeSpan.FromSeconds(1), MaxPollInterval = TimeSpan.FromSeconds(5), JitterRatio = 0 });
        var done = await driver.Drive(
            client.GenerateAsync(new VideoSynthesisRequest
            {
                Input = new VideoSynthesisInput { ImageUrl = emulator.SampleUrl(SampleMediaFile.Portrait).ToString(), AudioUrl = emulator.SampleUrl(SampleMediaFile.SpeechMp3).ToString() },
            }),
            TimeSpan.FromMilliseconds(500),
            TimeSpan.FromHours(2));
        Assert.Equal("SUCCEEDED", done.Output.TaskStatus.Value);
        using var video = await http.GetAsync(done.Output.Results!.VideoUrl);
        Assert.Equal(HttpStatusCode.OK, video.StatusCode);
    }

    private static string? Verdict(FuzzRequest request, int status, string text, string? transport, Dictionary<string, EmulatorEndpoint?> endpointOf)
    {
        if (transport is not null)
        {
            return "no answer: " + transport;
        }

        if (status == 400 && text.Length == 0 && request.PathAndQuery.Contains("%00", StringComparison.Ordinal))
        {
            // Kestrel refuses an encoded NUL in the request target itself, before any emulator code runs:
            // an empty 400 the emulator cannot turn into an envelope (see docs/reliability.md).
            return null;
        }

        if (request.ExpectedStatus is { } expected && status != expected)
        {
            return $"expected {expected} at the body-size boundary";
        }

        if (status >= 500)
        {
            return "a 5xx without a scripted fault";
        }

        if (status is < 200 or (>= 300 and < 400))
        {
            return "neither a success nor an error";
        }

        if (request.Method == "HEAD")
        {
            return text.Length == 0 ? null : "a body on a HEAD answer";
        }

        JsonElement json;
        try
        {
            json = JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException)
        {
            return "the answer is not JSON";
        }

        var requestId = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("request_id", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        if (string.IsNullOrEmpty(requestId))
        {
            return "no request_id";
        }

        if (status != 200)
        {
            var errors = WireSchema.Errors("ErrorResponse", text);
            return errors.Count == 0 ? null : "not an ErrorResponse: " + string.Join("; ", errors);
        }

        if (!endpointOf.TryGetValue(requestId, out var endpoint) || endpoint is null)
        {
            return "a 200 from no DashScope endpoint in the journal";
        }

        var definition = SuccessDefinitions[endpoint.Value];
        var problems = WireSchema.Errors(definition, text);
        return problems.Count == 0 ? null : $"not a valid {definition}: " + string.Join("; ", problems);
    }

    private static async Task<(FuzzRequest, int, string, string?)> SendAsync(HttpClient http, string root, FuzzRequest request, ConcurrentQueue<string> knownTasks)
    {
        var task = knownTasks.TryPeek(out var known) ? known : Guid.NewGuid().ToString();
        var path = request.PathAndQuery.Replace(FuzzRequestGen.TaskPlaceholder, task, StringComparison.Ordinal);
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), root + path);
        if (request.Authorization is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", request.Authorization);
        }

        if (request.Async is not null)
        {
            message.Headers.TryAddWithoutValidation("X-DashScope-Async", request.Async);
        }

        if (request.Body is not null)
        {
            var body = request.Body;
            var text = Encoding.UTF8.GetString(body);
            if (text.Contains(FuzzRequestGen.BasePlaceholder, StringComparison.Ordinal))
            {
                body = Encoding.UTF8.GetBytes(text.Replace(FuzzRequestGen.BasePlaceholder, root, StringComparison.Ordinal));
            }

            message.Content = new ByteArrayContent(body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }

            message.Headers.TransferEncodingChunked = request.Chunked;
        }

        try
        {
            using var response = await http.SendAsync(message);
            var answer = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK && request.Target == FuzzTarget.Submit && answer.Contains("\"task_id\"", StringComparison.Ordinal))
            {
                var id = JsonDocument.Parse(answer).RootElement.GetProperty("output").GetProperty("task_id").GetString()!;
                knownTasks.Enqueue(id);
                while (knownTasks.Count > 20 && knownTasks.TryDequeue(out _))
                {
                }
            }

            return (request, (int)response.StatusCode, answer, null);
        }
        catch (TaskCanceledException)
        {
            return (request, 0, "", $"no answer within {PerRequestTimeout} (a hang)");
        }
        catch (HttpRequestException e)
        {
            return (request, 0, "", "transport failure: " + e.Message);
        }
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    /// <summary>An emulator on a fake clock with rate limits off (so requests reach validation) and a 64 KiB body limit.</summary>
    public sealed class FuzzFixture : LivePortraitEmulatorFixture
    {
        public const string ApiKey = "sk-fuzz-account-key";

        protected override void Configure(EmulatorOptions options)
        {
            options.DisableRateLimits = true;
            options.MaxRequestBodyBytes = BodyLimit;
            options.JournalCapacity = 50_000;
            options.MediaDownloadTimeout = TimeSpan.FromSeconds(5);
        }

        protected override void OnStarted(LivePortraitEmulator emulator) => emulator.AddAccount("fuzz", ApiKey);
    }
}
