using System.Net;
using DashScope.LivePortrait;
using DashScope.Toolkit.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Polly;

namespace DashScope.Toolkit.Hosting.Tests.Resilience;

/// <summary>
/// A throttled submit is repeated by one layer: the resilience pipeline when AddDashScopeResilience is there, the
/// client's own loop otherwise. With both, three retries in each would make sixteen sends.
/// </summary>
public sealed class ThrottlingRetryLayerTests
{
    private static readonly Uri Base = new("http://127.0.0.1:5/api/v1");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 12, 26, 3, 33, 3, TimeSpan.Zero));

    private static VideoSynthesisRequest Request() => new()
    {
        Input = new VideoSynthesisInput { ImageUrl = "https://example.com/portrait.png", AudioUrl = "https://example.com/speech.wav" },
    };

    private ScriptedServer AlwaysThrottled()
    {
        var server = new ScriptedServer(_clock);
        for (var i = 0; i < 30; i++) { server.Then(HttpStatusCode.TooManyRequests, Answers.Error("Throttling.RateQuota")); }
        return server;
    }

    [Fact]
    public async Task Under_AddDashScopeResilience_a_throttled_submit_is_sent_once_plus_the_pipeline_s_retries()
    {
        var server = AlwaysThrottled();
        using var host = new ClientHost(_clock, () => server, Base, "sk-scripted", b => b.AddDashScopeResilience(o => o.Retry.MaxRetryAttempts = 2),
            o => o.MaxSubmitRetriesOnThrottling = 5);

        var error = await Assert.ThrowsAsync<DashScopeApiException>(() => FakeClock.Drive(_clock, host.Client.SubmitAsync(Request())));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        // 1 + the pipeline's 2; the client's 5 would have made it 3 × 6 = 18.
        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal(DashScopeOperations.Submit, r.Operation));
    }

    [Fact]
    public async Task Under_AddDashScopeResilience_a_submit_throttled_less_often_than_the_pipeline_retries_creates_its_task()
    {
        var server = new ScriptedServer(_clock)
            .Then(HttpStatusCode.TooManyRequests, Answers.Error("Throttling.RateQuota"))
            .Then(HttpStatusCode.TooManyRequests, Answers.Error("Throttling.RateQuota"))
            .Then(HttpStatusCode.OK, Answers.Submitted);
        using var host = new ClientHost(_clock, () => server, Base, "sk-scripted", b => b.AddDashScopeResilience(), o => o.MaxSubmitRetriesOnThrottling = 0);

        var submission = await FakeClock.Drive(_clock, host.Client.SubmitAsync(Request()));

        Assert.Equal(Answers.TaskId, submission.Output.TaskId);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Without_a_pipeline_that_marks_its_requests_the_client_repeats_a_throttled_submit_itself()
    {
        var server = AlwaysThrottled();
        // The plain standard handler does not mark requests; its retry is limited to GETs here, so only the client repeats.
        using var host = new ClientHost(_clock, () => server, Base, "sk-scripted", b => b.AddStandardResilienceHandler(o =>
            o.Retry.ShouldHandle = args => ValueTask.FromResult(args.Context.GetRequestMessage()?.Method == HttpMethod.Get)),
            o => o.MaxSubmitRetriesOnThrottling = 2);

        var error = await Assert.ThrowsAsync<DashScopeApiException>(() => FakeClock.Drive(_clock, host.Client.SubmitAsync(Request())));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public void The_mark_is_read_back_only_from_a_request_that_carries_it()
    {
        using var marked = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/");
        using var plain = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/");

        ThrottlingRetries.MarkRetriedByPipeline(marked);

        Assert.True(ThrottlingRetries.AreRetriedByPipeline(marked));
        Assert.False(ThrottlingRetries.AreRetriedByPipeline(plain));
    }
}
