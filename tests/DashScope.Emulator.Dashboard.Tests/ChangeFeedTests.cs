using System.Net.Http.Json;
using System.Text.Json;
using DashScope.Emulator.Control;
using DashScope.Emulator.Dashboard.Tests.Support;
using DashScope.Emulator.Media;
using DashScope.Emulator.Tasks;
using DashScope.Emulator.Tests.Support;

namespace DashScope.Emulator.Dashboard.Tests;

/// <summary>The admin API's board snapshot, change feed and event stream, read as JSON clients read them.</summary>
public sealed class ChangeFeedTests : IClassFixture<DashboardFixture>, IDisposable
{
    private static readonly TimeSpan StreamPatience = TimeSpan.FromSeconds(30);

    private readonly LivePortraitEmulator _emulator;
    private readonly HttpClient _client;
    private readonly HttpClient _admin;

    public ChangeFeedTests(DashboardFixture fixture)
    {
        _emulator = fixture.Emulator.Reset();
        _emulator.AddAccount("feed-b", "sk-feed-b");
        _client = Api.Client(_emulator);
        _admin = new HttpClient { BaseAddress = new Uri(_emulator.Url, LivePortraitEmulator.AdminPathPrefix) };
    }

    public void Dispose()
    {
        _client.Dispose();
        _admin.Dispose();
    }

    [Fact]
    public async Task TheBoardShowsEachTasksTimelineInputsAndPlayableResult()
    {
        var id = await Api.SubmitSampleAsync(_client, _emulator);
        _emulator.AdvanceClock(TimeSpan.FromSeconds(20));

        var text = await _admin.GetStringAsync("board");
        var board = JsonSerializer.Deserialize<DashboardUpdate>(text, LivePortraitEmulator.AdminJson)!;
        Assert.True(board.Full);
        var task = Assert.Single(board.Tasks);
        Assert.Equal((id, EmulatedTaskStatus.Succeeded, "demo"), (task.TaskId, task.Status, task.AccountId));
        Assert.Equal((5.0, 8.32, 13.32, 2.528), (task.QueuedSeconds, task.RunningSeconds, task.TotalSeconds, task.AudioSeconds));
        Assert.Equal(_emulator.SampleUrl(SampleMediaFile.Portrait).ToString(), task.ImageUrl);
        Assert.Contains(board.Journal, e => e.TaskId == id && e.StatusCode == 200 && e.LatencyMilliseconds > 0);
        Assert.Contains(board.Accounts!, a => a.AccountId == "feed-b" && a.KeyCount == 1);
        Assert.DoesNotContain(_emulator.DemoApiKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-feed-b", text, StringComparison.Ordinal);

        using var video = await _admin.GetAsync(task.ResultUrl);
        Assert.Equal((200, "video/mp4"), ((int)video.StatusCode, video.Content.Headers.ContentType!.MediaType));
    }

    [Fact]
    public async Task AChangeCarriesOnlyWhatChanged()
    {
        using var other = Api.Client(_emulator, "sk-feed-b");
        var held = await Api.SubmitSampleAsync(_client, _emulator);
        var moving = await Api.SubmitSampleAsync(other, _emulator);
        var start = (await _admin.GetFromJsonAsync<DashboardUpdate>("board", LivePortraitEmulator.AdminJson))!;

        Assert.Equal(200, (int)(await _admin.PostAsync($"tasks/{held}/hold", null)).StatusCode);
        var afterHold = (await _admin.GetFromJsonAsync<DashboardUpdate>($"changes?since={start.Version}", LivePortraitEmulator.AdminJson))!;
        Assert.False(afterHold.Full);
        Assert.Equal(held, Assert.Single(afterHold.Tasks).TaskId);
        Assert.True(afterHold.Tasks[0].IsHeld);
        Assert.Empty(afterHold.Journal);
        Assert.Null(afterHold.Clock);
        Assert.Null(afterHold.Faults);

        _emulator.AdvanceClock(TimeSpan.FromSeconds(6));
        var afterAdvance = (await _admin.GetFromJsonAsync<DashboardUpdate>($"changes?since={afterHold.Version}", LivePortraitEmulator.AdminJson))!;
        Assert.Equal((moving, EmulatedTaskStatus.Running), (Assert.Single(afterAdvance.Tasks).TaskId, afterAdvance.Tasks[0].Status));
        Assert.Equal(_emulator.Now, afterAdvance.Clock!.Now);

        var nothing = (await _admin.GetFromJsonAsync<DashboardUpdate>($"changes?since={afterAdvance.Version}", LivePortraitEmulator.AdminJson))!;
        Assert.Equal(afterAdvance.Version, nothing.Version);
        Assert.Empty(nothing.Tasks);

        // After a reset a reader is sent the whole (now empty) state, not a change to what it held.
        _emulator.Reset();
        var restart = (await _admin.GetFromJsonAsync<DashboardUpdate>($"changes?since={afterAdvance.Version}", LivePortraitEmulator.AdminJson))!;
        Assert.True(restart.Full);
        Assert.Empty(restart.Tasks);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public async Task AMalformedVersionIsAClearBadRequest(string since)
    {
        using var response = await _admin.GetAsync("changes?since=" + since);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("\"since\" must be a version number", await AdminErrors.MessageAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheEventStreamSendsTheStateThenOnlyChangesAndResumesFromTheLastEvent()
    {
        var first = await Api.SubmitSampleAsync(_client, _emulator);
        using var cancel = new CancellationTokenSource(StreamPatience);
        long version;
        using (var stream = await EventReader.OpenAsync(_admin, null, cancel.Token))
        {
            var state = await stream.NextAsync(cancel.Token);
            Assert.True(state.Full);
            Assert.Equal(first, Assert.Single(state.Tasks).TaskId);

            var second = await Api.SubmitSampleAsync(_client, _emulator);
            var change = await stream.NextAsync(cancel.Token);
            Assert.False(change.Full);
            Assert.Equal(second, Assert.Single(change.Tasks).TaskId);
            Assert.Contains(change.Journal, e => e.TaskId == second);
            version = change.Version;
        }

        _emulator.AdvanceClock(TimeSpan.FromSeconds(6));
        using var resumed = await EventReader.OpenAsync(_admin, version, cancel.Token);
        var missed = await resumed.NextAsync(cancel.Token);
        Assert.False(missed.Full);
        Assert.Equal((first, EmulatedTaskStatus.Running), (Assert.Single(missed.Tasks).TaskId, missed.Tasks[0].Status));
        Assert.NotNull(missed.Clock);
    }

    [Fact]
    public async Task StoredUploadsAreListedWithTheirExpiry()
    {
        using var download = new HttpClient();
        var portrait = await download.GetByteArrayAsync(_emulator.SampleUrl(SampleMediaFile.Portrait));
        var url = await Uploader.UploadAsync(_client, "liveportrait", "face.png", portrait);

        var board = (await _admin.GetFromJsonAsync<DashboardUpdate>("board", LivePortraitEmulator.AdminJson))!;
        Assert.True(board.UploadsEnabled);
        var file = Assert.Single(board.Uploads!);
        Assert.Equal(("demo", "liveportrait", url["oss://".Length..], portrait.Length), (file.AccountId, file.Model, file.Key, (int)file.SizeBytes));
        Assert.Equal(TimeSpan.FromHours(48), file.ExpiresAt - file.UploadedAt);

        // Past its lifetime the file leaves the list, and a reader that held it is told.
        _emulator.AdvanceClock(TimeSpan.FromHours(49));
        var later = (await _admin.GetFromJsonAsync<DashboardUpdate>($"changes?since={board.Version}", LivePortraitEmulator.AdminJson))!;
        Assert.NotNull(later.Uploads);
        Assert.Empty(later.Uploads!);
    }
}
