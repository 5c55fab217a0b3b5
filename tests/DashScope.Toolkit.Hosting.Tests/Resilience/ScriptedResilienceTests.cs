using System.Net;
using DashScope.LivePortrait;
using DashScope.Toolkit.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Polly.Timeout;

namespace DashScope.Toolkit.Hosting.Tests.Resilience;

/// <summary>
/// AddDashScopeResilience through the real standard pipeline that IHttpClientFactory builds, against scripted
/// answers: submits are never sent twice except after a 429, polls ride out 5xx and wait out Retry-After.
/// </summary>
public sealed class ScriptedResilienceTests
{
    private static readonly Uri Base = new("http://127.0.0.1:5/api/v1");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 12, 26, 3, 33, 3, TimeSpan.Zero));

    private static VideoSynthesisRequest Request() => new()
    {
        Input = new VideoSynthesisInput { ImageUrl = "https://example.com/portrait.png", AudioUrl = "https://example.com/speech.wav" },
    };

    private ClientHost Host(ScriptedServer server, Action<IHttpClientBuilder>? resilience = null, Action<LivePortraitClientOptions>? options = null) =>
        new(_clock, () => server, Base, "sk-scripted", resilience, options);

    [Fact]
    public async Task A_submit_answered_503_is_sent_exactly_once()
    {
        var server = new ScriptedServer(_clock)
            .Then(HttpStatusCode.ServiceUnavailable, Answers.Error("InternalError"))
            .Then(HttpStatusCode.OK, Answers.Submitted);
        using var host = Host(server);

        var error = await Assert.ThrowsAsync<DashScopeApiException>(() => FakeClock.Drive(_clock, host.Client.SubmitAsync(Request())));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        var sent = Assert.Single(server.Requests);
        Assert.True(sent.AsyncHeader);
        Assert.Equal(DashScopeOperations.Submit, sent.Operation);
    }

    [Fact]
    public async Task The_plain_standard_handler_would_send_that_submit_twice()
    {
        // Why AddDashScopeResilience exists: the same script under AddStandardResilienceHandler makes two tasks.
        var server = new ScriptedServer(_clock)
            .Then(HttpStatusCode.ServiceUnavailable, Answers.Error("InternalError"))
            .Then(HttpStatusCode.OK, Answers.Submitted);
        using var host = Host(server, ClientHost.StandardHandler);

        await FakeClock.Drive(_clock, host.Client.SubmitAsync(Request()));

        Assert.Equal(2, server.Requests.Count(r => r.AsyncHeader));
    }

    [Fact]
    public async Task A_submit_that_times_out_is_not_sent_again()
    {
        var server = new ScriptedServer(_clock).ThenNoAnswer().Then(HttpStatusCode.OK, Answers.Submitted);
        using var host = Host(server);

        // The pipeline's timeout reaches the caller as a transport failure, as a dropped connection would.
        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => FakeClock.Drive(_clock, host.Client.SubmitAsync(Request()), TimeSpan.FromSeconds(1)));

        Assert.IsType<TimeoutRejectedException>(failure.InnerException);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_submit_answered_429_is_sent_again_after_its_Retry_After()
    {
        var server = new ScriptedServer(_clock)
            .Then(HttpStatusCode.TooManyRequests, Answers.Error("Throttling.RateQuota"), retryAfter: TimeSpan.FromSeconds(7))
            .Then(HttpStatusCode.OK, Answers.Submitted);
        // The client's own throttling retry is off, so only the handler can have sent the second request.
        using var host = Host(server, options: o => o.MaxSubmitRetriesOnThrottling = 0);

        var submission = await FakeClock.Drive(_clock, host.Client.SubmitAsync(Request()));

        Assert.Equal(Answers.TaskId, submission.Output.TaskId);
        Assert.Equal(2, server.Requests.Count);
        Assert.True(server.Requests[1].At - server.Requests[0].At >= TimeSpan.FromSeconds(7),
            $"The second submit left {server.Requests[1].At - server.Requests[0].At} after the first.");
    }

    [Fact]
    public async Task A_poll_answered_503_is_retried_inside_one_poll()
    {
        var server = new ScriptedServer(_clock)
            .Then(HttpStatusCode.ServiceUnavailable, Answers.Error("InternalError"))
            .Then(HttpStatusCode.OK, Answers.Succeeded);
        // The wait loop may not re-poll after a fault, so the task can only be read if the handler retried.
        using var host = Host(server, options: o => o.Wait.MaxConsecutiveTransientFailures = 0);

        var done = await FakeClock.Drive(_clock, host.Client.WaitForCompletionAsync(Answers.TaskId));

        Assert.Equal("SUCCEEDED", done.Output.TaskStatus.Value);
        Assert.Equal([DashScopeOperations.Poll, DashScopeOperations.Poll], server.Requests.Select(r => r.Operation));
        Assert.All(server.Requests, r => Assert.Equal(HttpMethod.Get, r.Method));
    }

    [Fact]
    public async Task A_poll_the_pipeline_gives_up_on_is_polled_again_by_the_wait()
    {
        // Two attempts that never answer: the pipeline's attempt timeouts end the request with its own
        // rejection, which the client must treat as a transport fault and poll again.
        var server = new ScriptedServer(_clock).ThenNoAnswer().ThenNoAnswer().Then(HttpStatusCode.OK, Answers.Succeeded);
        using var host = Host(server, b => b.AddDashScopeResilience(o =>
        {
            o.Retry.MaxRetryAttempts = 1;
            o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(5);
            o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(30);
        }));

        var done = await FakeClock.Drive(_clock, host.Client.WaitForCompletionAsync(Answers.TaskId));

        Assert.Equal("SUCCEEDED", done.Output.TaskStatus.Value);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_poll_answered_429_waits_out_its_Retry_After()
    {
        var server = new ScriptedServer(_clock)
            .Then(HttpStatusCode.TooManyRequests, Answers.Error("Throttling"), retryAfter: TimeSpan.FromSeconds(7))
            .Then(HttpStatusCode.OK, Answers.Succeeded);
        using var host = Host(server, options: o => o.Wait.MaxConsecutiveTransientFailures = 0);

        var done = await FakeClock.Drive(_clock, host.Client.WaitForCompletionAsync(Answers.TaskId));

        Assert.Equal("SUCCEEDED", done.Output.TaskStatus.Value);
        Assert.Equal(2, server.Requests.Count);
        // The standard backoff starts at 2 s; only the header can explain a pause of 7 s or more.
        Assert.True(server.Requests[1].At - server.Requests[0].At >= TimeSpan.FromSeconds(7),
            $"The second poll left {server.Requests[1].At - server.Requests[0].At} after the first.");
    }

    [Fact]
    public async Task Options_given_to_AddDashScopeResilience_apply_and_cannot_lift_the_rule()
    {
        var server = new ScriptedServer(_clock)
            .Then(HttpStatusCode.ServiceUnavailable, Answers.Error("InternalError"))
            .Then(HttpStatusCode.ServiceUnavailable, Answers.Error("InternalError"))
            .Then(HttpStatusCode.OK, Answers.Submitted);
        using var host = Host(server, b => b.AddDashScopeResilience(o =>
        {
            o.Retry.MaxRetryAttempts = 5;
            o.Retry.ShouldHandle = _ => ValueTask.FromResult(true);
        }));

        await Assert.ThrowsAsync<DashScopeApiException>(() => FakeClock.Drive(_clock, host.Client.SubmitAsync(Request())));

        Assert.Single(server.Requests);
    }
}
