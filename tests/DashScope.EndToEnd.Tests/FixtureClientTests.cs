using DashScope.Emulator;
using DashScope.EndToEnd.Tests.Support;
using DashScope.LivePortrait;
using DashScope.Toolkit;

namespace DashScope.EndToEnd.Tests;

/// <summary>
/// The fixture gives any generated client the emulator in one call (key, base address, fake clock, clock driver),
/// and a machine's real DASHSCOPE_API_KEY never reaches the emulator.
/// </summary>
[Collection(EnvironmentKeyCollection.Name)]
public sealed class FixtureClientTests(EndToEndFixture fixture) : IClassFixture<EndToEndFixture>
{
    private const string RealKey = "sk-real-key-of-this-machine-0123456789";

    [Fact]
    public async Task CreateClient_wires_a_generated_client_to_the_emulator_and_its_clock()
    {
        var client = fixture.CreateClient<LivePortraitClient>(o => o.Wait.MaxPollInterval = TimeSpan.FromSeconds(2));
        var before = fixture.Emulator.Journal.Count == 0 ? 0 : fixture.Emulator.Journal[^1].Sequence;

        var done = await fixture.ClockDriver.DriveAsync(
            client.GenerateAsync(Harness.Request(fixture.Emulator.SampleUrl(Emulator.Media.SampleMediaFile.Portrait), fixture.Emulator.SampleUrl(Emulator.Media.SampleMediaFile.SpeechWav))),
            TimeSpan.FromMilliseconds(250), TimeSpan.FromHours(1));

        Assert.Equal(LivePortraitTaskStatus.Succeeded, done.Output.TaskStatus);
        Assert.Equal((fixture.Emulator.DemoApiKey, fixture.BaseUrl), (client.Options.ApiKey, client.Options.BaseAddress));
        Assert.Same(fixture.Clock, client.Options.TimeProvider);
        Assert.Equal(TimeSpan.FromSeconds(2), client.Options.Wait.MaxPollInterval);
        Assert.All(fixture.Emulator.Journal.Where(e => e.Sequence > before), e => Assert.Equal(EmulatorOptions.DefaultDemoAccountId, e.AccountId));
    }

    [Fact]
    public async Task The_machines_real_key_is_never_sent_to_the_emulator()
    {
        var saved = Environment.GetEnvironmentVariable("DASHSCOPE_API_KEY");
        Environment.SetEnvironmentVariable("DASHSCOPE_API_KEY", RealKey);
        try
        {
            var before = fixture.Emulator.Journal.Count;

            // Made by the fixture: the emulator's key is set, so the variable is not even read.
            var wired = fixture.CreateClient<LivePortraitClient>();
            var listed = await wired.ListTasksAsync();

            // Made by hand over the fixture's raw client, with no key in the options: the client falls back to the
            // variable, and the fixture's guard refuses to let it out.
            using var raw = fixture.CreateClient();
            var careless = new LivePortraitClient(raw, new LivePortraitClientOptions { BaseAddress = fixture.BaseUrl });
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => careless.ListTasksAsync());

            Assert.False(string.IsNullOrEmpty(listed.RequestId));
            Assert.Contains("DASHSCOPE_API_KEY", refused.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(RealKey, refused.Message, StringComparison.Ordinal);
            Assert.Equal(before + 1, fixture.Emulator.Journal.Count);
            Assert.Equal(EmulatorOptions.DefaultDemoAccountId, fixture.Emulator.Journal[^1].AccountId);
        }
        finally
        {
            Environment.SetEnvironmentVariable("DASHSCOPE_API_KEY", saved);
        }
    }

    [Fact]
    public void Configure_sets_key_address_and_clock_on_any_options()
    {
        var options = fixture.Configure(new LivePortraitClientOptions(), apiKey: "sk-other");

        Assert.Equal(("sk-other", fixture.BaseUrl), (options.ApiKey, options.BaseAddress));
        Assert.Same(fixture.Clock, options.TimeProvider);
    }
}

/// <summary>Tests that change the process's DASHSCOPE_API_KEY run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentKeyCollection
{
    public const string Name = "DASHSCOPE_API_KEY";
}
