using System.Text.Json.Nodes;

namespace DashScope.Emulator.Recording;

/// <summary>
/// What a replay matches a request on: method, the route (an operation with its task named as "a recorded task" or
/// "another task"), the query's parameter names, the headers that shape DashScope's answer, whether a key was sent,
/// and the body's shape; plus the body's values, which pick the best of several matches.
/// </summary>
internal sealed record ReplayRequest(
    string Method,
    string Route,
    IReadOnlyList<string> QueryNames,
    IReadOnlyDictionary<string, string> Headers,
    bool HasKey,
    SortedDictionary<string, string> Shape,
    Dictionary<string, string> Values)
{
    public static ReplayRequest Of(string method, string route, string? query, IReadOnlyDictionary<string, string> headers, bool hasKey, JsonNode? body) => new(
        method.ToUpperInvariant(),
        route,
        (query ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')[0]).Order(StringComparer.Ordinal).ToArray(),
        headers.Where(h => !h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) && ObservedExchange.IsKept(h.Key))
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value, StringComparer.Ordinal),
        hasKey,
        JsonShape.Of(body),
        JsonShape.Leaves(body));

    /// <summary>How <paramref name="actual"/> differs from this recorded request, one phrase per difference; empty when it matches.</summary>
    public List<string> DifferencesFrom(ReplayRequest actual)
    {
        var differences = new List<string>();
        if (Method != actual.Method)
        {
            differences.Add($"method: recorded {Method}, got {actual.Method}");
        }

        if (Route != actual.Route)
        {
            differences.Add($"path: recorded {Route}, got {actual.Route}");
        }

        if (!QueryNames.SequenceEqual(actual.QueryNames))
        {
            differences.Add($"query parameters: recorded [{string.Join(", ", QueryNames)}], got [{string.Join(", ", actual.QueryNames)}]");
        }

        foreach (var name in Headers.Keys.Union(actual.Headers.Keys).Order(StringComparer.Ordinal))
        {
            var recorded = Headers.GetValueOrDefault(name);
            var got = actual.Headers.GetValueOrDefault(name);
            if (recorded != got)
            {
                differences.Add($"header {name}: recorded {Quote(recorded)}, got {Quote(got)}");
            }
        }

        if (HasKey != actual.HasKey)
        {
            differences.Add(HasKey ? "the recording sent an API key, this request sends none" : "the recording sent no API key, this request sends one");
        }

        foreach (var path in Shape.Keys.Union(actual.Shape.Keys).Order(StringComparer.Ordinal))
        {
            var recorded = Shape.GetValueOrDefault(path);
            var got = actual.Shape.GetValueOrDefault(path);
            if (recorded is null)
            {
                differences.Add($"body field {path} is not in the recording");
            }
            else if (got is null)
            {
                differences.Add($"body field {path} ({recorded}) is missing");
            }
            else if (recorded != got)
            {
                differences.Add($"body field {path}: recorded a {recorded}, got a {got}");
            }
        }

        return differences;
    }

    /// <summary>How many leaf values two requests of one shape share: the better match has more.</summary>
    public int SharedValues(ReplayRequest other) => Values.Count(v => other.Values.TryGetValue(v.Key, out var value) && value == v.Value);

    private static string Quote(string? value) => value is null ? "none" : $"'{value}'";
}
