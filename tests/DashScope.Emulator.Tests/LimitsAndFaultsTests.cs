using DashScope.Emulator.Faults;
using DashScope.Emulator.Tasks;
using DashScope.Emulator.Tests.Support;
using DashScope.Emulator.Xunit;

namespace DashScope.Emulator.Tests;

/// <summary>Rate limits are per account, at the schema's rates, and refill with the clock.</summary>
public sealed class RateLimitTests : IClassFixture<RateLimitTests.LimitedFixture>, IDisposable
{
    private readonly LimitedFixture _fixture;
    private readonly LivePortraitEmulator _emulator;
    private readonly HttpClient _client;

    public RateLimitTests(LimitedFixture fixture)
    {
        _fixture = fixture;
        _emulator = fixture.Emulator.Reset();
        _client = Api.Client(_emulator);

        // A fresh second for every test, so buckets refilled by Reset start full.
        _fixture.Advance(TimeSpan.FromSeconds(2));
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task SubmitsBeyondFivePerSecondAre429RateQuotaUntilTheClockMoves()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(200, (await Api.SubmitAsync(_client, Api.SampleSynthesisBody(_emulator))).Status);
        }

        var limited = await Api.SubmitAsync(_client, Api.SampleSynthesisBody(_emulator));
        Assert.Equal(429, limited.Status);
        Assert.Equal("Throttling.RateQuota", limited.Code);
        Assert.Equal("Requests rate limit exceeded, please try again later.", limited.Message);

        // Another account has its own budget.
        using var other = Api.Client(_emulator, "sk-limits-other");
        Assert.Equal(200, (await Api.SubmitAsync(other, Api.SampleSynthesisBody(_emulator))).Status);

        _fixture.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(200, (await Api.SubmitAsync(_client, Api.SampleSynthesisBody(_emulator))).Status);
        Assert.Equal(429, (await Api.SubmitAsync(_client, Api.SampleSynthesisBody(_emulator))).Status);
    }

    [Fact]
    public async Task QueriesBeyondTwentyPerSecondAre429()
    {
        var id = Guid.NewGuid().ToString();
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(200, (await Api.QueryAsync(_client, id)).Status);
        }

        var limited = await Api.QueryAsync(_client, id);
        Assert.Equal(429, limited.Status);
        Assert.Equal("Throttling.RateQuota", limited.Code);

        // The list has its own budget of 20 per second.
        Assert.Equal(200, (await Api.ListAsync(_client)).Status);
    }

    [Fact]
    public async Task TooManyUnfinishedTasksAre429Throttling()
    {
        for (var i = 0; i < 8; i++)
        {
            // Spaced out so the per-second rate limit is not what stops them.
            _fixture.Advance(TimeSpan.FromMilliseconds(200));
            Assert.Equal(200, (await Api.SubmitAsync(_client, Api.SampleSynthesisBody(_emulator))).Status);
        }

        _fixture.Advance(TimeSpan.FromMilliseconds(200));
        var throttled = await Api.SubmitAsync(_client, Api.SampleSynthesisBody(_emulator));
        Assert.Equal(429, throttled.Status);
        Assert.Equal("Throttling", throttled.Code);
        Assert.Equal("Requests throttling triggered.", throttled.Message);
    }

    public sealed class LimitedFixture : LivePortraitEmulatorFixture
    {
        protected override void Configure(EmulatorOptions options) => options.MaxUnfinishedTasksPerAccount = 8;

        protected override void OnStarted(LivePortraitEmulator emulator) => emulator.AddAccount("limits-other", "sk-limits-other");
    }
}

/// <summary>Scripted faults answer, delay or drop the next requests to one endpoint, then stop.</summary>
public sealed class FaultTests : IClassFixture<FaultTests.NoLimitsFixture>, IDisposable
{
    private readonly NoLimitsFixture _fixture;
    private readonly LivePortraitEmulator _emulator;
    private readonly HttpClient _client;

    public FaultTests(NoLimitsFixture fixture)
    {
        _fixture = fixture;
        _emulator = fixture.Emulator.Reset();
        _client = Api.Client(_emulator);
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task NextAnswersFailWithTheScriptedStatusAndBodyThenRecover()
    {
        _emulator.OnEndpoint(EmulatorEndpoint.QueryTask).Next(2).RespondWith(503, """{"code":"ServiceUnavailable","message":"try later"}""");
        var id = Guid.NewGuid().ToString();
        var first = await Api.QueryAsync(_client, id);
        var second = await Api.QueryAsync(_client, id);
        var third = await Api.QueryAsync(_client, id);
        Assert.Equal([503, 503, 200], [first.Status, second.Status, third.Status]);
        Assert.Equal("ServiceUnavailable", first.Code);
        Assert.Equal("UNKNOWN", third.TaskStatus);
        Assert.Empty(_emulator.Faults);
    }

    [Fact]
    public async Task ScriptedStatusWithoutBodyAnswersDashScopesEnvelope()
    {
        _emulator.OnEndpoint(EmulatorEndpoint.VideoSynthesis).Next().RespondWith(500);
        var result = await Api.SubmitAsync(_client, Api.SampleSynthesisBody(_emulator));
        Assert.Equal(500, result.Status);
        Assert.Equal("InternalError", result.Code);
        Assert.Empty(_emulator.GetTasks());
    }

    [Fact]
    public async Task FaultsHitOnlyTheirEndpoint()
    {
        _emulator.OnEndpoint(EmulatorEndpoint.CancelTask).Next().RespondWith(500);
        Assert.Equal(200, (await Api.QueryAsync(_client, "x")).Status);
        Assert.Single(_emulator.Faults);
    }

    [Fact]
    public async Task DelayHoldsTheAnswerUntilTheClockMoves()
    {
        _emulator.OnEndpoint(EmulatorEndpoint.QueryTask).Next().Delay(TimeSpan.FromSeconds(30));
        var pending = Api.QueryAsync(_client, "delayed");

        await Eventually.Until(() => _emulator.DelayedRequestCount > 0, "the query held by the delay");
        Assert.Equal(1, _emulator.DelayedRequestCount);
        _fixture.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(pending.IsCompleted);
        _fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var result = await pending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(200, result.Status);
        Assert.Equal("UNKNOWN", result.TaskStatus);
    }

    [Fact]
    public async Task DroppedConnectionGivesTheClientNoAnswer()
    {
        _emulator.OnEndpoint(EmulatorEndpoint.VideoSynthesis).Next().DropConnection();
        await Assert.ThrowsAsync<HttpRequestException>(() => Api.SubmitAsync(_client, Api.SampleSynthesisBody(_emulator)));
        Assert.Empty(_emulator.GetTasks());
        Assert.Contains(_emulator.Journal, e => e.Fault == nameof(FaultKind.DropConnection) && e.StatusCode == 0);

        Assert.Equal(200, (await Api.SubmitAsync(_client, Api.SampleSynthesisBody(_emulator))).Status);
    }

    [Fact]
    public async Task TaskCanBeForcedToFailedWithACode()
    {
        var id = await Api.SubmitSampleAsync(_client, _emulator);
        var forced = _emulator.ForceFailed(id, "InternalError.Upload");
        Assert.Equal(EmulatedTaskStatus.Failed, forced.Status);
        var result = await Api.QueryAsync(_client, id);
        Assert.Equal("FAILED", result.TaskStatus);
        Assert.Equal("InternalError.Upload", result.OutputString("code"));
        Assert.Equal("Failed to upload result.", result.OutputString("message"));

        // A forced end is final: the clock does not resurrect it.
        _fixture.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("FAILED", (await Api.QueryAsync(_client, id)).TaskStatus);
    }

    [Fact]
    public async Task NextTasksCanBeScriptedToFailWhenTheyRun()
    {
        _emulator.FailNextTasks(1, "InternalError.Algo");
        var failing = await Api.SubmitSampleAsync(_client, _emulator);
        var fine = await Api.SubmitSampleAsync(_client, _emulator);
        _fixture.Advance(TimeSpan.FromSeconds(5.5));
        Assert.Equal("RUNNING", (await Api.QueryAsync(_client, failing)).TaskStatus);
        _fixture.Advance(TimeSpan.FromMinutes(2));
        var failed = await Api.QueryAsync(_client, failing);
        Assert.Equal("FAILED", failed.TaskStatus);
        Assert.Equal("InternalError.Algo", failed.OutputString("code"));
        Assert.Equal("An internal error has occured during algorithm execution.", failed.OutputString("message"));
        Assert.Equal("SUCCEEDED", (await Api.QueryAsync(_client, fine)).TaskStatus);
    }

    [Fact]
    public async Task TaskCanBeStuckInPendingWithoutBlockingOthers()
    {
        _emulator.HoldNextTasksInPending(1);
        var stuck = await Api.SubmitSampleAsync(_client, _emulator);
        var next = await Api.SubmitSampleAsync(_client, _emulator);
        _fixture.Advance(TimeSpan.FromHours(1));
        Assert.Equal("PENDING", (await Api.QueryAsync(_client, stuck)).TaskStatus);
        Assert.Equal("SUCCEEDED", (await Api.QueryAsync(_client, next)).TaskStatus);

        // Still cancellable, like any PENDING task; or released to run.
        var other = await Api.SubmitSampleAsync(_client, _emulator);
        _emulator.HoldInPending(other);
        _fixture.Advance(TimeSpan.FromHours(1));
        Assert.Equal("PENDING", (await Api.QueryAsync(_client, other)).TaskStatus);
        Assert.Equal(200, (await Api.CancelAsync(_client, stuck)).Status);
        _emulator.ReleaseTask(other);
        _fixture.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("SUCCEEDED", (await Api.QueryAsync(_client, other)).TaskStatus);
    }

    public sealed class NoLimitsFixture : LivePortraitEmulatorFixture
    {
        protected override void Configure(EmulatorOptions options) => options.DisableRateLimits = true;
    }
}
