using System.Text;
using System.Text.Json;

namespace DashScope.Toolkit;

/// <summary>How a failed answer becomes a <see cref="DashScopeApiException"/>.</summary>
public sealed partial class DashScopeTransport
{
    private const int MaxErrorBodyChars = 512;

    /// <summary>Reads DashScope's error envelope from a failed answer (tolerating bodies that are not one).</summary>
    public static DashScopeApiException ReadFailure(HttpResponseMessage response, byte[] body, string operation, TimeProvider time)
    {
        string? code = null, message = null, requestId = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                code = StringProperty(document.RootElement, "code");
                message = StringProperty(document.RootElement, "message");
                requestId = StringProperty(document.RootElement, "request_id");
            }
        }
        catch (JsonException)
        {
            // Not an envelope (a proxy's HTML page, say): keep the start of the text so nothing is lost.
            var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, MaxErrorBodyChars * 4));
            message = text.Length > MaxErrorBodyChars ? text[..MaxErrorBodyChars] + "…" : text;
        }
        return new DashScopeApiException(response.StatusCode, code, message, requestId, ReadRetryAfter(response, time), operation);
    }

    /// <summary>Reads Retry-After as a delay (seconds or an HTTP date), or null.</summary>
    public static TimeSpan? ReadRetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        if (header is null) { return null; }
        if (header.Delta is { } delta) { return delta < TimeSpan.Zero ? TimeSpan.Zero : delta; }
        if (header.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
