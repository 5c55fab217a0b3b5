using System.Net;
using DashScope.Emulator.Xunit;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Emulator.Tests;

/// <summary>
/// The clock driver never moves time under a request on the wire, even when the test's own condition is what saw the
/// request leave: a request is counted in flight before it is announced, and the driver reads the condition first.
/// </summary>
public sealed class ClockDriverOrderTests
{
    [Fact]
    public async Task A_request_is_counted_in_flight_before_it_is_announced()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var emulator = LivePortraitEmulator.Start(o => o.TimeProvider = clock);
        var driver = new EmulatorClockDriver(emulator);
        var countsSeen = new List<int>();
        driver.OnSend = _ => countsSeen.Add(driver.InFlight);
        using var http = new HttpClient(driver.CreateHandler(new HeldHandler(release: Task.CompletedTask)));

        using var answer = await http.GetAsync(new Uri("http://127.0.0.1:9/api/v1/tasks/any"));

        Assert.Equal([1], countsSeen);
        Assert.Equal(0, driver.InFlight);
    }

    [Fact]
    public async Task A_condition_that_sees_a_request_sent_does_not_let_the_clock_move_while_it_is_on_the_wire()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var emulator = LivePortraitEmulator.Start(o => o.TimeProvider = clock);
        var driver = new EmulatorClockDriver(emulator) { RealTimeLimit = TimeSpan.FromSeconds(10) };
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var http = new HttpClient(driver.CreateHandler(new HeldHandler(release.Task)));
        var start = emulator.Now;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var timesSeenWhileHeld = new List<DateTimeOffset>();
        Task<HttpResponseMessage>? send = null;

        // The condition itself sends the request (as a client's poll would leave between the driver's reads) and says
        // "advance"; the next time it is asked, it notes the clock and lets the request finish.
        bool Condition()
        {
            if (send is null)
            {
                send = http.GetAsync(new Uri("http://127.0.0.1:9/api/v1/tasks/any"));
                _ = send.ContinueWith(_ => done.TrySetResult(), TaskScheduler.Default);
                return true;
            }
            if (!release.Task.IsCompleted)
            {
                timesSeenWhileHeld.Add(emulator.Now);
                release.TrySetResult();
            }
            return true;
        }

        await driver.DriveAsync(done.Task, TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), Condition);

        Assert.Equal([start], timesSeenWhileHeld);
        using var answer = await send!;
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    /// <summary>Stands for the network: answers 200 once <c>release</c> completes.</summary>
    private sealed class HeldHandler(Task release) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await release.WaitAsync(cancellationToken).ConfigureAwait(false);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
