namespace DashScope.Emulator.Recording;

/// <summary>One exchange as the recording proxy saw it, before scrubbing: raw bodies and every header it may keep.</summary>
internal sealed record ObservedExchange(
    DateTimeOffset At,
    string Method,
    string Path,
    string? Query,
    string? AuthorizationScheme,
    string? Key,
    IReadOnlyDictionary<string, string> RequestHeaders,
    byte[] RequestBody,
    IReadOnlyList<CassetteFormField>? Form,
    int Status,
    IReadOnlyDictionary<string, string> ResponseHeaders,
    byte[] ResponseBody)
{
    /// <summary>Whether a header shapes DashScope's answer enough to be kept: <c>Content-Type</c>, <c>Retry-After</c> and <c>X-DashScope-*</c>.</summary>
    public static bool IsKept(string header) =>
        header.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)
        || header.Equals("Retry-After", StringComparison.OrdinalIgnoreCase)
        || header.StartsWith("X-DashScope-", StringComparison.OrdinalIgnoreCase);
}
