using System.Text.Json;
using DashScope.Emulator.Dashboard;

namespace DashScope.Emulator.Dashboard.Tests.Support;

/// <summary>Reads <c>/__emulator/events</c> as a browser's EventSource would: one <c>update</c> event at a time.</summary>
internal sealed class EventReader : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private EventReader(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reader = new StreamReader(body);
    }

    /// <summary>Opens the stream, resuming after <paramref name="lastEventId"/> when given.</summary>
    public static async Task<EventReader> OpenAsync(HttpClient admin, long? lastEventId, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "events");
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var response = await admin.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        return new EventReader(response, await response.Content.ReadAsStreamAsync(cancel));
    }

    /// <summary>The next update event's data, skipping comments and the retry line.</summary>
    public async Task<DashboardUpdate> NextAsync(CancellationToken cancel)
    {
        string? name = null;
        while (await _reader.ReadLineAsync(cancel) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && name == "update")
            {
                return JsonSerializer.Deserialize<DashboardUpdate>(line["data: ".Length..], LivePortraitEmulator.AdminJson)!;
            }
        }

        throw new EndOfStreamException("The event stream ended.");
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }
}
