using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DashScope.Contract.Tests.Schema;
using DashScope.Emulator;
using DashScope.Emulator.Media;
using Microsoft.Extensions.Time.Testing;
using Xunit.Sdk;

namespace DashScope.Contract.Tests;

/// <summary>
/// The validator the contract suite relies on: it accepts the reference's documented answers, and it
/// catches drift, naming the field and the kind of rule, whether the drift is in a body, in the
/// route-to-definition mapping or between a changed schema and the running emulator.
/// </summary>
public sealed class ValidatorTests
{
    private static readonly ContractSchema Schema = ContractSchema.Repository;
    private static readonly string Examples = Path.Combine(AppContext.BaseDirectory, "schema", "examples");

    public static TheoryData<string> ResponseExamples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Examples, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (Schema.ResponseDefinitions.Contains(name.Split('.')[0]))
            {
                data.Add(name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ResponseExamples))]
    public void Every_documented_answer_is_valid_and_declares_no_unknown_field(string example)
    {
        var violations = Schema.Validate(example.Split('.')[0], File.ReadAllText(Path.Combine(Examples, example)), rejectUndeclared: true);

        Assert.Empty(violations);
    }

    [Fact]
    public void Every_response_definition_has_a_documented_example()
    {
        var covered = Directory.GetFiles(Examples, "*.json").Select(f => Path.GetFileName(f).Split('.')[0]).Where(Schema.ResponseDefinitions.Contains).ToHashSet();

        Assert.Equal(Schema.ResponseDefinitions.Order(), covered.Order());
    }

    public static TheoryData<string, string, string, string, string> Tampered => new()
    {
        // definition, example, JSON path to change, new value (JSON; "-" removes it), expected "path: Kind"
        { "VideoSynthesisTask", "succeeded", "usage", "-", "usage: PropertyRequired" },
        { "VideoSynthesisTask", "succeeded", "usage.video_duration", "\"2.79\"", "usage.video_duration: NumberExpected" },
        { "VideoSynthesisTask", "succeeded", "output.task_status", "\"DONE\"", "output.task_status: NotInEnumeration" },
        { "VideoSynthesisTask", "succeeded", "output.results", "[{\"video_url\":\"http://x/y.mp4\"}]", "output.results: ObjectExpected" },
        { "VideoSynthesisTask", "succeeded", "output.results", "-", "output.results: PropertyRequired" },
        { "VideoSynthesisTask", "succeeded", "output.submit_time", "\"2025-12-26T11:33:03Z\"", "output.submit_time: PatternMismatch" },
        { "VideoSynthesisTask", "failed", "output.code", "-", "output.code: PropertyRequired" },
        { "VideoSynthesisTask", "running", "usage", "{\"video_duration\":1,\"video_ratio\":\"standard\"}", "(root): ExcludedSchemaValidates" },
        { "VideoSynthesisTask", "pending", "output.submit_time", "-", "output.submit_time: PropertyRequired" },
        { "TaskSubmission", "pending", "output.task_id", "-", "output.task_id: PropertyRequired" },
        { "TaskSubmission", "pending", "output.task_status", "\"QUEUED\"", "output.task_status: NotInEnumeration" },
        { "ErrorResponse", "invalid-api-key", "code", "-", "code: PropertyRequired" },
        { "ErrorResponse", "invalid-api-key", "message", "42", "message: StringExpected" },
        { "FaceDetectResponse", "pass", "output.pass", "\"true\"", "output.pass: BooleanExpected" },
        { "FaceDetectResponse", "pass", "usage.image_count", "-1", "usage.image_count: NumberTooSmall" },
        { "CancelTaskResponse", "ok", "request_id", "-", "request_id: PropertyRequired" },
        { "TaskListResponse", "reference", "total_page", "-", "total_page: PropertyRequired" },
        { "TaskListResponse", "reference", "data[0].gmt_create", "\"2025-12-26 11:33:03\"", "data[0].gmt_create: IntegerExpected" },
        { "TaskListResponse", "reference", "data[0].status", "\"DONE\"", "data[0].status: NotInEnumeration" },
    };

    [Theory]
    [MemberData(nameof(Tampered))]
    public void A_tampered_answer_fails_naming_the_field_and_the_rule(string definition, string example, string path, string value, string expected)
    {
        var json = Tamper(File.ReadAllText(Path.Combine(Examples, $"{definition}.{example}.json")), path, value);

        var violations = Schema.Validate(definition, json, rejectUndeclared: false);

        Assert.Contains(violations, v => $"{v.Path}: {v.Kind}" == expected);
    }

    [Fact]
    public void A_renamed_field_is_caught_as_missing_and_as_undeclared_in_strict_mode()
    {
        // EMO's detector calls the field check_pass; LivePortrait's is pass.
        var json = File.ReadAllText(Path.Combine(Examples, "FaceDetectResponse.pass.json")).Replace("\"pass\"", "\"check_pass\"", StringComparison.Ordinal);

        var strict = Schema.Validate("FaceDetectResponse", json, rejectUndeclared: true);
        var relaxed = Schema.Validate("FaceDetectResponse", json, rejectUndeclared: false);

        Assert.Contains(new SchemaViolation("output.pass", "PropertyRequired"), strict);
        Assert.Contains(strict, v => v is { Path: "output.check_pass", Kind: "UndeclaredProperty" });
        Assert.DoesNotContain(relaxed, v => v.Kind == "UndeclaredProperty");
    }

    [Fact]
    public void A_field_the_schema_does_not_declare_is_caught_only_in_strict_mode()
    {
        // The wan video models put the URL in output.video_url; LivePortrait puts it in output.results.
        var json = Tamper(File.ReadAllText(Path.Combine(Examples, "VideoSynthesisTask.succeeded.json")), "output.video_url", "\"http://x/y.mp4\"");

        Assert.Contains(Schema.Validate("VideoSynthesisTask", json, rejectUndeclared: true), v => v is { Path: "output.video_url", Kind: "UndeclaredProperty" });
        Assert.Empty(Schema.Validate("VideoSynthesisTask", json, rejectUndeclared: false));
    }

    [Fact]
    public void A_body_that_is_not_json_is_a_violation()
    {
        var violations = Schema.Validate("ErrorResponse", "<html><body>502 Bad Gateway</body></html>", rejectUndeclared: false);

        Assert.Equal("NotJson", Assert.Single(violations).Kind);
    }

    [Theory]
    [InlineData("POST", "/services/aigc/image2video/video-synthesis/", 200, "TaskSubmission")]
    [InlineData("POST", "/services/aigc/image2video/video-synthesis", 200, "TaskSubmission")]
    [InlineData("POST", "/services/aigc/image2video/face-detect", 200, "FaceDetectResponse")]
    [InlineData("GET", "/tasks/a8532587-fa8c-4ef8-82be-0c46b17950d1", 200, "VideoSynthesisTask")]
    [InlineData("POST", "/tasks/a8532587-fa8c-4ef8-82be-0c46b17950d1/cancel", 200, "CancelTaskResponse")]
    [InlineData("GET", "/tasks/", 200, "TaskListResponse")]
    [InlineData("GET", "/tasks", 200, "TaskListResponse")]
    [InlineData("POST", "/tasks/x/cancel", 400, "ErrorResponse")]
    [InlineData("POST", "/services/aigc/image2video/video-synthesis/", 429, "ErrorResponse")]
    [InlineData("GET", "/tasks/x", 500, "ErrorResponse")]
    [InlineData("GET", "/services/aigc/image2video/video-synthesis/", 200, null)]
    [InlineData("GET", "/files/result.mp4", 200, null)]
    public void Each_call_is_judged_by_the_definition_the_schema_gives_it(string method, string path, int status, string? definition)
    {
        Assert.Equal(definition, Schema.DefinitionFor(method, path, status));
    }

    [Fact]
    public async Task The_handler_records_every_answer_and_the_log_fails_naming_call_field_and_rule()
    {
        var tampered = Tamper(File.ReadAllText(Path.Combine(Examples, "VideoSynthesisTask.running.json")), "output.task_status", "\"WORKING\"");
        var log = new AnswerLog();
        var root = new Uri("https://dashscope.example/api/v1");
        using var http = new HttpClient(new SchemaValidatingHandler(Schema, root, log, rejectUndeclared: false)
        {
            InnerHandler = new Stub(request => request.RequestUri!.AbsolutePath.EndsWith("/cancel", StringComparison.Ordinal)
                ? (HttpStatusCode.BadRequest, """{"message":"Failed to cancel the task.","request_id":"r"}""")
                : (HttpStatusCode.OK, tampered)),
        });

        var body = await http.GetStringAsync(new Uri(root + "/tasks/abc"));
        using var cancel = await http.PostAsync(new Uri(root + "/tasks/abc/cancel"), null);

        Assert.Equal(tampered, body); // the caller gets the answer untouched
        Assert.Equal(2, log.Answers.Count);
        var failure = Assert.Throws<XunitException>(log.AssertAllValid);
        Assert.Contains("GET /tasks/abc -> 200 as VideoSynthesisTask", failure.Message, StringComparison.Ordinal);
        Assert.Contains("output.task_status: NotInEnumeration", failure.Message, StringComparison.Ordinal);
        Assert.Contains("POST /tasks/abc/cancel -> 400 as ErrorResponse", failure.Message, StringComparison.Ordinal);
        Assert.Contains("code: PropertyRequired", failure.Message, StringComparison.Ordinal);
        Assert.False(log.HasUnasserted);
    }

    [Fact]
    public async Task A_schema_change_the_emulator_does_not_follow_fails_against_the_running_emulator()
    {
        // Drift between schema and emulator: the schema now says task ids start with "task-"; the
        // emulator still answers UUIDs. The suite's validator, given that schema, names the field.
        var changed = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "schema", "liveportrait.schema.json")))!;
        changed["definitions"]!["TaskSubmissionOutput"]!["properties"]!["task_id"]!["pattern"] = "^task-";
        var file = Path.Combine(Path.GetTempPath(), $"drifted-{Guid.NewGuid():N}.schema.json");
        await File.WriteAllTextAsync(file, changed.ToJsonString());
        try
        {
            var drifted = ContractSchema.Load(file);
            await using var emulator = LivePortraitEmulator.Start(new EmulatorOptions { TimeProvider = new FakeTimeProvider(), Port = 0 });
            var log = new AnswerLog();
            using var http = new HttpClient(new SchemaValidatingHandler(drifted, emulator.BaseUrl, log, rejectUndeclared: true) { InnerHandler = new SocketsHttpHandler { UseProxy = false } });
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.BaseUrl + "/services/aigc/image2video/video-synthesis/"))
            {
                Content = new StringContent(
                    $$$"""{"model":"liveportrait","input":{"image_url":"{{{emulator.SampleUrl(SampleMediaFile.Portrait)}}}","audio_url":"{{{emulator.SampleUrl(SampleMediaFile.SpeechWav)}}}"}}""",
                    Encoding.UTF8,
                    "application/json"),
            };
            request.Headers.Add("Authorization", "Bearer " + emulator.DemoApiKey);
            request.Headers.Add("X-DashScope-Async", "enable");

            using var response = await http.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var failure = Assert.Throws<XunitException>(log.AssertAllValid);
            Assert.Contains("as TaskSubmission", failure.Message, StringComparison.Ordinal);
            Assert.Contains("output.task_id: PatternMismatch", failure.Message, StringComparison.Ordinal);

            // The repository's schema and the emulator agree on the same answer.
            Assert.Empty(Schema.Validate("TaskSubmission", log.Answers[0].Body, rejectUndeclared: true));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Replaces (or with "-" removes) the value at a dotted path such as <c>data[0].status</c>.</summary>
    private static string Tamper(string json, string path, string value)
    {
        var root = JsonNode.Parse(json)!;
        var parts = path.Split('.');
        JsonNode parent = root;
        foreach (var part in parts[..^1])
        {
            parent = Step(parent, part);
        }

        var last = parts[^1];
        var target = (JsonObject)(last.EndsWith(']') ? Step(parent, last[..last.IndexOf('[')]) : parent);
        if (last.EndsWith(']'))
        {
            throw new NotSupportedException("Tamper with a field inside an array item, not the item itself.");
        }

        if (value == "-")
        {
            target.Remove(last);
        }
        else
        {
            target[last] = JsonNode.Parse(value);
        }

        return root.ToJsonString();
    }

    private static JsonNode Step(JsonNode node, string part)
    {
        var bracket = part.IndexOf('[');
        if (bracket < 0)
        {
            return node[part]!;
        }

        var index = int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
        return node[part[..bracket]]![index]!;
    }

    private sealed class Stub(Func<HttpRequestMessage, (HttpStatusCode Status, string Body)> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var (status, body) = answer(request);
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
