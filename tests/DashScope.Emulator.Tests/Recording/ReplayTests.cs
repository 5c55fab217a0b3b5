using DashScope.Emulator.Recording;
using DashScope.Emulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Emulator.Tests.Recording;

public sealed class ReplayTests : IAsyncLifetime
{
    private RecordingRig _rig = null!;
    private Cassette _cassette = null!;

    public async Task InitializeAsync()
    {
        _rig = new RecordingRig();
        await _rig.RunSessionAsync();
        _cassette = _rig.Cassette;
    }

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task A_replayed_task_moves_along_its_recorded_timeline_on_the_emulator_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var replay = LivePortraitEmulator.Start(o => { o.Replay = _cassette; o.TimeProvider = clock; });
        using var client = Api.Client(replay, "any-key-at-all");
        var timeline = _cassette.Tasks[0].Timeline;

        var submit = await Api.SubmitAsync(client, Api.SampleSynthesisBody(_rig.Upstream));
        Assert.Equal(200, submit.Status);
        Assert.NotEqual(_cassette.Tasks[0].TaskId, submit.TaskId);

        var seen = new List<string>();
        foreach (var entry in timeline)
        {
            clock.SetUtcNow(clock.Start + TimeSpan.FromSeconds(entry.FirstSeen));
            var poll = await Api.QueryAsync(client, submit.TaskId);
            seen.Add(poll.TaskStatus);
            Assert.Equal(submit.TaskId, poll.TaskId);
            // Just before the next status is first seen, it is still this one.
            clock.SetUtcNow(clock.Start + TimeSpan.FromSeconds(entry.LastSeen + 0.5));
            Assert.Equal(entry.Status, (await Api.QueryAsync(client, submit.TaskId)).TaskStatus);
        }

        Assert.Equal(["PENDING", "RUNNING", "SUCCEEDED"], seen);
        Assert.Empty(replay.ReplayMisses);
        Assert.True(replay.IsReplaying);
    }

    [Fact]
    public async Task Two_replayed_submits_are_two_tasks_each_on_its_own_timeline()
    {
        var clock = new FakeTimeProvider();
        await using var replay = LivePortraitEmulator.Start(o => { o.Replay = _cassette; o.TimeProvider = clock; });
        using var client = Api.Client(replay);
        var first = await Api.SubmitAsync(client, Api.SampleSynthesisBody(_rig.Upstream));
        clock.Advance(TimeSpan.FromSeconds(_cassette.Tasks[0].Timeline[1].FirstSeen));
        var second = await Api.SubmitAsync(client, Api.SampleSynthesisBody(_rig.Upstream));

        Assert.NotEqual(first.TaskId, second.TaskId);
        Assert.Equal("RUNNING", (await Api.QueryAsync(client, first.TaskId)).TaskStatus);
        Assert.Equal("PENDING", (await Api.QueryAsync(client, second.TaskId)).TaskStatus);
    }

    [Fact]
    public async Task Errors_and_other_calls_are_answered_as_recorded()
    {
        await using var replay = LivePortraitEmulator.Start(o => o.Replay = _cassette);
        using var client = Api.Client(replay);

        var badFps = await Api.SubmitAsync(client, Api.SampleSynthesisBody(_rig.Upstream, parameters: """{"video_fps":60}"""));
        var noHeader = await Api.SubmitAsync(client, Api.SampleSynthesisBody(_rig.Upstream), asyncHeader: false);
        var detect = await Api.DetectAsync(client, _rig.Upstream.SampleUrl(Media.SampleMediaFile.Portrait));
        var unknown = await Api.QueryAsync(client, "another-unknown-task");

        Assert.Equal((_rig.Log.BadFps.Status, _rig.Log.BadFps.Code, _rig.Log.BadFps.Message), (badFps.Status, badFps.Code, badFps.Message));
        Assert.Equal((_rig.Log.NoHeader.Status, _rig.Log.NoHeader.Code), (noHeader.Status, noHeader.Code));
        Assert.Equal(_rig.Log.Detect.Text, detect.Text);
        Assert.Equal(_rig.Log.Unknown.Status, unknown.Status);
        Assert.Equal("UNKNOWN", unknown.TaskStatus);
    }

    [Fact]
    public async Task The_policy_call_and_the_form_post_replay_through_the_emulator_itself()
    {
        await using var replay = LivePortraitEmulator.Start(o => o.Replay = _cassette);
        using var client = Api.Client(replay);

        var policy = await Uploader.PolicyAsync(client, "liveportrait");
        Assert.StartsWith(replay.Url.ToString(), policy.GetProperty("upload_host").GetString(), StringComparison.Ordinal);
        var posted = await Uploader.PostAsync(policy, Uploader.Fields(policy, "face.png"), "face.png", RecordingRig.UploadedBytes);

        Assert.Equal(_rig.Log.Upload!.Status, posted.Status);
    }

    [Fact]
    public async Task A_request_that_matches_nothing_gets_an_error_naming_the_closest_recording_and_how_it_differs()
    {
        await using var replay = LivePortraitEmulator.Start(o => o.Replay = _cassette);
        using var client = Api.Client(replay);

        var answer = await Api.SubmitAsync(client, Api.SampleSynthesisBody(_rig.Upstream, parameters: """{"video_fps":30,"mouth_move_strength":1.2}"""));

        Assert.Equal(400, answer.Status);
        Assert.Equal("ReplayNoMatch", answer.Code);
        // The out-of-range submit has parameters too: it differs by one field, the plain submit by three.
        var closest = _cassette.Exchanges.Single(e => e.Request.Body?["parameters"] is not null).Id;
        Assert.Contains($"The closest is exchange {closest} (POST /api/v1/services/aigc/image2video/video-synthesis/), which differs in: body field $.parameters.mouth_move_strength is not in the recording.", answer.Message, StringComparison.Ordinal);
        var miss = Assert.Single(replay.ReplayMisses);
        Assert.Equal(answer.Message, miss.Message);
        Assert.Equal("POST", miss.Method);
    }

    [Fact]
    public async Task A_missing_header_or_key_is_named_as_the_difference()
    {
        await using var replay = LivePortraitEmulator.Start(o => o.Replay = _cassette);
        using var noKey = Api.Client(replay, apiKey: "");

        var answer = await Api.QueryAsync(noKey, "whatever");

        Assert.Equal("ReplayNoMatch", answer.Code);
        Assert.Contains("the recording sent an API key, this request sends none", answer.Message, StringComparison.Ordinal);
    }
}
