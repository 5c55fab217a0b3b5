using DashScope.Testing;
using System.Net;
using DashScope.Emulator;
using DashScope.Emulator.Tasks;
using DashScope.EndToEnd.Tests.Support;
using DashScope.LivePortrait;
using DashScope.Toolkit;

namespace DashScope.EndToEnd.Tests;

/// <summary>The generated client completes, watches, cancels and times out tasks on the emulator.</summary>
public sealed class TaskLifecycleTests(EndToEndFixture fixture) : IClassFixture<EndToEndFixture>
{
    [Fact]
    public async Task A_task_completes_and_its_result_is_a_real_mp4_served_by_the_emulator()
    {
        using var h = new Harness(fixture);
        var client = h.Client();
        var progress = new Recorder<VideoSynthesisTask>();

        var done = await h.Drive(client.GenerateAsync(
            Harness.Request(h.Portrait, h.SpeechWav, new VideoSynthesisParameters { TemplateId = TemplateId.Active, VideoFps = 30, PasteBack = false }),
            progress));

        Assert.Equal(["PENDING", "RUNNING", "SUCCEEDED"], progress.Items.Select(t => t.Output.TaskStatus.Value));
        Assert.Equal("SUCCEEDED", done.Output.TaskStatus.Value);
        Assert.Equal(EmulatedTaskStatus.Succeeded, h.Emulator.FindTask(done.Output.TaskId)!.Status);

        // usage: the audio's measured duration, always "standard".
        Assert.NotNull(done.Usage);
        Assert.Equal(EndToEndFixture.SpeechWavSeconds, done.Usage.VideoDuration, 3);
        Assert.Equal("standard", done.Usage.VideoRatio);

        // The three times, in order, with the documented spacing of the emulator's timeline.
        var submit = done.Output.SubmitTime!.Value;
        var scheduled = done.Output.ScheduledTime!.Value;
        var end = done.Output.EndTime!.Value;
        Assert.Equal(EndToEndFixture.QueueDelay, scheduled - submit);

        // The zone-less wire times are read as instants in the service's presumed zone (UTC+8): the same instants
        // the emulator recorded, to the millisecond the wire keeps.
        var emulated = h.Emulator.FindTask(done.Output.TaskId)!;
        static DateTimeOffset ToMillisecond(DateTimeOffset time) => new(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        Assert.Equal(ToMillisecond(emulated.SubmitTime), submit);
        Assert.Equal(ToMillisecond(emulated.EndTime!.Value), end);
        Assert.Equal(TimeSpan.FromHours(8), submit.Offset);
        var running = EndToEndFixture.RunningBase + TimeSpan.FromSeconds(EndToEndFixture.RunningPerAudioSecond * 2.527875);
        Assert.InRange(end - scheduled, running - TimeSpan.FromMilliseconds(2), running + TimeSpan.FromMilliseconds(2));

        // The result URL is the emulator's own, and what it serves is an MP4.
        var videoUrl = new Uri(done.Output.Results!.VideoUrl);
        Assert.Equal(h.Emulator.Url.Authority, videoUrl.Authority);
        using var download = new HttpClient();
        using var response = await download.GetAsync(videoUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > 1024, $"The video is only {bytes.Length} bytes.");
        Assert.True(MediaFiles.IsMp4(bytes), "The downloaded result does not start with an MP4 'ftyp' box.");
    }

    [Fact]
    public async Task An_mp3_speech_track_completes_and_bills_its_measured_duration()
    {
        using var h = new Harness(fixture);
        var done = await h.Drive(h.Client().GenerateAsync(Harness.Request(h.Portrait, h.SpeechMp3)));

        Assert.Equal(2.628, done.Usage!.VideoDuration, 3);
    }

    [Fact]
    public async Task WatchTaskAsync_yields_each_status_once_and_ends_with_the_terminal_one()
    {
        using var h = new Harness(fixture);
        var client = h.Client();
        var submission = await client.SubmitAsync(Harness.Request(h.Portrait, h.SpeechWav));
        Assert.Equal("PENDING", submission.Output.TaskStatus.Value);
        Assert.True(Guid.TryParse(submission.Output.TaskId, out _), "Task ids are UUIDs.");
        Assert.True(Guid.TryParse(submission.RequestId, out _), "Request ids are UUIDs.");

        var seen = await h.Drive(Collect(client.WatchTaskAsync(submission.Output.TaskId)));

        Assert.Equal(["PENDING", "RUNNING", "SUCCEEDED"], seen.Select(t => t.Output.TaskStatus.Value));
        Assert.Null(seen[0].Output.ScheduledTime);
        Assert.NotNull(seen[1].Output.ScheduledTime);
        Assert.Null(seen[1].Output.EndTime);
        Assert.All(seen.Take(2), t => Assert.Null(t.Usage));
    }

    [Fact]
    public async Task A_pending_task_is_cancelled_and_a_running_one_cannot_be()
    {
        using var h = new Harness(fixture);
        var client = h.Client();

        // One task of an account runs at a time: the second waits as PENDING behind the first.
        var first = (await client.SubmitAsync(Harness.Request(h.Portrait, h.SpeechWav))).Output.TaskId;
        var second = (await client.SubmitAsync(Harness.Request(h.Portrait, h.SpeechWav))).Output.TaskId;
        h.Advance(EndToEndFixture.QueueDelay + TimeSpan.FromSeconds(1));
        Assert.Equal("RUNNING", (await client.GetTaskAsync(first)).Output.TaskStatus.Value);
        Assert.Equal("PENDING", (await client.GetTaskAsync(second)).Output.TaskStatus.Value);

        var cancelled = await client.CancelTaskAsync(second);

        Assert.True(Guid.TryParse(cancelled.RequestId, out _));
        var read = await client.GetTaskAsync(second);
        Assert.Equal("CANCELED", read.Output.TaskStatus.Value);
        Assert.Null(read.Usage);
        Assert.Null(read.Output.Results);
        var waited = await Assert.ThrowsAsync<DashScopeTaskFailedException>(() => h.Drive(client.WaitForCompletionAsync(second)));
        Assert.Equal("CANCELED", waited.Status);
        Assert.Equal(second, waited.TaskId);

        var refused = await Assert.ThrowsAsync<DashScopeApiException>(() => client.CancelTaskAsync(first));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(LivePortraitErrorCodes.UnsupportedOperation, refused.Code);
        Assert.Equal("Failed to cancel the task, please confirm if the task is in PENDING status.", refused.ErrorMessage);
        Assert.False(string.IsNullOrEmpty(refused.RequestId));
        Assert.False(refused.IsTransient);

        // The refused cancel did not disturb the running task, and an ended task cannot be cancelled either.
        var done = await h.Drive(client.WaitForCompletionAsync(first));
        Assert.Equal("SUCCEEDED", done.Output.TaskStatus.Value);
        var late = await Assert.ThrowsAsync<DashScopeApiException>(() => client.CancelTaskAsync(first));
        Assert.Equal(LivePortraitErrorCodes.UnsupportedOperation, late.Code);
        var again = await Assert.ThrowsAsync<DashScopeApiException>(() => client.CancelTaskAsync(second));
        Assert.Equal(LivePortraitErrorCodes.UnsupportedOperation, again.Code);
    }

    [Fact]
    public async Task A_cancelled_task_frees_its_place_in_the_queue()
    {
        using var h = new Harness(fixture);
        var client = h.Client();
        var first = (await client.SubmitAsync(Harness.Request(h.Portrait, h.SpeechWav))).Output.TaskId;
        var second = (await client.SubmitAsync(Harness.Request(h.Portrait, h.SpeechWav))).Output.TaskId;
        var third = (await client.SubmitAsync(Harness.Request(h.Portrait, h.SpeechWav))).Output.TaskId;
        await client.CancelTaskAsync(second);

        var firstDone = await h.Drive(client.WaitForCompletionAsync(first));
        var thirdDone = await h.Drive(client.WaitForCompletionAsync(third));

        // The third starts the moment the first ends: nothing runs in the cancelled task's slot.
        Assert.Equal(firstDone.Output.EndTime, thirdDone.Output.ScheduledTime);
    }

    [Fact]
    public async Task A_task_stuck_in_pending_ends_the_wait_with_a_timeout_naming_it()
    {
        using var h = new Harness(fixture);
        h.Emulator.HoldNextTasksInPending(1);
        var client = h.Client(new TaskWaitOptions { MaxPollInterval = TimeSpan.FromSeconds(10), Timeout = TimeSpan.FromMinutes(2) });
        var started = h.Now;

        var timeout = await Assert.ThrowsAsync<DashScopeTaskTimeoutException>(() => h.Drive(client.GenerateAsync(Harness.Request(h.Portrait, h.SpeechWav))));

        Assert.Equal("PENDING", timeout.LastStatus);
        Assert.Equal(TimeSpan.FromMinutes(2), timeout.Limit);
        Assert.InRange(h.Now - started, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(10));
        var task = h.Emulator.FindTask(timeout.TaskId)!;
        Assert.Equal(EmulatedTaskStatus.Pending, task.Status);
        Assert.True(task.IsHeld);
        Assert.Contains(timeout.TaskId, timeout.Message, StringComparison.Ordinal);

        // The wait gave up, the task did not: it can still be read, and cancelled because it is PENDING.
        Assert.Equal("PENDING", (await client.GetTaskAsync(timeout.TaskId)).Output.TaskStatus.Value);
        await client.CancelTaskAsync(timeout.TaskId);
        Assert.Equal("CANCELED", (await client.GetTaskAsync(timeout.TaskId)).Output.TaskStatus.Value);
    }

    [Fact]
    public async Task A_finished_task_and_its_video_expire_24_hours_after_it_ended()
    {
        using var h = new Harness(fixture);
        var client = h.Client();
        var done = await h.Drive(client.GenerateAsync(Harness.Request(h.Portrait, h.SpeechWav)));
        var ended = h.Emulator.FindTask(done.Output.TaskId)!.EndTime!.Value;
        using var download = new HttpClient();

        h.Advance(ended + TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1) - h.Now);
        Assert.Equal("SUCCEEDED", (await client.GetTaskAsync(done.Output.TaskId)).Output.TaskStatus.Value);
        using (var stillThere = await download.GetAsync(done.Output.Results!.VideoUrl))
        {
            Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        }

        h.Advance(TimeSpan.FromSeconds(2));
        var expired = await client.GetTaskAsync(done.Output.TaskId);
        Assert.Equal("UNKNOWN", expired.Output.TaskStatus.Value);
        Assert.Null(expired.Output.SubmitTime);
        using var gone = await download.GetAsync(done.Output.Results!.VideoUrl);
        Assert.Equal(HttpStatusCode.Forbidden, gone.StatusCode);
        var unknown = await Assert.ThrowsAsync<DashScopeTaskFailedException>(() => h.Drive(client.WaitForCompletionAsync(done.Output.TaskId)));
        Assert.Equal("UNKNOWN", unknown.Status);
    }

    [Fact]
    public async Task A_task_id_that_never_existed_reads_unknown()
    {
        using var h = new Harness(fixture);
        var client = h.Client();
        var id = Guid.NewGuid().ToString();

        var read = await client.GetTaskAsync(id);

        Assert.Equal("UNKNOWN", read.Output.TaskStatus.Value);
        Assert.Equal(id, read.Output.TaskId);
        var failed = await Assert.ThrowsAsync<DashScopeTaskFailedException>(() => h.Drive(client.WaitForCompletionAsync(id)));
        Assert.Equal("UNKNOWN", failed.Status);
        Assert.Single(h.Journal(EmulatorEndpoint.QueryTask).Skip(1)); // UNKNOWN is terminal: one poll, no retry loop
    }

    private static async Task<List<T>> Collect<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
