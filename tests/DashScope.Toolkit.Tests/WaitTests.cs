using System.Net;
using System.Net.Http.Headers;
using DashScope.LivePortrait;
using DashScope.Toolkit.Tests.Support;

namespace DashScope.Toolkit.Tests;

/// <summary>Waiting for a task: backoff, Retry-After, transient faults, time limit, cancellation, progress.</summary>
public class WaitTests
{
    private static void RetryAfter(HttpResponseMessage response, int seconds) =>
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));

    [Fact]
    public async Task Generate_submits_waits_and_reports_each_status_change_once()
    {
        var harness = new ClientHarness();
        harness.Handler.ThenOk(Answers.Submitted())
            .ThenOk(Answers.Pending()).ThenOk(Answers.Pending())
            .ThenOk(Answers.Running()).ThenOk(Answers.Running()).ThenOk(Answers.Running())
            .ThenOk(Answers.Succeeded());
        var seen = new List<string>();
        var progress = new SynchronousProgress<VideoSynthesisTask>(t => seen.Add(t.Output.TaskStatus.Value));

        var result = await harness.Drive(harness.Client.GenerateAsync(ClientHarness.ValidRequest(), progress));

        Assert.Equal(LivePortrait.LivePortraitTaskStatus.Succeeded, result.Output.TaskStatus);
        Assert.Equal("http://127.0.0.1/result.mp4", result.Output.Results!.VideoUrl);
        Assert.Equal(new[] { "PENDING", "RUNNING", "SUCCEEDED" }, seen);
        Assert.Equal(7, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task Polls_back_off_exponentially_up_to_the_maximum_interval()
    {
        var harness = new ClientHarness();
        harness.Handler.ThenOk(Answers.Running()).ThenOk(Answers.Running()).ThenOk(Answers.Running()).ThenOk(Answers.Running())
            .ThenOk(Answers.Running()).ThenOk(Answers.Running()).ThenOk(Answers.Succeeded());

        await harness.Drive(harness.Client.WaitForCompletionAsync(Answers.TaskId), stepSeconds: 0.125);

        var times = harness.Handler.Requests.Select(r => r.At).ToList();
        var gaps = times.Zip(times.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
        var expected = new[] { 1.0, 2, 4, 8, 8, 8 };
        Assert.Equal(expected.Length, gaps.Count);
        for (var i = 0; i < expected.Length; i++) { Assert.InRange(gaps[i], expected[i], expected[i] + 0.25); }
    }

    [Fact]
    public async Task Jitter_spreads_each_delay_within_its_ratio()
    {
        var draws = new Queue<double>(new[] { 0.0, 1.0, 0.5 });
        var harness = new ClientHarness(o =>
        {
            o.Wait.JitterRatio = 0.5;
            o.Wait.BackoffMultiplier = 1;
            o.Wait.InitialPollInterval = TimeSpan.FromSeconds(4);
            o.Wait.RandomSource = () => draws.Dequeue();
        });
        harness.Handler.ThenOk(Answers.Running()).ThenOk(Answers.Running()).ThenOk(Answers.Running()).ThenOk(Answers.Succeeded());

        await harness.Drive(harness.Client.WaitForCompletionAsync(Answers.TaskId), stepSeconds: 0.125);

        var times = harness.Handler.Requests.Select(r => r.At).ToList();
        var gaps = times.Zip(times.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
        // draws 0, 1, 0.5 with ratio 0.5 give factors 0.5, 1.5, 1.0 of 4 s.
        Assert.InRange(gaps[0], 2, 2.25);
        Assert.InRange(gaps[1], 6, 6.25);
        Assert.InRange(gaps[2], 4, 4.25);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task Retry_after_on_the_first_poll_is_honoured(int status)
    {
        var harness = new ClientHarness();
        harness.Handler.ThenJson((HttpStatusCode)status, Answers.Error("Throttling", "Requests throttling triggered."), r => RetryAfter(r, 6))
            .ThenOk(Answers.Succeeded());

        await harness.Drive(harness.Client.WaitForCompletionAsync(Answers.TaskId));

        var requests = harness.Handler.Requests;
        Assert.Equal(2, requests.Count);
        Assert.InRange((requests[1].At - requests[0].At).TotalSeconds, 6, 6.5);
    }

    [Fact]
    public async Task A_zero_retry_after_does_not_make_a_busy_loop()
    {
        var harness = new ClientHarness();
        harness.Handler.ThenJson((HttpStatusCode)429, Answers.Error("Throttling", "x"), r => RetryAfter(r, 0))
            .ThenJson((HttpStatusCode)429, Answers.Error("Throttling", "x"), r => RetryAfter(r, 0))
            .ThenOk(Answers.Succeeded());

        await harness.Drive(harness.Client.WaitForCompletionAsync(Answers.TaskId));

        var times = harness.Handler.Requests.Select(r => r.At).ToList();
        Assert.Equal(3, times.Count);
        Assert.InRange((times[1] - times[0]).TotalSeconds, 1, 1.5);
        Assert.InRange((times[2] - times[1]).TotalSeconds, 2, 2.5);
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_cap_is_capped()
    {
        var harness = new ClientHarness(o => o.Wait.MaxRetryAfter = TimeSpan.FromSeconds(10));
        harness.Handler.ThenJson((HttpStatusCode)429, Answers.Error("Throttling", "x"), r => RetryAfter(r, 3600)).ThenOk(Answers.Succeeded());

        await harness.Drive(harness.Client.WaitForCompletionAsync(Answers.TaskId));

        Assert.InRange((harness.Handler.Requests[1].At - harness.Handler.Requests[0].At).TotalSeconds, 10, 10.5);
    }

    [Fact]
    public async Task A_burst_of_server_errors_and_transport_faults_is_ridden_out()
    {
        var harness = new ClientHarness();
        harness.Handler.ThenOk(Answers.Running())
            .ThenJson(HttpStatusCode.InternalServerError, Answers.Error("InternalError", "x"))
            .ThenJson(HttpStatusCode.BadGateway, "bad gateway")
            .ThenThrow(new HttpRequestException("connection reset"))
            .ThenThrow(new TaskCanceledException("HttpClient.Timeout", new TimeoutException()))
            .ThenOk(Answers.Succeeded());

        var result = await harness.Drive(harness.Client.WaitForCompletionAsync(Answers.TaskId));

        Assert.Equal(LivePortrait.LivePortraitTaskStatus.Succeeded, result.Output.TaskStatus);
        Assert.Equal(6, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task Faults_beyond_the_budget_surface_the_last_one_without_busy_looping()
    {
        var harness = new ClientHarness(o => o.Wait.MaxConsecutiveTransientFailures = 3);
        harness.Handler.ThenJson(HttpStatusCode.ServiceUnavailable, Answers.Error("InternalError", "down"));

        var error = await Assert.ThrowsAsync<DashScopeApiException>(() => harness.Drive(harness.Client.WaitForCompletionAsync(Answers.TaskId)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(4, harness.Handler.Requests.Count);
        var times = harness.Handler.Requests.Select(r => r.At).ToList();
        Assert.All(times.Zip(times.Skip(1), (a, b) => b - a), gap => Assert.True(gap >= TimeSpan.FromSeconds(1), $"gap {gap}"));
    }

    [Fact]
    public async Task A_client_error_while_polling_is_not_retried()
    {
        var harness = new ClientHarness();
        harness.Handler.ThenJson(HttpStatusCode.Unauthorized, Answers.Error("InvalidApiKey", "Invalid API-key provided."));

        var error = await Assert.ThrowsAsync<DashScopeApiException>(() => harness.Drive(harness.Client.WaitForCompletionAsync(Answers.TaskId)));

        Assert.Equal("InvalidApiKey", error.Code);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task A_failed_task_surfaces_its_code_and_message()
    {
        var harness = new ClientHarness();
        harness.Handler.ThenOk(Answers.Running()).ThenOk(Answers.Failed("InvalidImage.NoHumanFace", "No human face detected."));

        var failure = await Assert.ThrowsAsync<DashScopeTaskFailedException>(() => harness.Drive(harness.Client.WaitForCompletionAsync(Answers.TaskId)));

        Assert.Equal(Answers.TaskId, failure.TaskId);
        Assert.Equal("FAILED", failure.Status);
        Assert.Equal(LivePortraitErrorCodes.InvalidImageNoHumanFace, failure.Code);
        Assert.Equal("No human face detected.", failure.ErrorMessage);
        Assert.Equal("r-f", failure.RequestId);
    }

    [Theory]
    [InlineData("CANCELED")]
    [InlineData("UNKNOWN")]
    public async Task Canceled_and_unknown_tasks_end_the_wait_as_failures(string status)
    {
        var harness = new ClientHarness();
        harness.Handler.ThenOk(Answers.Pending()).ThenOk(Answers.Status(status));

        var failure = await Assert.ThrowsAsync<DashScopeTaskFailedException>(() => harness.Drive(harness.Client.WaitForCompletionAsync(Answers.TaskId)));

        Assert.Equal(status, failure.Status);
        Assert.Contains(Answers.TaskId, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_stuck_in_pending_times_out_with_its_id_and_last_status()
    {
        var harness = new ClientHarness(o => o.Wait.Timeout = TimeSpan.FromSeconds(60));
        harness.Handler.ThenOk(Answers.Pending());

        var timeout = await Assert.ThrowsAsync<DashScopeTaskTimeoutException>(() => harness.Drive(harness.Client.WaitForCompletionAsync(Answers.TaskId)));

        Assert.Equal(Answers.TaskId, timeout.TaskId);
        Assert.Equal("PENDING", timeout.LastStatus);
        Assert.InRange(timeout.Elapsed.TotalSeconds, 60, 61);
        // 1 + 2 + 4 + 8 then every 8 s: a bounded number of polls, never a busy loop.
        Assert.InRange(harness.Handler.Requests.Count, 9, 12);
    }

    [Fact]
    public async Task Cancellation_stops_the_wait_promptly()
    {
        var harness = new ClientHarness();
        harness.Handler.ThenOk(Answers.Running());
        using var cancel = new CancellationTokenSource();
        var wait = harness.Client.WaitForCompletionAsync(Answers.TaskId, cancellationToken: cancel.Token);
        var driving = harness.Drive(wait.ContinueWith(t => t, TaskScheduler.Default), budgetSeconds: 3);
        await Task.Delay(20);
        cancel.Cancel();

        var ended = await driving;

        Assert.True(ended.IsCanceled);
        Assert.InRange(harness.Handler.Requests.Count, 1, 3);
    }

    [Fact]
    public async Task Watch_yields_each_change_and_ends_at_the_terminal_status()
    {
        var harness = new ClientHarness();
        harness.Handler.ThenOk(Answers.Pending()).ThenOk(Answers.Running()).ThenOk(Answers.Running()).ThenOk(Answers.Failed("InternalError.Algo", "x"));

        var statuses = await harness.Drive(Collect(harness.Client.WatchTaskAsync(Answers.TaskId)));

        Assert.Equal(new[] { "PENDING", "RUNNING", "FAILED" }, statuses);
    }

    [Fact]
    public async Task An_unknown_non_terminal_status_keeps_the_wait_going()
    {
        var harness = new ClientHarness();
        harness.Handler.ThenOk(Answers.Status("SUSPENDED")).ThenOk(Answers.Status("SOMETHING_NEW")).ThenOk(Answers.Succeeded());

        var result = await harness.Drive(harness.Client.WaitForCompletionAsync(Answers.TaskId));

        Assert.Equal(LivePortrait.LivePortraitTaskStatus.Succeeded, result.Output.TaskStatus);
        Assert.Equal(3, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task Invalid_wait_options_are_refused()
    {
        var harness = new ClientHarness(o => o.Wait.JitterRatio = 1.5);
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => harness.Client.WaitForCompletionAsync("t"));
        Assert.Equal("JitterRatio", error.ParamName);
    }

    private static async Task<List<string>> Collect(IAsyncEnumerable<VideoSynthesisTask> answers)
    {
        var statuses = new List<string>();
        await foreach (var answer in answers) { statuses.Add(answer.Output.TaskStatus.Value); }
        return statuses;
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
