using System.Net.Http.Headers;
using System.Text;
using DashScope.Emulator.Faults;
using DashScope.Emulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Emulator.Tests;

/// <summary>
/// Stopping the emulator ends the requests a delay fault holds: their connections close without an answer, each is
/// journalled with status 0, and the stop does not wait for the delay (or for the server's shutdown grace period).
/// </summary>
public sealed class HeldRequestStopTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Stopping_closes_a_held_request_unanswered_and_journals_it_before_the_stop_returns()
    {
        var emulator = LivePortraitEmulator.Start(o => o.TimeProvider = new FakeTimeProvider(Start));
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
    public async Task A_request_held_after_its_client_left_ends_with_the_stop_too()
    {
        var emulator = LivePortraitEmulator.Start(o => o.TimeProvider = new FakeTimeProvider(Start));
        using var client = Api.Client(emulator);
        emulator.OnEndpoint(EmulatorEndpoint.VideoSynthesis).Next(2).Delay(TimeSpan.FromMinutes(5));
        using var leave = new CancellationTokenSource();
        using var leaving = new HttpRequestMessage(HttpMethod.Post, Api.SynthesisPath) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Api.SampleSynthesisBody(emulator))) };
        leaving.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        leaving.Headers.Add("X-DashScope-Async", "enable");
        var left = client.SendAsync(leaving, leave.Token);
        var stays = Api.SubmitAsync(client, Api.SampleSynthesisBody(emulator));
        await UntilHeld(emulator, 2);
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => left);

        // The service goes on with a request whose client left, so only the stop ends its hold.
        Assert.Equal(2, emulator.DelayedRequestCount);
        emulator.Dispose();

        Assert.Equal(0, emulator.DelayedRequestCount);
        Assert.Equal([0, 0], emulator.Journal.Select(e => e.StatusCode));
        Assert.Empty(emulator.GetTasks());
        Assert.Null(emulator.LastUnexpectedError);
        await Assert.ThrowsAsync<HttpRequestException>(() => stays);
    }

    // The request reaches the delay on a server thread; this waits (bounded, without sleeping) until it has.
    private static async Task UntilHeld(LivePortraitEmulator emulator, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (emulator.DelayedRequestCount < count && DateTime.UtcNow < deadline)
        {
            await Task.Yield();
        }

        Assert.Equal(count, emulator.DelayedRequestCount);
    }
}
