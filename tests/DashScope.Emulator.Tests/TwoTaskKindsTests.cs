using System.Text.Json;
using System.Text.Json.Nodes;
using DashScope.Emulator.Media;
using DashScope.Emulator.Tasks;
using DashScope.Emulator.Tests.Support;
using DashScope.Emulator.Xunit;
using DashScope.Testing;
using DashScope.Toolkit.Description;
using Microsoft.Extensions.Time.Testing;
using NJsonSchema;

namespace DashScope.Emulator.Tests;

/// <summary>
/// A schema-only change: with the two-task schema (a second synchronous call, DetectExpression, and a second task
/// kind, LipSync, with its own request, task answer, result, usage and running limit) the emulator serves, validates
/// and runs both kinds with no code of its own for them.
/// </summary>
public sealed class TwoTaskKindsTests : IClassFixture<TwoTaskKindsTests.TwoTasksFixture>, IDisposable
{
    private const string ExpressionPath = "services/aigc/image2video/expression-detect";
    private const string LipSyncPath = "services/aigc/video2video/lip-sync";

    private readonly TwoTasksFixture _fixture;
    private readonly LivePortraitEmulator _emulator;
    private readonly HttpClient _client;

    public TwoTaskKindsTests(TwoTasksFixture fixture)
    {
        _fixture = fixture;
        _emulator = fixture.Emulator.Reset();
        _client = Api.Client(_emulator);
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task DetectExpressionAnswersItsOwnResponse()
    {
        var answer = await DetectExpressionAsync(_emulator.SampleUrl(SampleMediaFile.Portrait));

        Assert.Equal(200, answer.Status);
        AssertValid("ExpressionDetectResponse", answer.Text);
        Assert.Equal("neutral", answer.Output.GetProperty("expression").GetString());
        Assert.Equal(1, answer.Json.GetProperty("usage").GetProperty("image_count").GetInt32());
        Assert.False(answer.Output.TryGetProperty("pass", out _));
        Assert.Equal(EmulatorEndpoint.Of("DetectExpression"), _emulator.Journal[^1].Endpoint);
    }

    [Fact]
    public async Task DetectExpressionChecksItsImageAgainstItsMediaRule()
    {
        var notAnImage = _emulator.ServeFile("speech-as-image.png", MediaFiles.Wav(2), "image/png");
        var tooWide = _emulator.ServeFile("too-wide.png", MediaFiles.Png(300, 100), "image/png");

        var format = await DetectExpressionAsync(notAnImage);
        var size = await DetectExpressionAsync(tooWide);

        var unsupported = _emulator.Schema.TaskError(TaskFailure.UnsupportedFileFormat);
        Assert.Equal((400, unsupported.Code, unsupported.Message), (format.Status, format.Code, format.Message));
        Assert.Equal((400, _emulator.Schema.TaskError(TaskFailure.ImageSize).Code), (size.Status, size.Code));
    }

    [Fact]
    public async Task LipSyncAndVideoSynthesisRunToSuccessEachWithItsOwnAnswer()
    {
        var lipSync = await SubmitLipSyncAsync(_client);
        var synthesis = await Api.SubmitSampleAsync(_client, _emulator);

        _fixture.Advance(TimeSpan.FromMinutes(3));
        var lipSyncDone = await Api.QueryAsync(_client, lipSync);
        var synthesisDone = await Api.QueryAsync(_client, synthesis);

        Assert.Equal(("SUCCEEDED", "SUCCEEDED"), (lipSyncDone.TaskStatus, synthesisDone.TaskStatus));
        AssertValid("LipSyncTask", lipSyncDone.Text);
        AssertValid("VideoSynthesisTask", synthesisDone.Text);

        // Each usage is its own model's: LipSync counts frames and has no ratio, which VideoSynthesisTask requires.
        var lipSyncUsage = lipSyncDone.Json.GetProperty("usage");
        Assert.Equal(0, lipSyncUsage.GetProperty("frame_count").GetInt32());
        Assert.Equal(Math.Round(_emulator.FindTask(lipSync)!.VideoDurationSeconds!.Value, 3), lipSyncUsage.GetProperty("video_duration").GetDouble());
        Assert.False(lipSyncUsage.TryGetProperty("video_ratio", out _));
        Assert.NotEmpty(Definition("VideoSynthesisTask").Validate(lipSyncDone.Text));
        Assert.Equal("standard", synthesisDone.Json.GetProperty("usage").GetProperty("video_ratio").GetString());
        Assert.Equal(200, (int)(await _client.GetAsync(lipSyncDone.Output.GetProperty("results").GetProperty("video_url").GetString())).StatusCode);
    }

    [Fact]
    public async Task EachTaskKindQueuesOnItsOwnWithItsOwnRunningLimit()
    {
        var lipSyncs = new List<string>();
        var syntheses = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            lipSyncs.Add(await SubmitLipSyncAsync(_client));
        }

        for (var i = 0; i < 2; i++)
        {
            syntheses.Add(await Api.SubmitSampleAsync(_client, _emulator));
        }

        _fixture.Advance(_emulator.Options.QueueDelay);

        // The schema lets two LipSync tasks of an account run at once, and one VideoSynthesis task, side by side.
        Assert.Equal([EmulatedTaskStatus.Running, EmulatedTaskStatus.Running, EmulatedTaskStatus.Pending], lipSyncs.Select(id => _emulator.FindTask(id)!.Status));
        Assert.Equal([EmulatedTaskStatus.Running, EmulatedTaskStatus.Pending], syntheses.Select(id => _emulator.FindTask(id)!.Status));
        Assert.All(lipSyncs, id => Assert.Equal(EmulatorEndpoint.Of("LipSync"), _emulator.FindTask(id)!.Endpoint));
    }

    [Fact]
    public async Task ABadLipSyncBodyGetsDashScopesErrorEnvelope()
    {
        var body = $$$"""{"model":"liveportrait-lipsync","input":{"video_url":"{{{_emulator.SampleUrl(SampleMediaFile.Portrait)}}}"}}""";

        var answer = await Api.SendAsync(_client, HttpMethod.Post, LipSyncPath, body, asyncHeader: true);

        var invalidUrl = _emulator.Schema.Error(ProtocolError.InvalidUrl);
        Assert.Equal((400, invalidUrl.Code, invalidUrl.Message), (answer.Status, answer.Code, answer.Message));
        Assert.Equal(["code", "message", "request_id"], answer.Json.EnumerateObject().Select(p => p.Name));
        AssertValid("ErrorResponse", answer.Text);
    }

    [Fact]
    public async Task TheTaskListShowsEachTasksOwnModelAndBillingKey()
    {
        var lipSync = await SubmitLipSyncAsync(_client);
        var synthesis = await Api.SubmitSampleAsync(_client, _emulator);

        var items = (await Api.ListAsync(_client)).Json.GetProperty("data").EnumerateArray().ToDictionary(t => t.GetProperty("task_id").GetString()!);

        Assert.Equal(("liveportrait-lipsync", "apikey:v1:aigc:video2video:lip-sync:liveportrait-lipsync"), Item(items[lipSync]));
        Assert.Equal(("liveportrait", "apikey:v1:aigc:image2video:video-synthesis:liveportrait"), Item(items[synthesis]));
    }

    [Fact]
    public async Task FaultsAndTheJournalKnowTheNewOperations()
    {
        Assert.Contains(EmulatorEndpoint.Of("LipSync"), _emulator.Endpoints);
        _emulator.OnEndpoint(EmulatorEndpoint.Of("LipSync")).Next().RespondWith(503);

        var faulted = await Api.SendAsync(_client, HttpMethod.Post, LipSyncPath, LipSyncBody(), asyncHeader: true);
        await Api.SubmitSampleAsync(_client, _emulator);

        Assert.Equal(503, faulted.Status);
        Assert.Equal(["LipSync", "VideoSynthesis"], _emulator.Journal.Select(e => e.Endpoint!.Value.Key));
    }

    [Fact]
    public void AnAnswerSourceTheOperationCannotGiveStopsTheStart()
    {
        var root = JsonNode.Parse(File.ReadAllText(SchemaFiles.TwoTasks))!;
        root["definitions"]!["LipSyncUsage"]!["properties"]!["video_duration"]!["x-dashscope-answer"] = "input-duration:input.video_url";
        using var file = SchemaFiles.Write(root.ToJsonString());

        var error = Assert.Throws<SchemaDescriptionException>(() => LivePortraitEmulator.Start(o =>
        {
            o.SchemaPath = file.Path;
            o.TimeProvider = new FakeTimeProvider();
        }));

        Assert.Contains("'LipSyncUsage.video_duration'", error.Message);
        Assert.Contains("'input.video_url'", error.Message);
        Assert.Contains("'LipSync'", error.Message);
    }

    private static (string?, string?) Item(JsonElement item) =>
        (item.GetProperty("model_name").GetString(), item.GetProperty("user_api_unique_key").GetString());

    private Task<ApiResult> DetectExpressionAsync(Uri image) =>
        Api.SendAsync(_client, HttpMethod.Post, ExpressionPath, $$$"""{"model":"liveportrait-expression","input":{"image_url":"{{{image}}}"}}""");

    private string LipSyncBody() =>
        $$$"""{"model":"liveportrait-lipsync","input":{"video_url":"{{{_emulator.SampleUrl(SampleMediaFile.Portrait)}}}","audio_url":"{{{_emulator.SampleUrl(SampleMediaFile.SpeechWav)}}}"},"parameters":{"sharpness":4}}""";

    private async Task<string> SubmitLipSyncAsync(HttpClient client)
    {
        var answer = await Api.SendAsync(client, HttpMethod.Post, LipSyncPath, LipSyncBody(), asyncHeader: true);
        Assert.True(answer.Status == 200, answer.Text);
        AssertValid("TaskSubmission", answer.Text);
        return answer.TaskId;
    }

    private JsonSchema Definition(string name) => _emulator.Schema.Document.Definition(name);

    private void AssertValid(string definition, string json)
    {
        var errors = Definition(definition).Validate(json);
        Assert.True(errors.Count == 0, $"{definition}: {string.Join("; ", errors)} in {json}");
    }

    public sealed class TwoTasksFixture : LivePortraitEmulatorFixture
    {
        protected override void Configure(EmulatorOptions options)
        {
            options.SchemaPath = SchemaFiles.TwoTasks;
            options.DisableRateLimits = true;
        }
    }
}
