using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DashScope.Contract.Tests.Schema;
using DashScope.Contract.Tests.Targets;
using DashScope.Toolkit.Description;

namespace DashScope.Contract.Tests;

/// <summary>The contract's task scenarios: statuses in order, cancel, the face check, unknown ids, the list.</summary>
public abstract partial class ContractSuite<TTarget>
{
    [ContractFact]
    public async Task A_task_is_PENDING_then_RUNNING_then_SUCCEEDED_with_a_downloadable_mp4()
    {
        var submitted = await SubmitAsync(SynthesisBody(Target.PortraitUrl, Target.SpeechUrl, """{"template_id":"normal","video_fps":24}"""));

        Assert.Equal(200, submitted.Status);
        Assert.Equal("PENDING", submitted.Output("task_status"));
        var taskId = submitted.Output("task_id")!;
        Assert.True(Guid.TryParse(taskId, out _), $"task_id {taskId} is not a UUID.");
        Assert.True(Guid.TryParse(submitted.RequestId, out _), $"request_id {submitted.RequestId} is not a UUID.");

        var polls = await PollUntilTerminalAsync(taskId);
        var statuses = Distinct(polls.Select(p => p.Output("task_status")!));
        Assert.Equal("SUCCEEDED", statuses[^1]);
        Assert.Contains("RUNNING", statuses);
        Assert.True(IsOrdered(statuses, ["PENDING", "RUNNING", "SUCCEEDED"]), $"Statuses out of order: {string.Join(" -> ", statuses)}");
        if (Target.CanAdvanceClock)
        {
            Assert.Equal(["PENDING", "RUNNING", "SUCCEEDED"], statuses);
        }

        var done = polls[^1];
        Assert.Equal(taskId, done.Output("task_id"));
        var video = new Uri(done.Json!.Value.GetProperty("output").GetProperty("results").GetProperty("video_url").GetString()!);
        var usage = done.Json.Value.GetProperty("usage");
        Assert.True(usage.GetProperty("video_duration").GetDouble() > 0);
        Assert.Equal("standard", usage.GetProperty("video_ratio").GetString());

        using var download = await _client.GetAsync(video);
        Assert.Equal(200, (int)download.StatusCode);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > 16 && Encoding.ASCII.GetString(bytes, 4, 4) == "ftyp", "The result is not an MP4 (no 'ftyp' box).");

        Answers.AssertSaw(Synthesis.ResponseModel, 200);
        Answers.AssertSaw(Synthesis.TaskModel!, 200);
        Answers.AssertAllValid();
    }

    [ContractFact]
    public async Task A_pending_task_is_CANCELED_a_running_one_cannot_be_and_the_list_shows_both()
    {
        // One task of an account runs at a time, so the second waits as PENDING behind the first.
        var first = (await SubmitAsync(SynthesisBody(Target.PortraitUrl, Target.SpeechUrl))).Output("task_id")!;
        var second = (await SubmitAsync(SynthesisBody(Target.PortraitUrl, Target.SpeechUrl))).Output("task_id")!;

        var cancelled = await SendAsync(HttpMethod.Post, CancelPath(second));
        Assert.Equal(200, cancelled.Status);
        Assert.True(Guid.TryParse(cancelled.RequestId, out _));
        var read = await QueryAsync(second);
        Assert.Equal("CANCELED", read.Output("task_status"));
        Assert.False(read.Json!.Value.TryGetProperty("usage", out _));

        var running = await PollUntilAsync(first, status => status is "RUNNING" || Terminal.Contains(status));
        Assert.Equal("RUNNING", running.Output("task_status"));
        var refused = await SendAsync(HttpMethod.Post, CancelPath(first));
        AssertError(refused, 400, "UnsupportedOperation", "Failed to cancel the task, please confirm if the task is in PENDING status.");

        var listed = await SendAsync(HttpMethod.Get, ListPath + "?task_id=" + second);
        Assert.Equal(200, listed.Status);
        var item = Assert.Single(listed.Json!.Value.GetProperty("data").EnumerateArray());
        Assert.Equal(second, item.GetProperty("task_id").GetString());
        Assert.Equal("CANCELED", item.GetProperty("status").GetString());
        Assert.Equal(Synthesis.Model, item.GetProperty("model_name").GetString());

        var done = await PollUntilTerminalAsync(first);
        Assert.Equal("SUCCEEDED", done[^1].Output("task_status"));

        Answers.AssertSaw(ResponseOf(OperationKind.TaskCancel), 200);
        Answers.AssertSaw(ErrorModel, 400);
        Answers.AssertSaw(ResponseOf(OperationKind.TaskList), 200);
        Answers.AssertAllValid();
    }

    [ContractFact]
    public async Task An_image_without_a_face_fails_the_task_with_NoHumanFace()
    {
        var submitted = await SubmitAsync(SynthesisBody(Target.NoFaceImageUrl, Target.SpeechUrl));
        Assert.Equal(200, submitted.Status);

        var polls = await PollUntilTerminalAsync(submitted.Output("task_id")!);

        var failed = polls[^1];
        Assert.Equal("FAILED", failed.Output("task_status"));
        Assert.Equal("InvalidImage.NoHumanFace", failed.Output("code"));
        Assert.False(string.IsNullOrEmpty(failed.Output("message")));
        Assert.False(failed.Json!.Value.TryGetProperty("usage", out _), "A failed task is not billed: no usage.");
        Answers.AssertSaw(Synthesis.TaskModel!, 200);
        Answers.AssertAllValid();
    }

    [ContractFact]
    public async Task A_task_id_that_does_not_exist_reads_UNKNOWN_and_cannot_be_cancelled()
    {
        var id = Guid.NewGuid().ToString();

        var read = await QueryAsync(id);
        var cancel = await SendAsync(HttpMethod.Post, CancelPath(id));

        Assert.Equal(200, read.Status);
        Assert.Equal("UNKNOWN", read.Output("task_status"));
        AssertError(cancel, 400, "UnsupportedOperation", null);
        Answers.AssertSaw(Synthesis.TaskModel!, 200);
        Answers.AssertAllValid();
    }

    // ---------------------------------------------------------------- list and face-detect

    [ContractFact]
    public async Task The_task_list_pages_and_filters()
    {
        var first = await SendAsync(HttpMethod.Get, ListPath);
        var paged = await SendAsync(HttpMethod.Get, ListAlternatePath + "?page_no=1&page_size=2");
        var succeeded = await SendAsync(HttpMethod.Get, ListPath + "?status=SUCCEEDED&model_name=" + Synthesis.Model);

        Assert.Equal(200, first.Status);
        Assert.Equal(1, first.Json!.Value.GetProperty("page_no").GetInt32());
        Assert.Equal(10, first.Json.Value.GetProperty("page_size").GetInt32());
        Assert.Equal(2, paged.Json!.Value.GetProperty("page_size").GetInt32());
        Assert.True(paged.Json.Value.GetProperty("data").GetArrayLength() <= 2);
        Assert.All(succeeded.Json!.Value.GetProperty("data").EnumerateArray(), item => Assert.Equal("SUCCEEDED", item.GetProperty("status").GetString()));

        // The window may not exceed 24 hours.
        var tooLong = await SendAsync(HttpMethod.Get, ListPath + "?start_time=20250101000000&end_time=20250103000000");
        AssertError(tooLong, 400, null, null);

        Answers.AssertSaw(ResponseOf(OperationKind.TaskList), 200);
        Answers.AssertAllValid();
    }

    [ContractFact]
    public async Task Face_detect_passes_a_portrait_and_fails_an_image_without_a_face()
    {
        var pass = await DetectAsync(Target.PortraitUrl);
        var noFace = await DetectAsync(Target.NoFaceImageUrl);

        Assert.Equal(200, pass.Status);
        Assert.True(pass.Json!.Value.GetProperty("output").GetProperty("pass").GetBoolean());
        Assert.Equal(200, noFace.Status);
        Assert.False(noFace.Json!.Value.GetProperty("output").GetProperty("pass").GetBoolean());
        Assert.False(string.IsNullOrEmpty(noFace.Json.Value.GetProperty("output").GetProperty("message").GetString()));
        Answers.AssertSaw(Detect.ResponseModel, 200);
        Answers.AssertAllValid();
    }
}
