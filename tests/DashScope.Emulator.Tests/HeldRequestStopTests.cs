using System.Net.Http.Headers;
using System.Text;
using DashScope.Emulator.Faults;
using DashScope.Emulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Emulator.Tests;

/// <summary>
/// A delay fault holds a request on the emulator's clock, and a client that leaves does not end the hold (the service
/// goes on with a request it has read). Stopping the emulator does: held connections close without an answer, each is
/// journalled with status 0, and the stop does not wait for the delay (or for the server's shutdown grace period).
/// </summary>
public sealed class HeldRequestStopTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Stopping_closes_a_held_request_unanswered_and_journals_it_before_the_stop_returns()
    {
        await using var emulator = LivePortraitEmulator.Start(o => o.TimeProvider = new FakeTimeProvider(Start));
        using var client = Api.Client(emulator);
        emulator.OnEndpoint(EmulatorEndpoint.QueryTask).Next().Delay(TimeSpan.FromHours(1));
        var held = Api.QueryAsync(client, "held-at-stop");
        await UntilHeld(emulator, 1);

        emulator.Dispose();

        // The server's shutdown waits for the requests it is answering, so by now the held one has ended.
        Assert.Equal(0, emulator.DelayedRequestCount);
        var entry = Assert.Single(emulator.Journal);
        Assert.Equal(0, entry.StatusCode);
        Assert.Equal($"{FaultKind.Delay} {TimeSpan.FromHours(1)}", entry.Fault);
        Assert.Null(emulator.LastUnexpectedError);
        await Assert.ThrowsAsync<HttpRequestException>(() => held);
    }

    [Fact]
    public async Task A_request_whose_client_left_is_still_made_when_its_delay_ends_and_a_later_one_ends_with_the_stop()
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = LivePortraitEmulator.Start(o => o.TimeProvider = clock);
        using var client = Api.Client(emulator);
        emulator.OnEndpoint(EmulatorEndpoint.VideoSynthesis).Next(2).Delay(TimeSpan.FromMinutes(5));

        // Held, then left by its client: the delay ends on the clock, and the task is made all the same.
        await LeaveWhileHeld(client, emulator, 1);
        clock.Advance(TimeSpan.FromMinutes(5));
        await Until(() => emulator.Journal.Count == 1);
        Assert.Equal(200, emulator.Journal[0].StatusCode);
        Assert.Single(emulator.GetTasks());

        // Held and left again, then the emulator stops: no task, and the stop ends the hold.
        await LeaveWhileHeld(client, emulator, 1);
        emulator.Dispose();

        Assert.Equal(0, emulator.DelayedRequestCount);
        Assert.Equal([200, 0], emulator.Journal.Select(e => e.StatusCode));
        Assert.Single(emulator.GetTasks());
        Assert.Null(emulator.LastUnexpectedError);
    }

    private static async Task LeaveWhileHeld(HttpClient client, LivePortraitEmulator emulator, int held)
    {
        using var leave = new CancellationTokenSource();
        using var request = new HttpRequestMessage(HttpMethod.Post, Api.SynthesisPath)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Api.SampleSynthesisBody(emulator))),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-DashScope-Async", "enable");
        var sent = client.SendAsync(request, leave.Token);
        await UntilHeld(emulator, held);
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sent);
    }

    private static Task UntilHeld(LivePortraitEmulator emulator, int count) =>
        Until(() => emulator.DelayedRequestCount == count);

    // A request reaches its delay, or finishes, on a server thread; this waits for it, and fails (rather than carrying
    // on) if it never happens. The wait is a safety limit, not part of what is tested.
    private static async Task Until(Func<bool> condition)
    {
        for (var i = 0; i < 1_000 && !condition(); i++)
        {
            await Task.Delay(5);
        }

        Assert.True(condition(), "The emulator did not get there.");
    }
}
