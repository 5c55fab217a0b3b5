using System.Diagnostics;
using DashScope.Emulator;
using DashScope.Toolkit.Hosting.Tests.Support;

namespace DashScope.Toolkit.Hosting.Tests.Telemetry;

/// <summary>
/// A whole task on the emulator, through the client an application registers (AddLivePortraitClient behind
/// AddDashScopeResilience), read back through OpenTelemetry: its spans, their tags, and the metrics.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TaskTelemetryTests(HostingFixture fixture) : IClassFixture<HostingFixture>
{
    [Fact]
    public async Task A_task_is_a_submit_span_and_a_wait_span_over_its_polls_with_the_HTTP_client_tags()
    {
        using var capture = new TelemetryCapture();
        var (_, apiKey) = fixture.NewAccount();
        using var host = fixture.Host(apiKey);

        var done = await fixture.Drive(host.Client.GenerateAsync(fixture.SampleRequest()));

        var submit = Assert.Single(capture.Named("dashscope.submit"));
        Assert.Equal(ActivityKind.Client, submit.Kind);
        Assert.Equal(ActivityStatusCode.Unset, submit.Status);
        AssertHttpTags(submit, DashScopeOperations.Submit, "POST", 200);
        Assert.Null(submit.GetTagItem("error.type"));

        var wait = Assert.Single(capture.Named("dashscope.wait"));
        Assert.Equal(done.Output.TaskId, wait.GetTagItem("dashscope.task.id"));
        Assert.Equal("SUCCEEDED", wait.GetTagItem("dashscope.task.status"));
        Assert.Equal(["PENDING", "RUNNING", "SUCCEEDED"], wait.Events
            .Where(e => e.Name == "dashscope.task.status_changed")
            .Select(e => e.Tags.Single(t => t.Key == "dashscope.task.status").Value));

        var polls = capture.Named("dashscope.poll");
        Assert.True(polls.Count >= 3, $"Only {polls.Count} polls for PENDING, RUNNING and SUCCEEDED.");
        Assert.Equal(polls.Count, wait.GetTagItem("dashscope.task.polls"));
        Assert.All(polls, poll =>
        {
            Assert.Equal(wait.SpanId, poll.ParentSpanId);
            Assert.Equal(done.Output.TaskId, poll.GetTagItem("dashscope.task.id"));
            AssertHttpTags(poll, DashScopeOperations.Poll, "GET", 200);
        });
        // Every poll the spans show reached the emulator: one span per request the client sent.
        var queries = fixture.Emulator.Journal.Count(e => e.Endpoint == EmulatorEndpoint.QueryTask && e.Path.Contains(done.Output.TaskId, StringComparison.Ordinal));
        Assert.Equal(queries, polls.Count);
    }

    [Fact]
    public async Task Requests_are_counted_by_operation_and_status_and_the_wait_by_polls_and_duration()
    {
        using var capture = new TelemetryCapture();
        var (_, apiKey) = fixture.NewAccount();
        using var host = fixture.Host(apiKey);
        var journalStart = fixture.Emulator.Journal.LastOrDefault()?.Sequence ?? 0;

        // Time stays put until the wait's first poll has arrived, so the wait starts at the submit's instant: under load
        // the driver could otherwise move the clock between the submit's answer and the start of the wait.
        await fixture.ClockDriver.DriveAsync(host.Client.GenerateAsync(fixture.SampleRequest()), TimeSpan.FromMilliseconds(250), TimeSpan.FromHours(1),
            advanceWhen: () => fixture.Emulator.Journal.Any(e => e.Sequence > journalStart && e.Endpoint == EmulatorEndpoint.QueryTask));

        var points = capture.Points();
        var polls = capture.Named("dashscope.poll").Count;
        var submits = Assert.Single(points, p => p.Instrument == DashScopeTelemetry.RequestsInstrument && (string?)p["dashscope.operation"] == "submit");
        Assert.Equal(1, submits.Sum);
        Assert.Equal(200, submits["http.response.status_code"]);
        Assert.Equal("POST", submits["http.request.method"]);
        Assert.Equal(fixture.BaseUrl.Host, submits["server.address"]);
        Assert.Equal("LivePortrait", submits["dashscope.service"]);
        var pollCount = Assert.Single(points, p => p.Instrument == DashScopeTelemetry.RequestsInstrument && (string?)p["dashscope.operation"] == "poll");
        Assert.Equal(polls, pollCount.Sum);

        var perTask = Assert.Single(points, p => p.Instrument == DashScopeTelemetry.PollsInstrument);
        Assert.Equal((1L, (double)polls, "SUCCEEDED"), (perTask.Count, perTask.Sum, (string?)perTask["dashscope.task.status"]));

        // Measured on the client's (fake) clock: the task's 5 s queue and 8.32 s run, plus at most one poll interval (3 s).
        var duration = Assert.Single(points, p => p.Instrument == DashScopeTelemetry.DurationInstrument);
        Assert.Equal("SUCCEEDED", duration["dashscope.task.status"]);
        Assert.Null(duration["error.type"]);
        var taskTime = (HostingFixture.QueueDelay + HostingFixture.SampleRunTime).TotalSeconds;
        Assert.InRange(duration.Sum, taskTime, taskTime + 3.5);
    }

    [Fact]
    public async Task A_failed_task_ends_its_wait_span_in_error_and_is_measured_under_its_status()
    {
        using var capture = new TelemetryCapture();
        var (_, apiKey) = fixture.NewAccount();
        using var host = fixture.Host(apiKey);

        var failed = await Assert.ThrowsAsync<DashScopeTaskFailedException>(() => fixture.Drive(host.Client.GenerateAsync(fixture.SampleRequest(faceless: true))));

        var wait = Assert.Single(capture.Named("dashscope.wait"));
        Assert.Equal(ActivityStatusCode.Error, wait.Status);
        Assert.Equal("FAILED", wait.GetTagItem("dashscope.task.status"));
        Assert.Equal("FAILED", wait.GetTagItem("error.type"));
        var duration = Assert.Single(capture.Points(), p => p.Instrument == DashScopeTelemetry.DurationInstrument);
        Assert.Equal(("FAILED", "FAILED"), ((string?)duration["dashscope.task.status"], (string?)duration["error.type"]));
        Assert.Equal("FAILED", failed.Status);
    }

    [Fact]
    public async Task A_submit_the_service_answers_503_is_sent_once_and_recorded_as_an_error()
    {
        using var capture = new TelemetryCapture();
        var (_, apiKey) = fixture.NewAccount();
        using var host = fixture.Host(apiKey);
        var before = fixture.Emulator.Journal.Count == 0 ? 0 : fixture.Emulator.Journal[^1].Sequence;
        fixture.Emulator.OnEndpoint(EmulatorEndpoint.VideoSynthesis).Next(1).RespondWith(503);

        await Assert.ThrowsAsync<DashScopeApiException>(() => fixture.Drive(host.Client.SubmitAsync(fixture.SampleRequest())));

        // Tests in this class run one at a time, so every submit the emulator saw since is this test's.
        var sent = Assert.Single(fixture.Emulator.Journal, e => e.Sequence > before && e.Endpoint == EmulatorEndpoint.VideoSynthesis);
        Assert.Equal(503, sent.StatusCode);
        var submit = Assert.Single(capture.Named("dashscope.submit"));
        Assert.Equal(ActivityStatusCode.Error, submit.Status);
        AssertHttpTags(submit, DashScopeOperations.Submit, "POST", 503);
        Assert.Equal("503", submit.GetTagItem("error.type"));
        var counted = Assert.Single(capture.Points(), p => p.Instrument == DashScopeTelemetry.RequestsInstrument);
        Assert.Equal((1.0, 503, "503"), (counted.Sum, counted["http.response.status_code"], counted["error.type"]));
    }

    private void AssertHttpTags(Activity span, string operation, string method, int status)
    {
        Assert.Equal(operation, span.GetTagItem("dashscope.operation"));
        Assert.Equal("LivePortrait", span.GetTagItem("dashscope.service"));
        Assert.Equal(method, span.GetTagItem("http.request.method"));
        Assert.Equal(status, span.GetTagItem("http.response.status_code"));
        Assert.Equal(fixture.BaseUrl.Host, span.GetTagItem("server.address"));
        Assert.Equal(fixture.BaseUrl.Port, span.GetTagItem("server.port"));
    }
}
