using DashScope.Emulator;
using DashScope.Emulator.Media;
using DashScope.Emulator.Tasks;
using DashScope.Emulator.Xunit;
using DashScope.LivePortrait;
using DashScope.Toolkit;
using Xunit;

namespace LivePortrait.Samples;

/// <summary>
/// Testing your own code against the emulator. One emulator per test class (IClassFixture), a fake clock
/// shared by the emulator and the client, and the fixture's ClockDriver to move time while your code waits:
/// no test sleeps for the minutes a real task takes.
/// </summary>
public sealed class AvatarVideoServiceTests(LivePortraitEmulatorFixture fixture) : IClassFixture<LivePortraitEmulatorFixture>
{
    // One call wires the client: the emulator's key and address, the fake clock it shares with the emulator, and
    // the clock driver's handler (which sees requests on the wire, so time only moves between them).
    private LivePortraitClient NewClient() => fixture.CreateClient<LivePortraitClient>(o =>
        o.Wait = new TaskWaitOptions { MaxPollInterval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromMinutes(10) });

    private Uri Portrait => fixture.Emulator.SampleUrl(SampleMediaFile.Portrait);

    private Uri Speech => fixture.Emulator.SampleUrl(SampleMediaFile.SpeechWav);

    /// <summary>Runs <paramref name="work"/> while the fake clock moves (at most an hour of fake time).</summary>
    private Task<T> RunWithClock<T>(Task<T> work) =>
        fixture.ClockDriver.DriveAsync(work, TimeSpan.FromMilliseconds(500), TimeSpan.FromHours(1));

    [Fact]
    public async Task Happy_path_returns_the_video_url()
    {
        var service = new AvatarVideoService(NewClient());

        var video = await RunWithClock(service.MakeAsync(Portrait, Speech));

        Assert.True(video.Succeeded);
        var task = fixture.Emulator.FindTask(video.TaskId)!;
        Assert.Equal(EmulatedTaskStatus.Succeeded, task.Status);
        using var download = await new HttpClient().GetAsync(video.VideoUrl);
        Assert.Equal("video/mp4", download.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_failed_task_becomes_a_result_with_its_code()
    {
        fixture.Emulator.FailNextTasks(1, "InternalError.Algo");
        var service = new AvatarVideoService(NewClient());

        var video = await RunWithClock(service.MakeAsync(Portrait, Speech));

        Assert.False(video.Succeeded);
        Assert.Equal(LivePortraitErrorCodes.InternalErrorAlgo, video.FailureCode);
    }

    [Fact]
    public async Task A_portrait_without_a_face_fails_the_task()
    {
        var service = new AvatarVideoService(NewClient());

        var video = await RunWithClock(service.MakeAsync(fixture.Emulator.SampleUrl(SampleMediaFile.NoFaceImage), Speech));

        Assert.Equal(LivePortraitErrorCodes.InvalidImageNoHumanFace, video.FailureCode);
    }

    [Fact]
    public async Task A_throttled_submit_is_retried_and_the_video_still_made()
    {
        fixture.Emulator.OnEndpoint(EmulatorEndpoint.VideoSynthesis).Next(2)
            .RespondWith(429, """{"code":"Throttling.RateQuota","message":"Requests rate limit exceeded, please try again later.","request_id":"fault"}""");
        var service = new AvatarVideoService(NewClient());

        var video = await RunWithClock(service.MakeAsync(Portrait, Speech));

        Assert.True(video.Succeeded);
        Assert.Single(fixture.Emulator.GetTasks(), t => t.TaskId == video.TaskId);
    }

    [Fact]
    public async Task A_pending_task_can_be_cancelled()
    {
        var service = new AvatarVideoService(NewClient());
        // Another task of the same account runs first, so ours waits as PENDING.
        var first = await service.StartAsync(Portrait, Speech);
        fixture.Advance(TimeSpan.FromSeconds(10));
        var ours = await service.StartAsync(Portrait, Speech);
        Assert.Equal(EmulatedTaskStatus.Pending, fixture.Emulator.FindTask(ours)!.Status);

        await service.CancelAsync(ours);

        Assert.Equal(EmulatedTaskStatus.Canceled, fixture.Emulator.FindTask(ours)!.Status);
        var error = await Assert.ThrowsAsync<DashScopeApiException>(() => service.CancelAsync(first));
        Assert.Equal(LivePortraitErrorCodes.UnsupportedOperation, error.Code);
    }
}
