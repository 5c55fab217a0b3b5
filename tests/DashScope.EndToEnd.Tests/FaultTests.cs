using DashScope.Testing;
using System.Net;
using System.Net.Http.Headers;
using DashScope.Emulator;
using DashScope.EndToEnd.Tests.Support;
using DashScope.LivePortrait;
using DashScope.Toolkit;

namespace DashScope.EndToEnd.Tests;

/// <summary>
/// Faults scripted in the emulator (429, 5xx, dropped connections, latency) and its own rate limits,
/// ridden out by the generated client's wait loop and submit retry, all on the fake clock.
/// </summary>
public sealed class FaultTests(EndToEndFixture fixture) : IClassFixture<EndToEndFixture>
{
    private static readonly TaskWaitOptions SteadyPolling = new()
    {
        InitialPollInterval = TimeSpan.FromSeconds(1),
        MaxPollInterval = TimeSpan.FromSeconds(2),
        JitterRatio = 0,
        Timeout = TimeSpan.FromMinutes(30),
    };

    [Fact]
    public async Task Server_errors_while_polling_are_ridden_out()
    {
        using var h = new Harness(fixture);
        h.Emulator.OnEndpoint(EmulatorEndpoint.QueryTask).Next(3).RespondWith(503);
        h.Emulator.OnEndpoint(EmulatorEndpoint.QueryTask).Next(1).RespondWith(500);

        var done = await h.Drive(h.Client(SteadyPolling).GenerateAsync(Harness.Request(h.Portrait, h.SpeechWav)));

        Assert.Equal("SUCCEEDED", done.Output.TaskStatus.Value);
        var faulted = h.Journal(EmulatorEndpoint.QueryTask).Where(e => e.Fault is not null).ToList();
        Assert.Equal([503, 503, 503, 500], faulted.Select(e => e.StatusCode));
        Assert.All(faulted, e => Assert.Equal(LivePortraitErrorCodes.InternalError, e.ErrorCode));
        Assert.Empty(h.Emulator.Faults);
    }

    [Fact]
    public async Task Server_errors_beyond_the_budget_end_the_wait_with_the_last_one()
    {
        using var h = new Harness(fixture);
        var client = h.Client(new TaskWaitOptions { MaxConsecutiveTransientFailures = 2, JitterRatio = 0 });
        var id = (await client.SubmitAsync(Harness.Request(h.Portrait, h.SpeechWav))).Output.TaskId;
        h.Emulator.OnEndpoint(EmulatorEndpoint.QueryTask).Next(3).RespondWith(503);

        var error = await Assert.ThrowsAsync<DashScopeApiException>(() => h.Drive(client.WaitForCompletionAsync(id)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(LivePortraitErrorCodes.InternalError, error.Code);
        Assert.True(error.IsTransient);
        Assert.Equal(3, h.Journal(EmulatorEndpoint.QueryTask).Count);
    }

    [Fact]
    public async Task Throttled_polls_wait_for_Retry_After_and_then_poll_on()
    {
        using var h = new Harness(fixture);
        // The emulator's scripted answers carry no headers (the reference does not say DashScope sends
        // Retry-After), so a handler in front of the client adds one to each 429, as a gateway might.
        var retryAfter = TimeSpan.FromSeconds(6);
        var everySecond = new TaskWaitOptions { InitialPollInterval = TimeSpan.FromSeconds(1), MaxPollInterval = TimeSpan.FromSeconds(1), JitterRatio = 0 };
        var tenSeconds = h.Emulator.ServeFile($"{h.AccountId}-10s.wav", MediaFiles.Wav(10), "audio/wav"); // runs 27 s
        h.Emulator.OnEndpoint(EmulatorEndpoint.QueryTask).Next(2).RespondWith(429);
        var client = h.Client(everySecond, outer: new RetryAfterOn429(retryAfter));

        var done = await h.Drive(client.GenerateAsync(Harness.Request(h.Portrait, tenSeconds)));

        Assert.Equal("SUCCEEDED", done.Output.TaskStatus.Value);
        var polls = h.Journal(EmulatorEndpoint.QueryTask);
        Assert.Equal([429, 429], polls.Take(2).Select(e => e.StatusCode));
        Assert.Equal(LivePortraitErrorCodes.ThrottlingRateQuota, polls[0].ErrorCode);
        Assert.All(polls.Skip(2), e => Assert.Equal(200, e.StatusCode));
        Assert.True(polls[1].ReceivedAt - polls[0].ReceivedAt >= retryAfter, $"Second poll {polls[1].ReceivedAt - polls[0].ReceivedAt} after the first 429.");
        Assert.True(polls[2].ReceivedAt - polls[1].ReceivedAt >= retryAfter, $"Third poll {polls[2].ReceivedAt - polls[1].ReceivedAt} after the second 429.");

        // Once answers are good again, polling goes back to its own pace (1 s), not the Retry-After one.
        var gaps = polls.Skip(2).Zip(polls.Skip(3), (x, y) => y.ReceivedAt - x.ReceivedAt).ToList();
        Assert.True(gaps.Count >= 10, $"Only {gaps.Count + 1} polls after the 429s.");
        Assert.All(gaps, gap => Assert.True(gap < retryAfter, $"A poll waited {gap} after a good answer."));
    }

    [Fact]
    public async Task A_throttled_submit_is_sent_again_after_Retry_After_and_creates_one_task()
    {
        using var h = new Harness(fixture);
        var retryAfter = TimeSpan.FromSeconds(4);
        h.Emulator.OnEndpoint(EmulatorEndpoint.VideoSynthesis).Next(1).RespondWith(429);
        var client = h.Client(SteadyPolling, outer: new RetryAfterOn429(retryAfter));

        var submission = await h.Drive(client.SubmitAsync(Harness.Request(h.Portrait, h.SpeechWav)));

        var submits = h.Journal(EmulatorEndpoint.VideoSynthesis);
        Assert.Equal([429, 200], submits.Select(e => e.StatusCode));
        Assert.True(submits[1].ReceivedAt - submits[0].ReceivedAt >= retryAfter);
        Assert.Equal(submission.Output.TaskId, Assert.Single(h.Emulator.GetTasks(h.AccountId)).TaskId);
    }

    [Fact]
    public async Task The_emulators_own_submit_rate_limit_is_ridden_out_without_duplicate_tasks()
    {
        using var h = new Harness(fixture);
        var client = h.Client(SteadyPolling);

        // Five submits per second per account: five at one instant pass, the sixth is throttled and retried.
        for (var i = 0; i < 5; i++)
        {
            await client.SubmitAsync(Harness.Request(h.Portrait, h.SpeechWav));
        }

        var sixth = await h.Drive(client.SubmitAsync(Harness.Request(h.Portrait, h.SpeechWav)));

        var submits = h.Journal(EmulatorEndpoint.VideoSynthesis);
        Assert.Equal([200, 200, 200, 200, 200, 429, 200], submits.Select(e => e.StatusCode));
        Assert.Equal(LivePortraitErrorCodes.ThrottlingRateQuota, submits[5].ErrorCode);
        var tasks = h.Emulator.GetTasks(h.AccountId);
        Assert.Equal(6, tasks.Count);
        Assert.Equal(6, tasks.Select(t => t.TaskId).Distinct().Count());
        Assert.Contains(tasks, t => t.TaskId == sixth.Output.TaskId);
    }

    [Fact]
    public async Task A_throttled_submit_without_retries_left_surfaces_the_429()
    {
        using var h = new Harness(fixture);
        var client = h.Client(SteadyPolling, maxSubmitRetries: 0);
        for (var i = 0; i < 5; i++)
        {
            await client.SubmitAsync(Harness.Request(h.Portrait, h.SpeechWav));
        }

        var error = await Assert.ThrowsAsync<DashScopeApiException>(() => client.SubmitAsync(Harness.Request(h.Portrait, h.SpeechWav)));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(LivePortraitErrorCodes.ThrottlingRateQuota, error.Code);
        Assert.Equal("Requests rate limit exceeded, please try again later.", error.ErrorMessage);
        Assert.True(error.IsTransient);
        Assert.Equal(5, h.Emulator.GetTasks(h.AccountId).Count);
    }

    [Fact]
    public async Task Dropped_connections_while_polling_are_ridden_out()
    {
        using var h = new Harness(fixture);
        h.Emulator.OnEndpoint(EmulatorEndpoint.QueryTask).Next(2).DropConnection();

        var done = await h.Drive(h.Client(SteadyPolling).GenerateAsync(Harness.Request(h.Portrait, h.SpeechWav)));

        Assert.Equal("SUCCEEDED", done.Output.TaskStatus.Value);
        var dropped = h.Journal(EmulatorEndpoint.QueryTask).Where(e => e.Fault is not null).ToList();
        Assert.Equal(2, dropped.Count);
        Assert.All(dropped, e => Assert.Equal(0, e.StatusCode));
    }

    [Fact]
    public async Task A_slow_answer_is_waited_for_on_the_same_clock()
    {
        using var h = new Harness(fixture);
        h.Emulator.OnEndpoint(EmulatorEndpoint.QueryTask).Next(1).Delay(TimeSpan.FromSeconds(20));
        var started = h.Now;

        var done = await h.Drive(h.Client(SteadyPolling).GenerateAsync(Harness.Request(h.Portrait, h.SpeechWav)));

        Assert.Equal("SUCCEEDED", done.Output.TaskStatus.Value);
        // The first poll was held 20 s; by then the task (5 s queued, 8.3 s running) had ended.
        var polls = h.Journal(EmulatorEndpoint.QueryTask);
        Assert.StartsWith("Delay", polls[0].Fault);
        Assert.Single(polls);
        Assert.True(h.Now - started >= TimeSpan.FromSeconds(20));
    }

    /// <summary>Adds a Retry-After header to every 429 answer.</summary>
    private sealed class RetryAfterOn429(TimeSpan delay) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                response.Headers.RetryAfter = new RetryConditionHeaderValue(delay);
            }

            return response;
        }
    }
}
