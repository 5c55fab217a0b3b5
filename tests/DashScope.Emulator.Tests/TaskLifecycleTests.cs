using System.Text.RegularExpressions;
using DashScope.Emulator.Media;
using DashScope.Emulator.Tasks;
using DashScope.Emulator.Tests.Support;
using DashScope.Emulator.Xunit;

namespace DashScope.Emulator.Tests;

/// <summary>A task moves PENDING, RUNNING, then SUCCEEDED or FAILED on a fake clock, and every answer on the way has DashScope's shape.</summary>
public sealed class TaskLifecycleTests : IClassFixture<TaskLifecycleTests.NoLimitsFixture>, IDisposable
{
    // Defaults: 5 s queued; RUNNING 2 s + 2.5 s per second of audio. speech.wav lasts 2.527875 s.
    private static readonly TimeSpan Queue = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan WavRun = TimeSpan.FromSeconds(2 + (2.5 * 2.527875));
    private static readonly Regex TaskTime = new(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$");

    private readonly NoLimitsFixture _fixture;
    private readonly LivePortraitEmulator _emulator;
    private readonly HttpClient _client;

    public TaskLifecycleTests(NoLimitsFixture fixture)
    {
        _fixture = fixture;
        _emulator = fixture.Emulator.Reset();
        _client = Api.Client(_emulator);
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task SubmitAnswersPendingWithUuids()
    {
        var result = await Api.SubmitAsync(_client, Api.SampleSynthesisBody(_emulator));
        Assert.Equal(200, result.Status);
        Assert.Equal("PENDING", result.TaskStatus);
        Assert.True(Guid.TryParse(result.TaskId, out _));
        Assert.True(Guid.TryParse(result.RequestId, out _));
        Assert.Equal(["output", "request_id"], result.Json.EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task SubmitWorksWithAndWithoutTheTrailingSlash()
    {
        var with = await Api.SubmitAsync(_client, Api.SampleSynthesisBody(_emulator), path: "services/aigc/image2video/video-synthesis/");
        var without = await Api.SubmitAsync(_client, Api.SampleSynthesisBody(_emulator), path: "services/aigc/image2video/video-synthesis");
        Assert.Equal(200, with.Status);
        Assert.Equal(200, without.Status);
        Assert.NotEqual(with.TaskId, without.TaskId);
    }

    [Fact]
    public async Task TaskGoesPendingRunningSucceededAtTheConfiguredTimes()
    {
        var start = _emulator.Now;
        var id = await Api.SubmitSampleAsync(_client, _emulator);

        _fixture.Advance(Queue - TimeSpan.FromMilliseconds(1));
        var pending = await Api.QueryAsync(_client, id);
        Assert.Equal("PENDING", pending.TaskStatus);
        Assert.Equal(Beijing(start), pending.OutputString("submit_time"));
        Assert.Null(pending.OutputString("scheduled_time"));
        Assert.False(pending.Json.TryGetProperty("usage", out _));

        _fixture.Advance(TimeSpan.FromMilliseconds(1));
        var running = await Api.QueryAsync(_client, id);
        Assert.Equal("RUNNING", running.TaskStatus);
        Assert.Equal(Beijing(start + Queue), running.OutputString("scheduled_time"));
        Assert.Null(running.OutputString("end_time"));

        _fixture.Advance(WavRun - TimeSpan.FromMilliseconds(2));
        Assert.Equal("RUNNING", (await Api.QueryAsync(_client, id)).TaskStatus);

        _fixture.Advance(TimeSpan.FromMilliseconds(2));
        var done = await Api.QueryAsync(_client, id);
        Assert.Equal("SUCCEEDED", done.TaskStatus);
        Assert.Equal(Beijing(start + Queue + WavRun), done.OutputString("end_time"));
        foreach (var field in new[] { "submit_time", "scheduled_time", "end_time" })
        {
            Assert.Matches(TaskTime, done.OutputString(field));
        }

        Assert.Equal(2.528, done.Json.GetProperty("usage").GetProperty("video_duration").GetDouble());
        Assert.Equal("standard", done.Json.GetProperty("usage").GetProperty("video_ratio").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Object, done.Output.GetProperty("results").ValueKind);
    }

    [Fact]
    public async Task VideoDurationIsTheMp3sRealDuration()
    {
        var id = await Api.SubmitSampleAsync(_client, _emulator, SampleMediaFile.SpeechMp3);
        _fixture.Advance(TimeSpan.FromMinutes(2));
        var done = await Api.QueryAsync(_client, id);
        Assert.Equal("SUCCEEDED", done.TaskStatus);

        // ffprobe reports 2.628000 s for the shipped MP3 (73 frames of 576 samples at 16 kHz).
        Assert.Equal(2.628, done.Json.GetProperty("usage").GetProperty("video_duration").GetDouble());
    }

    [Fact]
    public async Task ResultVideoIsServedUntil24HoursAfterTheEnd()
    {
        var id = await Api.SubmitSampleAsync(_client, _emulator);
        _fixture.Advance(TimeSpan.FromMinutes(1));
        var done = await Api.QueryAsync(_client, id);
        var videoUrl = new Uri(done.Output.GetProperty("results").GetProperty("video_url").GetString()!);
        Assert.True(videoUrl.IsLoopback);
        Assert.Equal(_emulator.Port, videoUrl.Port);

        using var plain = new HttpClient();
        var video = await plain.GetByteArrayAsync(videoUrl);
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(video, 4, 4));
        Assert.InRange(video.Length, 1_000, 100_000);

        var end = _emulator.FindTask(id)!.EndTime!.Value;
        _fixture.Advance(end + TimeSpan.FromHours(24) - _emulator.Now - TimeSpan.FromSeconds(1));
        Assert.Equal(200, (int)(await plain.GetAsync(videoUrl)).StatusCode);

        _fixture.Advance(TimeSpan.FromSeconds(1));
        var expired = await plain.GetAsync(videoUrl);
        Assert.True((int)expired.StatusCode is 403 or 404, $"{expired.StatusCode}");

        var tampered = new Uri(videoUrl.ToString().Replace("Signature=", "Signature=0", StringComparison.Ordinal));
        Assert.NotEqual(200, (int)(await plain.GetAsync(tampered)).StatusCode);
    }

    [Fact]
    public async Task AnExpiredOrTamperedResultUrlIs403WithAnObjectStorageXmlErrorNamingWhich()
    {
        var id = await Api.SubmitSampleAsync(_client, _emulator);
        _fixture.Advance(TimeSpan.FromMinutes(1));
        var url = (await Api.QueryAsync(_client, id)).Output.GetProperty("results").GetProperty("video_url").GetString()!;
        using var plain = new HttpClient();

        var tampered = await plain.GetAsync(url.Replace("Signature=", "Signature=0", StringComparison.Ordinal));
        var tamperedText = await tampered.Content.ReadAsStringAsync();
        Assert.Equal((403, "application/xml"), ((int)tampered.StatusCode, tampered.Content.Headers.ContentType?.MediaType));
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", tamperedText, StringComparison.Ordinal);

        var end = _emulator.FindTask(id)!.EndTime!.Value;
        _fixture.Advance(end + TimeSpan.FromHours(24) - _emulator.Now);
        var expired = await plain.GetAsync(url);
        var expiredText = await expired.Content.ReadAsStringAsync();
        Assert.Equal((403, "application/xml"), ((int)expired.StatusCode, expired.Content.Headers.ContentType?.MediaType));
        Assert.Contains("<Code>AccessDenied</Code><Message>Request has expired.</Message>", expiredText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TamperedResultUrlIsRefusedWhileTheTaskIsFresh()
    {
        var id = await Api.SubmitSampleAsync(_client, _emulator);
        _fixture.Advance(TimeSpan.FromMinutes(1));
        var url = (await Api.QueryAsync(_client, id)).Output.GetProperty("results").GetProperty("video_url").GetString()!;
        using var plain = new HttpClient();
        var response = await plain.GetAsync(Regex.Replace(url, "Expires=\\d+", "Expires=9999999999"));
        Assert.Equal(403, (int)response.StatusCode);
    }

    [Fact]
    public async Task TaskReadsUnknown24HoursAfterItEnded()
    {
        var id = await Api.SubmitSampleAsync(_client, _emulator);
        _fixture.Advance(TimeSpan.FromMinutes(1));
        var end = _emulator.FindTask(id)!.EndTime!.Value;
        _fixture.Advance(end + TimeSpan.FromHours(24) - _emulator.Now - TimeSpan.FromMilliseconds(1));
        Assert.Equal("SUCCEEDED", (await Api.QueryAsync(_client, id)).TaskStatus);

        _fixture.Advance(TimeSpan.FromMilliseconds(1));
        var gone = await Api.QueryAsync(_client, id);
        Assert.Equal(200, gone.Status);
        Assert.Equal("UNKNOWN", gone.TaskStatus);
        Assert.Equal(id, gone.TaskId);
        Assert.Null(gone.OutputString("submit_time"));
    }

    [Fact]
    public async Task NeverExistingIdReadsUnknown()
    {
        var id = Guid.NewGuid().ToString();
        var result = await Api.QueryAsync(_client, id);
        Assert.Equal(200, result.Status);
        Assert.Equal("UNKNOWN", result.TaskStatus);
        Assert.Equal(["task_id", "task_status"], result.Output.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task OnlyOneTaskPerAccountRunsAndTheRestWaitInOrder()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await Api.SubmitSampleAsync(_client, _emulator));
            _fixture.Advance(TimeSpan.FromMilliseconds(10));
        }

        _fixture.Advance(Queue + TimeSpan.FromSeconds(1));
        Assert.Equal(["RUNNING", "PENDING", "PENDING"], await StatusesAsync(ids));

        _fixture.Advance(WavRun);
        Assert.Equal(["SUCCEEDED", "RUNNING", "PENDING"], await StatusesAsync(ids));

        _fixture.Advance(WavRun);
        Assert.Equal(["SUCCEEDED", "SUCCEEDED", "RUNNING"], await StatusesAsync(ids));

        // Each one starts exactly when the one before ends.
        var tasks = ids.Select(id => _emulator.FindTask(id)!).ToList();
        Assert.Equal(tasks[0].EndTime, tasks[1].ScheduledTime);
        Assert.Equal(tasks[1].EndTime, tasks[2].ScheduledTime);
    }

    [Fact]
    public async Task AnotherAccountsTaskRunsAlongside()
    {
        _emulator.AddAccount("lifecycle-other", "sk-lifecycle-other");
        using var other = Api.Client(_emulator, "sk-lifecycle-other");
        var mine = await Api.SubmitSampleAsync(_client, _emulator);
        var theirs = await Api.SubmitSampleAsync(other, _emulator);
        _fixture.Advance(Queue);
        Assert.Equal("RUNNING", (await Api.QueryAsync(_client, mine)).TaskStatus);
        Assert.Equal("RUNNING", (await Api.QueryAsync(other, theirs)).TaskStatus);
    }

    [Fact]
    public async Task CancelWorksOnlyWhilePending()
    {
        var first = await Api.SubmitSampleAsync(_client, _emulator);
        var second = await Api.SubmitSampleAsync(_client, _emulator);

        var cancelled = await Api.CancelAsync(_client, second);
        Assert.Equal(200, cancelled.Status);
        Assert.Equal(["request_id"], cancelled.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("CANCELED", (await Api.QueryAsync(_client, second)).TaskStatus);

        _fixture.Advance(Queue);
        var running = await Api.CancelAsync(_client, first);
        Assert.Equal(400, running.Status);
        Assert.Equal("UnsupportedOperation", running.Code);
        Assert.Equal("Failed to cancel the task, please confirm if the task is in PENDING status.", running.Message);

        var again = await Api.CancelAsync(_client, second);
        Assert.Equal(400, again.Status);
        Assert.Equal("UnsupportedOperation", again.Code);

        var unknown = await Api.CancelAsync(_client, Guid.NewGuid().ToString());
        Assert.Equal("UnsupportedOperation", unknown.Code);

        _fixture.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("SUCCEEDED", (await Api.QueryAsync(_client, first)).TaskStatus);
        Assert.Equal("CANCELED", (await Api.QueryAsync(_client, second)).TaskStatus);
    }

    [Fact]
    public async Task CancelledTaskDoesNotHoldUpTheQueue()
    {
        var first = await Api.SubmitSampleAsync(_client, _emulator);
        var second = await Api.SubmitSampleAsync(_client, _emulator);
        var third = await Api.SubmitSampleAsync(_client, _emulator);
        await Api.CancelAsync(_client, second);
        _fixture.Advance(Queue + WavRun);
        Assert.Equal(["SUCCEEDED", "CANCELED", "RUNNING"], await StatusesAsync([first, second, third]));
    }

    [Fact]
    public async Task TransitionsAreRaisedOncePerChangeInOrder()
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
            var id = await Api.SubmitSampleAsync(_client, _emulator);

            // No request in between: the timer on the fake clock applies the transitions by itself.
            _fixture.Clock.Advance(TimeSpan.FromMinutes(1));
            lock (seen)
            {
                var mine = seen.Where(t => t.TaskId == id).ToList();
                Assert.Equal([EmulatedTaskStatus.Pending, EmulatedTaskStatus.Running, EmulatedTaskStatus.Succeeded], mine.Select(t => t.To));
                Assert.Equal([null, EmulatedTaskStatus.Pending, EmulatedTaskStatus.Running], mine.Select(t => t.From));
            }
        }
        finally
        {
            _emulator.TaskTransitioned -= Record;
        }
    }

    private static string Beijing(DateTimeOffset instant) =>
        instant.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<string[]> StatusesAsync(IEnumerable<string> ids)
    {
        var result = new List<string>();
        foreach (var id in ids)
        {
            result.Add((await Api.QueryAsync(_client, id)).TaskStatus);
        }

        return result.ToArray();
    }

    public sealed class NoLimitsFixture : LivePortraitEmulatorFixture
    {
        protected override void Configure(EmulatorOptions options) => options.DisableRateLimits = true;
    }
}
