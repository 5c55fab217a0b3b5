using System.Text;
using System.Text.Json;
using DashScope.Emulator.Admin;
using Microsoft.AspNetCore.Http;

namespace DashScope.Emulator.Dashboard;

/// <summary>
/// <c>GET /__emulator/events</c>: the change feed as server-sent events, one connection per page. The first event
/// is the whole state (or, on a reconnect, what changed after the browser's <c>Last-Event-ID</c>); each later
/// event carries only what changed. An ASP.NET Core middleware before WireMock, because WireMock answers a
/// request with one finished body and an event stream never finishes.
/// </summary>
internal sealed class EventStream
{
    /// <summary>The stream's path.</summary>
    public const string Path = LivePortraitEmulator.AdminPathPrefix + "events";

    // Real time between checks for storage changes and comment lines that show a dropped connection.
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(2);

    private readonly ChangeFeed _feed;
    private readonly CrossOriginGuard _guard;

    public EventStream(ChangeFeed feed, CrossOriginGuard guard)
    {
        _feed = feed;
        _guard = guard;
    }

    public Task InvokeAsync(HttpContext http, RequestDelegate next) =>
        string.Equals(http.Request.Path.Value, Path, StringComparison.Ordinal) ? StreamAsync(http) : next(http);

    private async Task StreamAsync(HttpContext http)
    {
        var refusal = HttpMethods.IsGet(http.Request.Method)
            ? _guard.Refusal(http.Request.Method, name => http.Request.Headers.TryGetValue(name, out var v) ? v.ToString() : null)
            : "The event stream is read with GET.";
        if (refusal is not null)
        {
            http.Response.StatusCode = HttpMethods.IsGet(http.Request.Method) ? 403 : 405;
            await http.Response.WriteAsJsonAsync(new { error = refusal }, AdminAnswers.Options).ConfigureAwait(false);
            return;
        }

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Content-Type-Options"] = "nosniff";
        var cancel = http.RequestAborted;
        long.TryParse(http.Request.Headers["Last-Event-ID"].ToString(), out var seen);
        try
        {
            // Tells the browser to come back soon after a dropped connection (EventSource reconnects by itself).
            await WriteAsync(http, "retry: 1000\n\n", cancel).ConfigureAwait(false);
            while (!cancel.IsCancellationRequested && !_feed.Tracker.IsClosed)
            {
                var update = _feed.Since(seen);
                if (update.Full || update.Version > seen)
                {
                    var json = JsonSerializer.Serialize(update, AdminAnswers.Options);
                    await WriteAsync(http, $"id: {update.Version}\nevent: update\ndata: {json}\n\n", cancel).ConfigureAwait(false);
                    seen = update.Version;
                }

                using var beat = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                beat.CancelAfter(Heartbeat);
                try
                {
                    await _feed.Tracker.WaitForChangeAsync(seen, beat.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                    _feed.NoticeUploads();
                    await WriteAsync(http, ": heartbeat\n\n", cancel).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away, or the emulator stopped.
        }
        catch (IOException)
        {
            // The connection broke while writing.
        }
    }

    private static async Task WriteAsync(HttpContext http, string text, CancellationToken cancel)
    {
        await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancel).ConfigureAwait(false);
        await http.Response.Body.FlushAsync(cancel).ConfigureAwait(false);
    }
}
