using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DashScope.Emulator.Faults;
using DashScope.Emulator.Http;
using DashScope.Emulator.Media;
using DashScope.Emulator.Schema;
using DashScope.Emulator.Tasks;
using DashScope.Emulator.Tests.Support;
using DashScope.Emulator.Xunit;
using DashScope.Toolkit.Description;
using Newtonsoft.Json.Linq;
using NJsonSchema.Validation;

namespace DashScope.Emulator.Tests;

/// <summary>
/// The work saved on the request path (API requests answered ahead of WireMock and routed by the schema, a shared NJsonSchema
/// validator, hashes computed once per served file and per key, reused answer buffers, a lock-free
/// "no faults" check) changes no answer.
/// </summary>
public sealed class HotPathTests : IClassFixture<HotPathTests.NoLimitsFixture>, IDisposable
{
    private readonly NoLimitsFixture _fixture;
    private readonly LivePortraitEmulator _emulator;
    private readonly HttpClient _client;

    public HotPathTests(NoLimitsFixture fixture)
    {
        _fixture = fixture;
        _emulator = fixture.Emulator.Reset();
        _client = Api.Client(_emulator);
    }

    public void Dispose() => _client.Dispose();

    public static TheoryData<string> Bodies() => new()
    {
        """{"model":"liveportrait","input":{"image_url":"http://127.0.0.1/a.png","audio_url":"http://127.0.0.1/a.wav"},"parameters":{"template_id":"normal","video_fps":24}}""",
        """{"model":"liveportrait"}""",
        """{"input":{"image_url":"ftp://x/a.png","audio_url":"http://127.0.0.1/a.wav"}}""",
        """{"model":"wanx","input":{"image_url":"http://127.0.0.1/a.png"},"parameters":{"video_fps":"24","eye_move_freq":3,"template_id":"wild"}}""",
        """{"model":"liveportrait","input":[],"parameters":{"paste_back":"yes","mouth_move_strength":-1}}""",
        """{"model":"liveportrait","input":{"image_url":"http://127.0.0.1/a b.png","audio_url":7},"parameters":{"head_move_strength":1.0000001,"video_fps":14}}""",
        """{"model":42,"input":"x","extra":{"nested":[1,2,{"deep":null}]}}""",
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void OneSharedValidatorFindsExactlyWhatAFreshOneFinds(string body)
    {
        var schema = LivePortraitSchema.LoadEmbedded();
        var request = schema.Operations[EmulatorEndpoint.VideoSynthesis].RequestSchema!;
        var shared = new JsonSchemaValidator();
        var expected = Describe(request.Validate(JToken.Parse(body)));

        // The same instance, from many threads at once, gives the same errors in the same order every time.
        var results = new string[64];
        Parallel.For(0, results.Length, i => results[i] = Describe(shared.Validate(JToken.Parse(body), request)));
        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public async Task RoutingKeepsItsPrecedenceWithOneMapping()
    {
        var invalidUrl = _emulator.Schema.Error(ProtocolError.InvalidUrl);

        var wrongMethod = await Api.SendAsync(_client, HttpMethod.Delete, "tasks/" + Guid.NewGuid());
        Assert.Equal((405, invalidUrl.Code, invalidUrl.Message), (wrongMethod.Status, wrongMethod.Code, wrongMethod.Message));

        var unknownPath = await Api.SendAsync(_client, HttpMethod.Get, "services/aigc/image2video/nothing");
        Assert.Equal((404, invalidUrl.Code), (unknownPath.Status, unknownPath.Code));

        using var admin = new HttpClient { BaseAddress = new Uri(_emulator.Url, LivePortraitEmulator.AdminPathPrefix) };
        Assert.Equal(200, (int)(await admin.GetAsync("info")).StatusCode);

        var withSlash = await Api.SubmitAsync(_client, Api.SampleSynthesisBody(_emulator));
        var withoutSlash = await Api.SubmitAsync(_client, Api.SampleSynthesisBody(_emulator), path: Api.SynthesisPath.TrimEnd('/'));
        Assert.Equal((200, 200), (withSlash.Status, withoutSlash.Status));

        var journal = _emulator.Journal;
        Assert.Contains(journal, e => e.StatusCode == 405 && e.Endpoint is null && e.Method == "DELETE");
        Assert.Equal(2, journal.Count(e => e.Endpoint == EmulatorEndpoint.VideoSynthesis && e.StatusCode == 200));
    }

    [Fact]
    public async Task ATaskIdSpelledTasksIsUnknownNotAnError()
    {
        // The id is the router's path parameter; it used to be found by searching the path for "tasks".
        var query = await Api.QueryAsync(_client, "tasks");
        Assert.Equal(200, query.Status);
        Assert.Equal(("tasks", "UNKNOWN"), (query.TaskId, query.TaskStatus));

        var cancel = await Api.CancelAsync(_client, "tasks");
        Assert.Equal((400, "UnsupportedOperation"), (cancel.Status, cancel.Code));
    }

    [Fact]
    public async Task ServingANameAgainWithOtherBytesChangesTheFaceVerdict()
    {
        var portrait = Sample("portrait.png");
        var landscape = Sample("no-face.png");

        var url = _emulator.ServeFile("swapped.png", portrait, "image/png");
        Assert.True((await Api.DetectAsync(_client, url)).Output.GetProperty("pass").GetBoolean());

        _emulator.ServeFile("swapped.png", landscape, "image/png");
        Assert.False((await Api.DetectAsync(_client, url)).Output.GetProperty("pass").GetBoolean());

        _emulator.ServeFile("swapped.png", portrait, "image/png");
        Assert.True((await Api.DetectAsync(_client, url)).Output.GetProperty("pass").GetBoolean());

        // Marking bytes faceless after they were served (and hashed) still applies to the next check.
        var other = _emulator.ServeFile("other.png", [.. portrait], "image/png");
        Assert.True((await Api.DetectAsync(_client, other)).Output.GetProperty("pass").GetBoolean());
        _emulator.MarkNoFace(portrait);
        Assert.False((await Api.DetectAsync(_client, other)).Output.GetProperty("pass").GetBoolean());
        Assert.False((await Api.DetectAsync(_client, url)).Output.GetProperty("pass").GetBoolean());
    }

    [Fact]
    public async Task KeyIdsAreTheKeysHashWhetherRegisteredBeforeOrAfterStart()
    {
        _emulator.AddAccount("hot-path", "sk-hot-1", "sk-hot-2");
        foreach (var key in new[] { "sk-hot-1", "sk-hot-2" })
        {
            using var client = Api.Client(_emulator, key);
            await Api.SubmitSampleAsync(client, _emulator);
        }

        using var lister = Api.Client(_emulator, "sk-hot-1");
        var list = await Api.ListAsync(lister);
        var ids = list.Json.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("api_key_id").GetString()).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { KeyId("sk-hot-1"), KeyId("sk-hot-2") }.Order(StringComparer.Ordinal), ids);

        await Api.SubmitSampleAsync(_client, _emulator);
        var demo = await Api.ListAsync(_client);
        Assert.Equal(KeyId(_emulator.DemoApiKey), demo.Json.GetProperty("data")[0].GetProperty("api_key_id").GetString());
    }

    [Fact]
    public void AnswersWrittenOneAfterAnotherOnOneThreadShareNoBytes()
    {
        var json = new DashScopeJson(_emulator.Schema);
        var invalidKey = _emulator.Schema.Error(ProtocolError.InvalidApiKey);
        var error = json.Error(invalidKey, "req-1");
        var submission = json.Submission("task-1", EmulatedTaskStatus.Pending, "req-2");
        Assert.Equal(JsonSerializer.Serialize(new { code = invalidKey.Code, message = invalidKey.Message, request_id = "req-1" }), Encoding.UTF8.GetString(error));
        Assert.Equal("""{"output":{"task_id":"task-1","task_status":"PENDING"},"request_id":"req-2"}""", Encoding.UTF8.GetString(submission));

        // A list larger than the retained buffer, then a small answer: both whole and well-formed.
        var now = DateTimeOffset.UnixEpoch;
        var task = new EmulatedTask("t", "a", "k", "liveportrait", "r", EmulatedTaskStatus.Pending, now, null, null, null, null, 1, TimeSpan.Zero, null, null, false, null, null);
        var page = Enumerable.Repeat(task, 1_000).ToList();
        var big = json.TaskList(page, page.Count, 1, page.Count, "req-3");
        Assert.True(big.Length > 64 * 1024);
        Assert.Equal(1_000, JsonDocument.Parse(big).RootElement.GetProperty("data").GetArrayLength());
        Assert.Equal("""{"request_id":"req-4"}""", Encoding.UTF8.GetString(json.CancelAccepted("req-4")));
        Assert.Equal("""{"output":{"task_id":"task-1","task_status":"PENDING"},"request_id":"req-2"}""", Encoding.UTF8.GetString(submission));
    }

    [Fact]
    public void FaultScriptKnowsWhenItIsEmpty()
    {
        var script = new FaultScript();
        Assert.False(script.HasRules);
        Assert.Null(script.TryTake(EmulatorEndpoint.QueryTask, _ => true));

        script.Add(new FaultRule("a", EmulatorEndpoint.QueryTask, FaultKind.Respond, 2, 503));
        script.Add(new FaultRule("b", EmulatorEndpoint.CancelTask, FaultKind.DropConnection, 1));
        Assert.True(script.HasRules);
        Assert.NotNull(script.TryTake(EmulatorEndpoint.QueryTask, _ => true));
        Assert.NotNull(script.TryTake(EmulatorEndpoint.QueryTask, _ => true));
        Assert.True(script.HasRules);
        Assert.Null(script.TryTake(EmulatorEndpoint.QueryTask, _ => true));
        Assert.True(script.Remove("b"));
        Assert.False(script.HasRules);

        script.Add(new FaultRule("c", EmulatorEndpoint.ListTasks, FaultKind.Delay, 1, Delay: TimeSpan.FromSeconds(1)));
        script.Clear();
        Assert.False(script.HasRules);
    }

    [Fact]
    public async Task ADropConnectionFaultAddedAfterTrafficStillDropsTheNextRequestOnly()
    {
        var id = await Api.SubmitSampleAsync(_client, _emulator);
        Assert.Equal(200, (await Api.QueryAsync(_client, id)).Status);

        _emulator.OnEndpoint(EmulatorEndpoint.QueryTask).Next().DropConnection();
        await Assert.ThrowsAsync<HttpRequestException>(() => Api.QueryAsync(_client, id));
        Assert.Equal(200, (await Api.QueryAsync(_client, id)).Status);
    }

    [Fact]
    public void IdsAreDistinctVersion4Uuids()
    {
        var ids = Enumerable.Range(0, 20_000).AsParallel().Select(_ => Uuid.NewText()).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id =>
        {
            Assert.True(Guid.TryParseExact(id, "D", out _), id);
            Assert.Equal('4', id[14]);
            Assert.Contains(id[19], "89ab");
        });
    }

    [Fact]
    public async Task TheWakeUpTimerIsReArmedAfterEveryTransitionWhilePollsKeepPumping()
    {
        var seen = new List<TaskTransition>();
        void Record(object? sender, TaskTransition t)
        {
            lock (seen)
            {
                seen.Add(t);
            }
        }

        _emulator.TaskTransitioned += Record;
        try
        {
            var first = await Api.SubmitSampleAsync(_client, _emulator);
            var second = await Api.SubmitSampleAsync(_client, _emulator);
            for (var i = 0; i < 5; i++)
            {
                // Polls pump the board with an unchanged next instant: the timer is left as it is.
                Assert.Equal("PENDING", (await Api.QueryAsync(_client, first)).TaskStatus);
            }

            // From here on no request: only the timer moves the tasks, one step at a time.
            for (var step = 0; step < 120; step++)
            {
                _fixture.Clock.Advance(TimeSpan.FromSeconds(1));
            }

            lock (seen)
            {
                foreach (var id in new[] { first, second })
                {
                    Assert.Equal(
                        [EmulatedTaskStatus.Pending, EmulatedTaskStatus.Running, EmulatedTaskStatus.Succeeded],
                        seen.Where(t => t.TaskId == id).Select(t => t.To));
                }
            }
        }
        finally
        {
            _emulator.TaskTransitioned -= Record;
        }
    }

    [Fact]
    public async Task OnTheRealClockTasksFinishWithoutAnyFurtherRequest()
    {
        await using var emulator = LivePortraitEmulator.Start(o =>
        {
            o.QueueDelay = TimeSpan.FromMilliseconds(50);
            o.RunningBaseDuration = TimeSpan.FromMilliseconds(50);
            o.RunningSecondsPerAudioSecond = 0;
        });
        var done = new TaskCompletionSource<TaskTransition>(TaskCreationOptions.RunContinuationsAsynchronously);
        var succeeded = 0;
        emulator.TaskTransitioned += (_, t) =>
        {
            if (t.To == EmulatedTaskStatus.Succeeded && Interlocked.Increment(ref succeeded) == 3)
            {
                done.TrySetResult(t);
            }
        };

        using var client = Api.Client(emulator);
        for (var i = 0; i < 3; i++)
        {
            await Api.SubmitSampleAsync(client, emulator);
        }

        var finished = await Task.WhenAny(done.Task, Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.Same(done.Task, finished);
    }

    [Fact]
    public async Task ResultUrlsAreTheSameTextAsBefore()
    {
        var id = await Api.SubmitSampleAsync(_client, _emulator);
        _fixture.Advance(TimeSpan.FromMinutes(2));
        var url = (await Api.QueryAsync(_client, id)).Output.GetProperty("results").GetProperty("video_url").GetString()!;

        var task = _emulator.FindTask(id)!;
        var expires = (task.EndTime!.Value + _emulator.Schema.ResultUrlValidity).ToUnixTimeSeconds();
        var key = (byte[])typeof(LivePortraitEmulator).GetField("_signingKey", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(_emulator)!;
        var signature = Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}:{expires}")))[..32].ToLowerInvariant();
        Assert.Equal(new Uri(_emulator.Url, $"{LivePortraitEmulator.AdminPathPrefix}results/{id}.mp4?Expires={expires}&Signature={signature}").ToString(), url);
        Assert.Equal(200, (int)(await _client.GetAsync(url)).StatusCode);

        // The same signature, from other threads (one HMAC per thread), and a tampered one is still refused.
        var urls = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            (await Api.QueryAsync(_client, id)).Output.GetProperty("results").GetProperty("video_url").GetString())));
        Assert.All(urls, u => Assert.Equal(url, u));
        Assert.Equal(403, (int)(await _client.GetAsync(url[..^1] + (url[^1] == '0' ? '1' : '0'))).StatusCode);
    }

    [Fact]
    public void TaskTimesAndStatusNamesAreWrittenAsTheGeneralFormattersWriteThem()
    {
        var json = new DashScopeJson(_emulator.Schema);
        foreach (var instant in new[]
        {
            new DateTimeOffset(2025, 12, 26, 3, 33, 3, 146, TimeSpan.Zero),
            new DateTimeOffset(2025, 12, 31, 23, 59, 59, 999, TimeSpan.Zero),
            new DateTimeOffset(999, 1, 2, 3, 4, 5, 7, TimeSpan.Zero),
            new DateTimeOffset(2024, 2, 29, 16, 0, 0, 0, TimeSpan.FromHours(-5)),
            new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(9_999),
        })
        {
            var task = new EmulatedTask("t", "a", "k", "liveportrait", "r", EmulatedTaskStatus.Failed, instant, instant.AddSeconds(1.5), instant.AddMinutes(1).AddTicks(1), "c", "m", 1, TimeSpan.Zero, null, null, false, null, null);
            var output = JsonDocument.Parse(json.Task("t", task, null, "r")).RootElement.GetProperty("output");
            Assert.Equal(json.TaskTime(task.SubmitTime), output.GetProperty("submit_time").GetString());
            Assert.Equal(json.TaskTime(task.ScheduledTime!.Value), output.GetProperty("scheduled_time").GetString());
            Assert.Equal(json.TaskTime(task.EndTime!.Value), output.GetProperty("end_time").GetString());
        }

        foreach (var status in Enum.GetValues<EmulatedTaskStatus>().Append((EmulatedTaskStatus)42))
        {
            Assert.Equal(status.ToString().ToUpperInvariant(), status.ToWireName());
        }
    }

    private static byte[] Sample(string name)
    {
        using var stream = typeof(LivePortraitEmulator).Assembly.GetManifestResourceStream("DashScope.Emulator.SampleMedia." + name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string KeyId(string key) => "key-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..12].ToLowerInvariant();

    private static string Describe(ICollection<ValidationError> errors) => string.Join("\n", errors.Select(e => e.ToString()));

    public sealed class NoLimitsFixture : LivePortraitEmulatorFixture
    {
        protected override void Configure(EmulatorOptions options) => options.DisableRateLimits = true;
    }
}
