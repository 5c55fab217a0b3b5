using DashScope.Emulator.Recording;
using DashScope.Emulator.Tests.Support;
using DashScope.Emulator.Xunit;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Emulator.Tests.Recording;

/// <summary>A fixture that records: its emulator forwards to an upstream and writes the cassette when the class is done.</summary>
public sealed class RecordingFixture : LivePortraitEmulatorFixture, IDisposable
{
    public static readonly string CassettePath = Path.Combine(RecordingRig.CassetteDirectory, "fixture-recording.json");

    public FakeTimeProvider UpstreamClock { get; } = new();

    public LivePortraitEmulator Upstream { get; }

    public RecordingFixture() => Upstream = LivePortraitEmulator.Start(o =>
    {
        o.TimeProvider = UpstreamClock;
        o.DemoApiKey = RecordingRig.UpstreamKey;
    });

    public void Dispose() => Upstream.Dispose();

    protected override void Configure(EmulatorOptions options) =>
        options.Recording = new RecordingOptions(Upstream.Url) { CassettePath = CassettePath, Clock = UpstreamClock };
}

public sealed class RecordingFixtureTests(RecordingFixture fixture) : IClassFixture<RecordingFixture>
{
    [Fact]
    public async Task The_fixture_records_what_its_clients_send_with_the_upstream_s_key()
    {
        using var client = fixture.CreateClient(RecordingRig.UpstreamKey);

        var submit = await Api.SubmitAsync(client, Api.SampleSynthesisBody(fixture.Upstream));
        await Api.QueryAsync(client, submit.TaskId);
        fixture.Upstream.AdvanceClock(TimeSpan.FromMinutes(5));
        var done = await Api.QueryAsync(client, submit.TaskId);

        Assert.True(fixture.Emulator.IsRecording);
        Assert.Equal("SUCCEEDED", done.TaskStatus);
        var cassette = fixture.Emulator.RecordedCassette!;
        Assert.Equal(submit.TaskId, Assert.Single(cassette.Tasks).TaskId);
        Assert.Equal(["PENDING", "SUCCEEDED"], cassette.Tasks[0].Timeline.Select(e => e.Status));
        Assert.Equal(300, cassette.Tasks[0].Timeline[1].FirstSeen);
    }

    [Fact]
    public void Generated_clients_of_a_recording_fixture_run_on_the_system_clock()
    {
        var options = fixture.Configure(new DashScope.Toolkit.DashScopeClientOptions(), RecordingRig.UpstreamKey);

        Assert.Same(TimeProvider.System, options.TimeProvider);
        Assert.Equal(RecordingRig.UpstreamKey, options.ApiKey);
    }
}
