using System.Net;
using DashScope.Emulator;
using DashScope.Emulator.Media;
using DashScope.Emulator.Xunit;
using DashScope.LivePortrait;
using DashScope.Reliability.Tests.Support;
using DashScope.Toolkit;
using Xunit.Abstractions;

namespace DashScope.Reliability.Tests;

/// <summary>
/// The generated client under the emulator's scripted faults, for what
/// tests/DashScope.EndToEnd.Tests/FaultTests does not cover: 429 without Retry-After, 5xx bursts and dropped
/// connections on submit (never sent again), answers slower than the HTTP timeout, a task stuck in PENDING,
/// a task that expires while the client waits. Every wait ends within its budget and never busy-loops:
/// the polls per minute of fake time are counted.
/// </summary>
public sealed class ClientFaultTests(ClientFaultTests.Fixture fixture, ITestOutputHelper output) : IClassFixture<ClientFaultTests.Fixture>, IDisposable
{
    private readonly ClockDriver _driver = new(fixture.Emulator, fixture.Clock);
    private readonly string _key = NewAccount(fixture.Emulator);
    private readonly long _journalStart = fixture.Emulator.Journal.LastOrDefault()?.Sequence ?? 0;

    private LivePortraitEmulator Emulator => fixture.Emulator;

    public void Dispose()
    {
        Emulator.ClearFaults();
        _driver.Dispose();
    }

    [Fact]
    public async Task Throttled_polls_without_Retry_After_back_off_at_the_poll_pace()
    {
        Emulator.OnEndpoint(EmulatorEndpoint.QueryTask).Next(4).RespondWith(429);
        var wait = new TaskWaitOptions { InitialPollInterval = TimeSpan.FromSeconds(2), MaxPollInterval = TimeSpan.FromSeconds(8), JitterRatio = 0 };

        var done = await _driver.Drive(_driver.Client(_key, wait).GenerateAsync(Request()), TimeSpan.FromMilliseconds(250), TimeSpan.FromHours(1));

        Assert.Equal("SUCCEEDED", done.Output.TaskStatus.Value);
        var polls = _driver.Polls;
        Assert.Equal([429, 429, 429, 429], Journal(EmulatorEndpoint.QueryTask).Take(4).Select(e => e.StatusCode));
        Assert.All(polls.Zip(polls.Skip(1), (a, b) => b - a), gap => Assert.True(gap >= wait.InitialPollInterval, $"a poll {gap} after the previous one"));
        Report("429 without Retry-After on polls", polls);
    }

    [Fact]
    public async Task A_throttled_submit_without_Retry_After_is_sent_again_after_a_growing_backoff_and_creates_one_task()
    {
        Emulator.OnEndpoint(EmulatorEndpoint.VideoSynthesis).Next(2).RespondWith(429);
        var wait = new TaskWaitOptions { InitialPollInterval = TimeSpan.FromSeconds(1), JitterRatio = 0 };

        var submission = await _driver.Drive(_driver.Client(_key, wait).SubmitAsync(Request()), TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5));

        var submits = Journal(EmulatorEndpoint.VideoSynthesis);
        Assert.Equal([429, 429, 200], submits.Select(e => e.StatusCode));
        Assert.True(submits[1].ReceivedAt - submits[0].ReceivedAt >= TimeSpan.FromSeconds(1));
        Assert.True(submits[2].ReceivedAt - submits[1].ReceivedAt >= TimeSpan.FromSeconds(1.5), "the second pause did not grow");
        Assert.Equal(submission.Output.TaskId, Assert.Single(Emulator.GetTasks(AccountOf(_key))).TaskId);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task A_server_error_burst_on_submit_is_surfaced_and_never_sent_again(int status)
    {
        Emulator.OnEndpoint(EmulatorEndpoint.VideoSynthesis).Next(3).RespondWith(status);
        var client = _driver.Client(_key, new TaskWaitOptions { JitterRatio = 0 });

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            // The server may have accepted a task before failing, so the client must not resend on its own.
            var error = await Assert.ThrowsAsync<DashScopeApiException>(() => _driver.Drive(client.GenerateAsync(Request()), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)));
            Assert.Equal((HttpStatusCode)status, error.StatusCode);
            Assert.Equal(LivePortraitErrorCodes.InternalError, error.Code);
            Assert.True(error.IsTransient);
            Assert.Equal(attempt, _driver.Submits);
            Assert.Equal(attempt, Journal(EmulatorEndpoint.VideoSynthesis).Count);
        }

        Assert.Empty(_driver.Polls);
        Assert.Empty(Emulator.GetTasks(AccountOf(_key)));
    }

    [Fact]
    public async Task A_dropped_connection_on_submit_is_surfaced_and_not_sent_again()
    {
        Emulator.OnEndpoint(EmulatorEndpoint.VideoSynthesis).Next(1).DropConnection();
        var client = _driver.Client(_key, new TaskWaitOptions { JitterRatio = 0 });

        await Assert.ThrowsAsync<HttpRequestException>(() => _driver.Drive(client.GenerateAsync(Request()), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)));

        Assert.Equal(1, _driver.Submits);
        var dropped = Assert.Single(Journal(EmulatorEndpoint.VideoSynthesis));
        Assert.Equal(0, dropped.StatusCode);
        Assert.Empty(Emulator.GetTasks(AccountOf(_key)));
    }

    [Fact]
    public async Task A_submit_answered_after_the_HTTP_timeout_is_not_sent_again_and_leaves_at_most_one_task()
    {
        Emulator.OnEndpoint(EmulatorEndpoint.VideoSynthesis).Next(1).Delay(TimeSpan.FromMinutes(1));
        _driver.AdvanceWhileDelayed = false; // the server hangs as far as the client can tell
        var client = _driver.Client(_key, new TaskWaitOptions { JitterRatio = 0 }, httpTimeout: TimeSpan.FromSeconds(1));

        var timeout = await Assert.ThrowsAsync<TaskCanceledException>(() => _driver.Drive(client.SubmitAsync(Request()), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)));
        Assert.IsType<TimeoutException>(timeout.InnerException);

        // The server was still working on it: once its delay is over it creates the task, once, from the body the
        // client had already sent, and journals its answer although nobody is left to read it.
        Emulator.AdvanceClock(TimeSpan.FromMinutes(2));
        await WaitUntil(() => Journal(EmulatorEndpoint.VideoSynthesis).Count == 1);
        Assert.Equal(1, _driver.Submits);
        Assert.Equal(200, Journal(EmulatorEndpoint.VideoSynthesis)[0].StatusCode);
        Assert.Single(Emulator.GetTasks(AccountOf(_key)));
    }

    [Fact]
    public async Task Polls_slower_than_the_HTTP_timeout_are_sent_again_within_the_budget()
    {
        Emulator.OnEndpoint(EmulatorEndpoint.QueryTask).Next(2).Delay(TimeSpan.FromHours(1));
        _driver.AdvanceWhileDelayed = false;
        var logs = new CollectingLoggerFactory();
        var wait = new TaskWaitOptions { InitialPollInterval = TimeSpan.FromSeconds(1), MaxPollInterval = TimeSpan.FromSeconds(4), JitterRatio = 0, MaxConsecutiveTransientFailures = 3 };
        var client = _driver.Client(_key, wait, httpTimeout: TimeSpan.FromSeconds(1), logging: logs);

        var done = await _driver.Drive(client.GenerateAsync(Request()), TimeSpan.FromMilliseconds(250), TimeSpan.FromHours(1));

        Assert.Equal("SUCCEEDED", done.Output.TaskStatus.Value);
        Assert.Equal(2, logs.Lines.Count(l => l.Contains("poll fault", StringComparison.Ordinal) && l.Contains(nameof(TaskCanceledException), StringComparison.Ordinal)));
        Assert.True(_driver.Polls.Count >= 3);
        Report("polls slower than the HTTP timeout", _driver.Polls);
    }

    [Fact]
    public async Task A_task_stuck_in_PENDING_ends_the_wait_at_its_time_limit_with_the_task_id()
    {
        Emulator.HoldNextTasksInPending(1);
        var wait = new TaskWaitOptions { InitialPollInterval = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromMinutes(10) }; // schema's 15 s cap, 20 % jitter
        var client = _driver.Client(_key, wait);
        var started = _driver.Now;

        var error = await Assert.ThrowsAsync<DashScopeTaskTimeoutException>(() => _driver.Drive(client.GenerateAsync(Request()), TimeSpan.FromMilliseconds(500), TimeSpan.FromHours(1)));

        var id = Assert.Single(Emulator.GetTasks(AccountOf(_key))).TaskId;
        Assert.Equal(id, error.TaskId);
        Assert.Equal("PENDING", error.LastStatus);
        Assert.Equal(wait.Timeout, error.Limit);
        Assert.True(error.Elapsed >= wait.Timeout, $"gave up after {error.Elapsed}");
        Assert.Contains(id, error.Message, StringComparison.Ordinal);

        // Backoff to the 15 s cap: about four polls a minute once it is reached, never more than one a second.
        var polls = _driver.Polls;
        Assert.All(polls, p => Assert.True(p < started + wait.Timeout, $"a poll at {p - started}, past the limit"));
        Assert.InRange(polls.Count, 10, 60);
        Assert.True(ClockDriver.MostIn(polls, TimeSpan.FromMinutes(1)) <= 20, "more than 20 polls in a minute");
        Assert.True(ClockDriver.MostIn(polls.Where(p => p >= started + TimeSpan.FromMinutes(2)).ToList(), TimeSpan.FromMinutes(1)) <= 6, "polling did not slow down to the cap");
        Report("task stuck in PENDING (10 min limit)", polls);
    }

    [Fact]
    public async Task A_task_that_expires_while_the_client_waits_ends_the_wait_as_UNKNOWN()
    {
        // A client that polls once a day: the task ends within seconds and has been forgotten by the next poll.
        var wait = new TaskWaitOptions { InitialPollInterval = TimeSpan.FromHours(25), MaxPollInterval = TimeSpan.FromHours(25), JitterRatio = 0, Timeout = TimeSpan.FromHours(48) };
        var client = _driver.Client(_key, wait);
        var id = (await client.SubmitAsync(Request())).Output.TaskId;
        var started = _driver.Now;

        // The clock stays put until the first poll has left, so it reads PENDING; the next one is a day later.
        var step = TimeSpan.FromMinutes(10);
        var error = await Assert.ThrowsAsync<DashScopeTaskFailedException>(() => _driver.Drive(client.WaitForCompletionAsync(id), step, TimeSpan.FromHours(49), advanceWhen: () => _driver.Polls.Count > 0));

        Assert.Equal("UNKNOWN", error.Status);
        Assert.Equal(id, error.TaskId);
        var polls = _driver.Polls;
        Assert.Equal(2, polls.Count);
        Assert.Equal(started, polls[0]);
        // The driver moves time in steps and cannot see the moment the client arms its pause after reading the
        // first answer: under load a step can land in between, so the pause may start (and end) one step late.
        Assert.InRange(polls[1] - polls[0], TimeSpan.FromHours(25), TimeSpan.FromHours(25) + step);
        Assert.Null(Emulator.FindTask(id));
    }

    private void Report(string scenario, IReadOnlyList<DateTimeOffset> polls)
    {
        var span = polls.Count > 1 ? polls[^1] - polls[0] : TimeSpan.Zero;
        output.WriteLine($"{scenario}: {polls.Count} polls over {span.TotalMinutes:F1} min of fake time ({(span > TimeSpan.Zero ? (polls.Count - 1) / span.TotalMinutes : 0):F1}/min), at most {ClockDriver.MostIn(polls, TimeSpan.FromMinutes(1))} in any minute");
    }

    private List<JournalEntry> Journal(EmulatorEndpoint endpoint) =>
        Emulator.Journal.Where(e => e.Sequence > _journalStart && e.Endpoint == endpoint).ToList();

    private VideoSynthesisRequest Request() => new()
    {
        Input = new VideoSynthesisInput { ImageUrl = Emulator.SampleUrl(SampleMediaFile.Portrait).ToString(), AudioUrl = Emulator.SampleUrl(SampleMediaFile.SpeechWav).ToString() },
    };

    private static string NewAccount(LivePortraitEmulator emulator)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        emulator.AddAccount("faults-" + id, "sk-faults-" + id);
        return "sk-faults-" + id;
    }

    private static string AccountOf(string key) => "faults-" + key["sk-faults-".Length..];

    // The server finishes a request the client gave up on in the background; this waits for its journal entry, and
    // fails (rather than carrying on) if it never comes.
    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "The emulator did not finish the request the client left.");
    }

    /// <summary>One emulator on a fake clock for the class; each test has its own account.</summary>
    public sealed class Fixture : LivePortraitEmulatorFixture
    {
        protected override void Configure(EmulatorOptions options)
        {
            options.QueueDelay = TimeSpan.FromSeconds(5);
            options.RunningBaseDuration = TimeSpan.FromSeconds(2);
            options.RunningSecondsPerAudioSecond = 2.5;
        }
    }
}
