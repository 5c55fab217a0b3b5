using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DashScope.Emulator.Recording.Drift;

/// <summary>
/// Compares a recorded answer with a target's, field by field: the status; every <c>code</c> and <c>message</c> by
/// value (they are what a client reads); every other field by presence, JSON type and, for strings, format (time,
/// uuid, url, text, empty). Values that differ by nature (ids, times, links) are not compared; nor are array elements
/// when either side's array is empty.
/// </summary>
internal static partial class AnswerComparer
{
    private static readonly HashSet<string> ComparedByValue = new(StringComparer.Ordinal) { "code", "message" };

    public static IEnumerable<(string Field, DriftKind Kind, string? Recorded, string? Actual)> Compare(CassetteResponse recorded, int status, JsonNode? body, string? text)
    {
        if (recorded.Status != status)
        {
            yield return ("status", DriftKind.Status, recorded.Status.ToString(), status.ToString());
        }

        if (recorded.Body is null || body is null)
        {
            if ((recorded.Body is null) != (body is null))
            {
                yield return ("body", DriftKind.Type, recorded.Body is null ? "text" : "json", body is null ? "text" : "json");
            }
            else if (XmlCode(recorded.Text) is var code && code != XmlCode(text))
            {
                yield return ("Code", DriftKind.ErrorCode, code, XmlCode(text));
            }

            yield break;
        }

        var left = JsonShape.Nodes(recorded.Body);
        var right = JsonShape.Nodes(body);
        foreach (var path in left.Keys.Union(right.Keys).Order(StringComparer.Ordinal))
        {
            if (UnderEmptyArray(path, left, right))
            {
                continue;
            }

            var has = left.TryGetValue(path, out var r);
            var got = right.TryGetValue(path, out var a);
            if (!got)
            {
                yield return (path, DriftKind.MissingField, Describe(r), null);
            }
            else if (!has)
            {
                yield return (path, DriftKind.ExtraField, null, Describe(a));
            }
            else if (JsonShape.KindOf(r) != JsonShape.KindOf(a))
            {
                yield return (path, DriftKind.Type, JsonShape.KindOf(r), JsonShape.KindOf(a));
            }
            else if (ComparedByValue.Contains(LastName(path)) && r is JsonValue && r!.ToJsonString() != a!.ToJsonString())
            {
                yield return (path, LastName(path) == "code" ? DriftKind.ErrorCode : DriftKind.ErrorMessage, Text(r), Text(a));
            }
            else if (r is JsonValue rv && rv.TryGetValue<string>(out var rs) && a is JsonValue av && av.TryGetValue<string>(out var @as) && FormatOf(rs) != FormatOf(@as))
            {
                yield return (path, DriftKind.Format, FormatOf(rs), FormatOf(@as));
            }
        }
    }

    /// <summary>The format class of a string value.</summary>
    public static string FormatOf(string value) =>
        value.Length == 0 ? "empty"
        : TimePattern().IsMatch(value) ? "time"
        : UuidPattern().IsMatch(value) ? "uuid"
        : Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "oss" ? "url"
        : "text";

    private static bool UnderEmptyArray(string path, Dictionary<string, JsonNode?> left, Dictionary<string, JsonNode?> right)
    {
        for (var cut = path.IndexOf("[]", StringComparison.Ordinal); cut >= 0; cut = path.IndexOf("[]", cut + 2, StringComparison.Ordinal))
        {
            var array = path[..cut];
            if (left.GetValueOrDefault(array) is JsonArray { Count: 0 } || right.GetValueOrDefault(array) is JsonArray { Count: 0 })
            {
                return true;
            }
        }

        return false;
    }

    private static string LastName(string path) => path[(path.LastIndexOf('.') + 1)..];

    private static string Describe(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var s) ? $"string ({FormatOf(s)})" : JsonShape.KindOf(node);

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var s) ? s : node?.ToJsonString();

    private static string? XmlCode(string? text)
    {
        var match = text is null ? null : XmlCodePattern().Match(text);
        return match is { Success: true } ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([zZ]|[+-]\d{2}:?\d{2})?$")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$")]
    private static partial Regex UuidPattern();

    [GeneratedRegex("<Code>([^<]*)</Code>")]
    private static partial Regex XmlCodePattern();
}
