using System.Text.Json;

namespace DashScope.Emulator.Admin;

/// <summary>
/// Reads an enum member that an admin request names. Only a member's name is accepted (any case): a number,
/// a list of names or an unknown name is refused with the names that would have worked, because a fault of
/// the wrong kind silently planned is worse than a 400.
/// </summary>
internal static class AdminNames
{
    /// <summary>The member <paramref name="value"/> names; an <see cref="ArgumentException"/> (a 400) otherwise.</summary>
    /// <param name="value">The JSON value of the field.</param>
    /// <param name="field">The field's name in the request, e.g. <c>kind</c>.</param>
    /// <param name="what">What the field names, for the message, e.g. <c>fault kind</c>.</param>
    public static TEnum Parse<TEnum>(JsonElement value, string field, string what)
        where TEnum : struct, Enum
    {
        var names = Enum.GetNames<TEnum>();
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            throw new ArgumentException($"\"{field}\" is missing; it must be one of {string.Join(", ", names)}.");
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
        foreach (var name in names)
        {
            if (value.ValueKind == JsonValueKind.String && string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                return Enum.Parse<TEnum>(name);
            }
        }

        throw new ArgumentException($"Unknown {what} '{text}'; \"{field}\" must be one of {string.Join(", ", names)}.");
    }

    /// <summary>The endpoint <paramref name="value"/> names among <paramref name="known"/>; an <see cref="ArgumentException"/> (a 400) otherwise.</summary>
    /// <param name="value">The JSON value of the field.</param>
    /// <param name="field">The field's name in the request, e.g. <c>endpoint</c>.</param>
    /// <param name="known">The endpoints of the loaded schema.</param>
    public static EmulatorEndpoint ParseEndpoint(JsonElement value, string field, IReadOnlyList<EmulatorEndpoint> known)
    {
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            throw new ArgumentException($"\"{field}\" is missing; it must be one of {EndpointNames(known)}.");
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
        return value.ValueKind == JsonValueKind.String && EmulatorEndpoint.TryFind(text, known, out var endpoint)
            ? endpoint
            : throw new ArgumentException($"Unknown endpoint '{text}'; \"{field}\" must be one of {EndpointNames(known)}.");
    }

    /// <summary>The keys of <paramref name="known"/>, each task operation with the member name it is also known by.</summary>
    public static string EndpointNames(IEnumerable<EmulatorEndpoint> known) =>
        string.Join(", ", known.Select(e => MemberName(e) is { } member ? $"{e.Key} ({member})" : e.Key));

    private static string? MemberName(EmulatorEndpoint endpoint) =>
        endpoint == EmulatorEndpoint.QueryTask ? nameof(EmulatorEndpoint.QueryTask)
        : endpoint == EmulatorEndpoint.CancelTask ? nameof(EmulatorEndpoint.CancelTask)
        : endpoint == EmulatorEndpoint.ListTasks ? nameof(EmulatorEndpoint.ListTasks)
        : null;
}
