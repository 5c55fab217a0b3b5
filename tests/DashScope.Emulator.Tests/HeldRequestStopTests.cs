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
        await Eventually.Until(() => emulator.Journal.Count == 1, "the left request journalled");
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
        var sent = Api.SubmitAsync(client, Api.SampleSynthesisBody(emulator), cancellation: leave.Token);
        await UntilHeld(emulator, held);
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sent);
    }

    private static Task UntilHeld(LivePortraitEmulator emulator, int count) =>
        Eventually.Until(() => emulator.DelayedRequestCount == count, $"{count} request(s) held by the delay");
}
