using System.Text;
using System.Text.Json.Nodes;
using DashScope.Emulator.Http;
using DashScope.Emulator.Schema;

namespace DashScope.Emulator.Recording;

/// <summary>An answer a replay gives: status, headers and body bytes.</summary>
internal sealed record ReplayedAnswer(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    private static readonly IReadOnlyDictionary<string, string> JsonHeaders = new Dictionary<string, string> { ["Content-Type"] = "application/json" };

    /// <summary>A DashScope error envelope.</summary>
    public static ReplayedAnswer Error(int status, string code, string message) =>
        new(status, JsonHeaders, DashScopeJson.ErrorBody(new DashScopeError(status, code, message), Uuid.NewText()));

    /// <summary>
    /// The recorded answer, with every string equal to <paramref name="recordedTaskId"/> replaced by
    /// <paramref name="replayedTaskId"/> and then <paramref name="adjust"/> applied to a JSON body.
    /// </summary>
    public static ReplayedAnswer Of(CassetteResponse response, string? recordedTaskId = null, string? replayedTaskId = null, Action<JsonNode>? adjust = null)
    {
        byte[] body;
        if (response.Body is { } json)
        {
            var copy = json.DeepClone();
            if (recordedTaskId is not null)
            {
                copy = JsonStrings.Rewrite(copy, text => text == recordedTaskId ? replayedTaskId! : text)!;
            }

            adjust?.Invoke(copy);
            body = Encoding.UTF8.GetBytes(copy.ToJsonString());
        }
        else
        {
            body = Encoding.UTF8.GetBytes(response.Text ?? "");
        }

        var headers = response.Headers
            .Where(h => !h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        if (response.Body is not null && !headers.ContainsKey("Content-Type"))
        {
            headers["Content-Type"] = "application/json";
        }

        return new ReplayedAnswer(response.Status, headers, body);
    }
}
