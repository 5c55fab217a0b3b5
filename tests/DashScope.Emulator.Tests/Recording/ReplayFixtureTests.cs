using DashScope.Emulator.Recording;
using DashScope.Emulator.Tests.Support;
using DashScope.Emulator.Xunit;

namespace DashScope.Emulator.Tests.Recording;

/// <summary>A fixture that replays a committed cassette instead of emulating: one line in <see cref="Configure"/>.</summary>
public sealed class ReplayingFixture : LivePortraitEmulatorFixture
{
    public static readonly string CassettePath = Path.Combine(AppContext.BaseDirectory, "Cassettes", "liveportrait-session.json");

    protected override void Configure(EmulatorOptions options) => options.Replay = CassetteFile.Load(CassettePath);
}

public sealed class ReplayFixtureTests(ReplayingFixture fixture) : IClassFixture<ReplayingFixture>
{
    [Fact]
    public async Task The_fixture_replays_the_cassette_and_its_clock_fast_forwards_the_task()
    {
        var cassette = CassetteFile.Load(ReplayingFixture.CassettePath);
        var timeline = cassette.Tasks[0].Timeline;
        using var client = fixture.CreateClient();

        var submit = await Api.SubmitAsync(client, Api.SampleSynthesisBody(fixture.Emulator));
        Assert.Equal("PENDING", (await Api.QueryAsync(client, submit.TaskId)).TaskStatus);
        fixture.Advance(TimeSpan.FromSeconds(timeline[^1].FirstSeen));
        var done = await Api.QueryAsync(client, submit.TaskId);

        Assert.True(fixture.Emulator.IsReplaying);
        Assert.Equal("SUCCEEDED", done.TaskStatus);
        Assert.Equal(submit.TaskId, done.TaskId);
        Assert.Empty(fixture.Emulator.ReplayMisses);
    }
}
