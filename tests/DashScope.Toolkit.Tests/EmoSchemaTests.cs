using System.Text.Json;
using DashScope.Toolkit.Tests.Emo;
using DashScope.Toolkit.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Toolkit.Tests;

/// <summary>
/// A second DashScope async endpoint (EMO, Schemas/emo-v1.schema.json) gets a working client from the same
/// generator with no change: other paths, result shape, integer-array inputs, and detector field names.
/// </summary>
public class EmoSchemaTests
{
    private static (EmoClient Client, ScriptedHandler Handler, FakeTimeProvider Time) Create()
    {
        var time = new FakeTimeProvider();
        var handler = new ScriptedHandler(time);
        var options = new EmoClientOptions
        {
            ApiKey = "sk-emo",
            BaseAddress = new Uri("http://127.0.0.1:9/api/v1"),
            TimeProvider = time,
            Wait = new TaskWaitOptions { JitterRatio = 0, InitialPollInterval = TimeSpan.FromSeconds(1) },
        };
        return (new EmoClient(new HttpClient(handler), options), handler, time);
    }

    [Fact]
    public async Task Detect_then_generate_completes_with_the_emo_result_shape()
    {
        var (client, handler, time) = Create();
        handler.ThenOk("""{"request_id":"d","output":{"check_pass":true,"face_bbox":[302,286,610,593],"ext_bbox":[71,9,840,778]}}""")
            .ThenOk("""{"request_id":"s","output":{"task_id":"emo-1","task_status":"PENDING"}}""")
            .ThenOk("""{"request_id":"q","output":{"task_id":"emo-1","task_status":"RUNNING"}}""")
            .ThenOk("""{"request_id":"q","output":{"task_id":"emo-1","task_status":"SUCCEEDED","video_url":"http://127.0.0.1/emo.mp4"},"usage":{"video_duration":3.5,"video_ratio":"3:4"}}""");

        var detected = await client.DetectFaceAsync(new EmoDetectRequest
        {
            Input = new EmoDetectRequestInput { ImageUrl = "https://example.com/p.png" },
            Parameters = new EmoDetectRequestParameters { Ratio = EmoDetectRequestParametersRatio.Portrait },
        });
        Assert.True(detected.Output.CheckPass);
        var result = await FakeTime.Drive(client.GenerateAsync(new EmoRequest
        {
            Input = new EmoRequestInput
            {
                ImageUrl = "https://example.com/p.png",
                AudioUrl = "https://example.com/a.wav",
                FaceBbox = detected.Output.FaceBbox!,
                ExtBbox = detected.Output.ExtBbox!,
            },
        }), time, TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(1));

        Assert.Equal("http://127.0.0.1/emo.mp4", result.Output.VideoUrl);
        Assert.Equal("3:4", result.Usage!.VideoRatio!.Value.Value);
        Assert.Equal("/api/v1/services/aigc/image2video/video-synthesis", handler.Requests[1].Uri.AbsolutePath);
        using var body = JsonDocument.Parse(handler.Requests[1].Body!);
        Assert.Equal("emo-v1", body.RootElement.GetProperty("model").GetString());
        Assert.Equal(new[] { 302, 286, 610, 593 }, body.RootElement.GetProperty("input").GetProperty("face_bbox").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(TimeSpan.FromSeconds(10), EmoClient.Service.RecommendedPollInterval);
    }

    [Fact]
    public void Array_rules_from_the_schema_are_validated()
    {
        var request = new EmoRequest
        {
            Input = new EmoRequestInput { ImageUrl = "https://example.com/p.png", AudioUrl = "https://example.com/a.wav", FaceBbox = RunTimeValue.Of(new[] { 1, 2, 3 }), ExtBbox = new[] { 1, 2, 3, RunTimeValue.Of(-4) } },
        };

        var error = Assert.Throws<DashScopeValidationException>(request.Validate);

        Assert.Contains(error.Errors, e => e is { Field: "input.face_bbox", Rule: "minItems", Value: "3" });
        Assert.Contains(error.Errors, e => e is { Field: "input.ext_bbox[3]", Rule: "minimum", Value: "-4" });
    }
}
