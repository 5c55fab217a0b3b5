using System.Text.Json;
using DashScope.Toolkit.Tests.Support;
using DashScope.TwoTasks;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Toolkit.Tests;

/// <summary>
/// The client of a schema with two asynchronous and two synchronous operations (tests/Schemas/two-tasks.schema.json):
/// each call goes to its own path with its own body, and each task reads back as its own type.
/// </summary>
public class TwoTasksClientTests
{
    private const string LipSyncTaskId = "lip-1";

    private static (LivePortraitClient Client, ScriptedHandler Handler, FakeTimeProvider Time) Create()
    {
        var time = new FakeTimeProvider();
        var handler = new ScriptedHandler(time);
        var options = new LivePortraitClientOptions
        {
            ApiKey = "sk-two-tasks",
            BaseAddress = new Uri("http://127.0.0.1:9/api/v1"),
            TimeProvider = time,
            Wait = new TaskWaitOptions { JitterRatio = 0, InitialPollInterval = TimeSpan.FromSeconds(1) },
        };
        return (new LivePortraitClient(new HttpClient(handler), options), handler, time);
    }

    [Fact]
    public async Task The_second_async_operation_submits_to_its_path_and_waits_for_its_own_task_type()
    {
        var (client, handler, time) = Create();
        handler.ThenOk(Answers.Submitted(LipSyncTaskId))
            .ThenOk(Answers.Running(LipSyncTaskId))
            .ThenOk($$$"""{"request_id":"q","output":{"task_id":"{{{LipSyncTaskId}}}","task_status":"SUCCEEDED","submit_time":"2025-12-26 11:33:03.146","scheduled_time":"2025-12-26 11:33:13.312","end_time":"2025-12-26 11:33:22.455","results":{"video_url":"http://127.0.0.1/lips.mp4"}},"usage":{"video_duration":4.5,"frame_count":108}}""");

        var task = await FakeTime.Drive(client.GenerateLipSyncAsync(new LipSyncRequest
        {
            Input = new LipSyncInput { VideoUrl = "https://example.com/v.mp4", AudioUrl = "https://example.com/a.mp3" },
            Parameters = new LipSyncParameters { Sharpness = 4 },
        }), time, TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(1));

        Assert.Equal(DashScope.TwoTasks.LivePortraitTaskStatus.Succeeded, task.Output.TaskStatus);
        Assert.Equal("http://127.0.0.1/lips.mp4", task.Output.Results!.VideoUrl);
        Assert.Equal((4.5, 108), (task.Usage!.VideoDuration, task.Usage.FrameCount));
        Assert.Equal("/api/v1/services/aigc/video2video/lip-sync", handler.Requests[0].Uri.AbsolutePath);
        Assert.Equal("enable", handler.Requests[0].Headers["X-DashScope-Async"]);
        using var body = JsonDocument.Parse(handler.Requests[0].Body!);
        Assert.Equal("liveportrait-lipsync", body.RootElement.GetProperty("model").GetString());
        Assert.Equal(4, body.RootElement.GetProperty("parameters").GetProperty("sharpness").GetInt32());
        Assert.All(handler.Requests.Skip(1), r => Assert.Equal("/api/v1/tasks/" + LipSyncTaskId, r.Uri.AbsolutePath));
        Assert.Equal(("lip-1", "SUCCEEDED"), (LivePortraitClient.DescribeLipSyncTask(task).TaskId, LivePortraitClient.DescribeLipSyncTask(task).Status));
    }

    [Fact]
    public async Task The_second_async_operation_validates_its_own_request_before_sending()
    {
        var (client, handler, _) = Create();
        var invalid = new LipSyncRequest
        {
            Input = new LipSyncInput { VideoUrl = "https://example.com/v.mp4", AudioUrl = "https://example.com/a.mp3" },
            Parameters = new LipSyncParameters { Sharpness = RunTimeValue.Of(9) },
        };
        var error = await Assert.ThrowsAsync<DashScopeValidationException>(() => client.SubmitLipSyncAsync(invalid));
        Assert.Contains("parameters.sharpness", error.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task The_first_async_operation_keeps_its_names_and_its_task_type()
    {
        var (client, handler, _) = Create();
        handler.ThenOk(Answers.Submitted()).ThenOk(Answers.Succeeded());

        var submitted = await client.SubmitAsync(new VideoSynthesisRequest { Input = new VideoSynthesisInput { ImageUrl = "https://example.com/p.png", AudioUrl = "https://example.com/a.mp3" } });
        VideoSynthesisTask task = await client.GetTaskAsync(submitted.Output.TaskId);

        Assert.Equal(2.79, task.Usage!.VideoDuration);
        Assert.Equal("/api/v1/services/aigc/image2video/video-synthesis/", handler.Requests[0].Uri.AbsolutePath);
    }

    [Fact]
    public async Task The_second_sync_operation_reads_its_enum_answer()
    {
        var (client, handler, _) = Create();
        handler.ThenOk("""{"output":{"expression":"happy","confidence":0.93},"usage":{"image_count":1},"request_id":"e-1"}""");

        var answer = await client.DetectExpressionAsync(new ExpressionDetectRequest { Input = new ExpressionDetectInput { ImageUrl = "https://example.com/p.png" } });

        Assert.Equal(Expression.Happy, answer.Output.Expression);
        Assert.Equal(0.93, answer.Output.Confidence);
        var sent = Assert.Single(handler.Requests);
        Assert.Equal("/api/v1/services/aigc/image2video/expression-detect", sent.Uri.AbsolutePath);
        Assert.False(sent.Headers.ContainsKey("X-DashScope-Async"));
        Assert.Contains("\"model\":\"liveportrait-expression\"", sent.Body, StringComparison.Ordinal);
    }
}
