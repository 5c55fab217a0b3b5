using System.Net;
using System.Text.Json;
using DashScope.LivePortrait;
using DashScope.Toolkit.Tests.Support;

namespace DashScope.Toolkit.Tests;

/// <summary>What goes on the wire for each call, and how answers come back typed.</summary>
public class SubmitAndQueryTests
{
    [Fact]
    public async Task Submit_posts_the_body_with_wire_names_and_the_async_header()
    {
        var harness = new ClientHarness();
        harness.Handler.ThenOk(Answers.Submitted());

        var submission = await harness.Client.SubmitAsync(ClientHarness.ValidRequest());

        Assert.Equal(Answers.TaskId, submission.Output.TaskId);
        Assert.Equal(LivePortrait.LivePortraitTaskStatus.Pending, submission.Output.TaskStatus);
        Assert.Equal("7574ee8f-38a3-4b1e-9280-11c33ab46e51", submission.RequestId);
        var sent = Assert.Single(harness.Handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("http://127.0.0.1:9/api/v1/services/aigc/image2video/video-synthesis/", sent.Uri.ToString());
        Assert.Equal("Bearer " + ClientHarness.ApiKey, sent.Headers["Authorization"]);
        Assert.Equal("enable", sent.Headers["X-DashScope-Async"]);
        Assert.StartsWith("application/json", sent.Headers["Content-Type"], StringComparison.Ordinal);
        using var body = JsonDocument.Parse(sent.Body!);
        Assert.Equal("liveportrait", body.RootElement.GetProperty("model").GetString());
        Assert.Equal("https://example.com/portrait.png", body.RootElement.GetProperty("input").GetProperty("image_url").GetString());
        Assert.Equal("calm", body.RootElement.GetProperty("parameters").GetProperty("template_id").GetString());
        Assert.Equal(24, body.RootElement.GetProperty("parameters").GetProperty("video_fps").GetInt32());
        // Unset optional parameters are left to the service's defaults, not sent as null.
        Assert.False(body.RootElement.GetProperty("parameters").TryGetProperty("paste_back", out _));
    }

    [Fact]
    public async Task Face_detect_is_synchronous_and_reads_pass_false()
    {
        var harness = new ClientHarness();
        harness.Handler.ThenOk("""{"output":{"pass":false,"message":"No human face detected."},"usage":{"image_count":1},"request_id":"d-1"}""");

        var answer = await harness.Client.DetectFaceAsync(new FaceDetectRequest { Input = new FaceDetectInput { ImageUrl = "https://example.com/cat.png" } });

        Assert.False(answer.Output.Pass);
        Assert.Equal("No human face detected.", answer.Output.Message);
        Assert.Equal(1, answer.Usage!.ImageCount);
        var sent = Assert.Single(harness.Handler.Requests);
        Assert.EndsWith("/api/v1/services/aigc/image2video/face-detect", sent.Uri.AbsolutePath, StringComparison.Ordinal);
        Assert.False(sent.Headers.ContainsKey("X-DashScope-Async"));
        Assert.Contains("\"model\":\"liveportrait-detect\"", sent.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_task_reads_every_field_of_a_succeeded_task()
    {
        var harness = new ClientHarness();
        harness.Handler.ThenOk(Answers.Succeeded());

        var task = await harness.Client.GetTaskAsync(Answers.TaskId);

        Assert.Equal(LivePortrait.LivePortraitTaskStatus.Succeeded, task.Output.TaskStatus);
        Assert.True(task.Output.TaskStatus.IsTerminal);
        Assert.Equal(new DateTimeOffset(2025, 12, 26, 11, 33, 22, 455, TimeSpan.FromHours(8)), task.Output.EndTime);
        Assert.Equal(TimeSpan.FromHours(8), task.Output.EndTime!.Value.Offset);
        Assert.Equal(new DateTime(2025, 12, 26, 3, 33, 22, 455, DateTimeKind.Utc), task.Output.EndTime.Value.UtcDateTime);
        Assert.Equal("http://127.0.0.1/result.mp4", task.Output.Results!.VideoUrl);
        Assert.Equal(2.79, task.Usage!.VideoDuration);
        var sent = Assert.Single(harness.Handler.Requests);
        Assert.Equal(HttpMethod.Get, sent.Method);
        Assert.Equal("/api/v1/tasks/" + Answers.TaskId, sent.Uri.AbsolutePath);
        Assert.Null(sent.Body);
        Assert.False(sent.Headers.ContainsKey("X-DashScope-Async"));
    }

    [Fact]
    public async Task A_task_id_is_escaped_into_the_path()
    {
        var harness = new ClientHarness();
        harness.Handler.ThenOk(Answers.Status("UNKNOWN", "a/b?c"));
        await harness.Client.GetTaskAsync("a/b?c");
        Assert.Equal("/api/v1/tasks/a%2Fb%3Fc", Assert.Single(harness.Handler.Requests).Uri.AbsolutePath);
    }

    [Fact]
    public async Task An_unknown_status_is_read_without_throwing_and_kept()
    {
        var harness = new ClientHarness();
        harness.Handler.ThenOk(Answers.Status("PAUSED_FOR_REVIEW"));

        var task = await harness.Client.GetTaskAsync(Answers.TaskId);

        Assert.Equal("PAUSED_FOR_REVIEW", task.Output.TaskStatus.Value);
        Assert.False(task.Output.TaskStatus.IsKnown);
        Assert.False(task.Output.TaskStatus.IsTerminal);
    }

    [Fact]
    public async Task Cancel_posts_to_the_cancel_path()
    {
        var harness = new ClientHarness();
        harness.Handler.ThenOk("""{"request_id":"c-1"}""");

        var answer = await harness.Client.CancelTaskAsync(Answers.TaskId);

        Assert.Equal("c-1", answer.RequestId);
        var sent = Assert.Single(harness.Handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal($"/api/v1/tasks/{Answers.TaskId}/cancel", sent.Uri.AbsolutePath);
    }

    [Fact]
    public async Task Cancel_of_a_running_task_surfaces_unsupported_operation()
    {
        var harness = new ClientHarness();
        harness.Handler.ThenJson(HttpStatusCode.BadRequest, Answers.Error("UnsupportedOperation", "Failed to cancel the task, please confirm if the task is in PENDING status."));

        var error = await Assert.ThrowsAsync<DashScopeApiException>(() => harness.Client.CancelTaskAsync(Answers.TaskId));

        Assert.Equal(LivePortraitErrorCodes.UnsupportedOperation, error.Code);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("e-1", error.RequestId);
    }

    [Fact]
    public async Task List_sends_typed_filters_in_the_service_formats()
    {
        var harness = new ClientHarness();
        harness.Handler.ThenOk(File.ReadAllText(Fixtures.PathOf("TaskListResponse.reference.json")));

        var page = await harness.Client.ListTasksAsync(new TaskListQuery
        {
            // Instants in any offset go out as the service's zone (UTC+8) shows them.
            StartTime = new DateTimeOffset(2023, 4, 20, 11, 30, 58, TimeSpan.Zero),
            EndTime = new DateTimeOffset(2023, 4, 21, 10, 0, 0, TimeSpan.FromHours(8)),
            Status = LivePortrait.LivePortraitTaskStatus.Succeeded,
            ModelName = "liveportrait",
            PageNo = 2,
            PageSize = 50,
        });

        var sent = Assert.Single(harness.Handler.Requests);
        Assert.Equal("/api/v1/tasks/", sent.Uri.AbsolutePath);
        Assert.Equal("?start_time=20230420193058&end_time=20230421100000&model_name=liveportrait&status=SUCCEEDED&page_no=2&page_size=50", sent.Uri.Query);
        var item = Assert.Single(page.Data);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1766719983146), item.GmtCreate);
        Assert.Equal(LivePortrait.LivePortraitTaskStatus.Succeeded, item.Status);
    }

    [Fact]
    public async Task The_http_client_base_address_is_used_when_options_have_none()
    {
        var harness = new ClientHarness(o => o.BaseAddress = null);
        harness.Handler.ThenOk(Answers.Pending());
        var client = new LivePortraitClient(new HttpClient(harness.Handler) { BaseAddress = new Uri("http://127.0.0.1:7/emulator/api/v1/") }, harness.Options);

        await client.GetTaskAsync("t1");

        Assert.Equal("http://127.0.0.1:7/emulator/api/v1/tasks/t1", Assert.Single(harness.Handler.Requests).Uri.ToString());
    }

    [Fact]
    public void Defaults_come_from_the_schema()
    {
        Assert.Equal(new Uri("https://dashscope.aliyuncs.com/api/v1"), LivePortraitClient.Service.DefaultBaseAddress);
        Assert.Equal("DASHSCOPE_API_KEY", LivePortraitClient.Service.ApiKeyEnvironmentVariable);
        Assert.Equal(TimeSpan.FromSeconds(15), LivePortraitClient.Service.RecommendedPollInterval);
        Assert.Equal(new[] { "SUCCEEDED", "FAILED", "CANCELED", "UNKNOWN" }, LivePortraitClient.Service.TerminalStatuses);
    }
}
