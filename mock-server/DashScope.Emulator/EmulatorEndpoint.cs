using System.Text.Json;
using System.Text.Json.Serialization;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator;

/// <summary>
/// One operation of the schema the emulator runs on, named by its key: the name in <c>x-dashscope-operations</c>
/// for a synchronous call or a task submit, or <c>query</c>, <c>cancel</c>, <c>list</c> for the task protocol's
/// own operations. Faults, rate limits and the journal are keyed by it. The emulator serves every operation
/// its schema has; <see cref="LivePortraitEmulator.Endpoints"/> lists them.
/// </summary>
[JsonConverter(typeof(EmulatorEndpointJsonConverter))]
public readonly struct EmulatorEndpoint : IEquatable<EmulatorEndpoint>
{
    private readonly string? _key;

    private EmulatorEndpoint(string key) => _key = key;

    /// <summary>The shipped schema's synchronous face check (<c>DetectFace</c>, <c>POST /services/aigc/image2video/face-detect</c>).</summary>
    public static EmulatorEndpoint DetectFace => new("DetectFace");

    /// <summary>The shipped schema's video synthesis submit (<c>VideoSynthesis</c>, <c>POST /services/aigc/image2video/video-synthesis/</c>).</summary>
    public static EmulatorEndpoint VideoSynthesis => new("VideoSynthesis");

    /// <summary>The task query of any schema (<c>GET /tasks/{task_id}</c> in the shipped one).</summary>
    public static EmulatorEndpoint QueryTask => new(TaskOperationKeys.Query);

    /// <summary>The task cancel of any schema (<c>POST /tasks/{task_id}/cancel</c> in the shipped one).</summary>
    public static EmulatorEndpoint CancelTask => new(TaskOperationKeys.Cancel);

    /// <summary>The task list of any schema (<c>GET /tasks/</c> in the shipped one).</summary>
    public static EmulatorEndpoint ListTasks => new(TaskOperationKeys.List);

    /// <summary>The operation's key in the schema (empty for a default value, which names no operation).</summary>
    public string Key => _key ?? string.Empty;

    /// <summary>The endpoint a stored <see cref="Key"/> names: the default endpoint for an empty key.</summary>
    internal static EmulatorEndpoint FromKey(string key) => key.Length == 0 ? default : new EmulatorEndpoint(key);

    /// <summary>The endpoint of the operation with schema key <paramref name="key"/> (<c>LipSync</c>, <c>query</c>...).</summary>
    /// <param name="key">The key, exactly as the schema writes it.</param>
    /// <exception cref="ArgumentException">The key is null or empty.</exception>
    public static EmulatorEndpoint Of(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return new EmulatorEndpoint(key);
    }

    /// <summary>
    /// The endpoint a name means among <paramref name="known"/>: a key, in any case, or the name of one of the
    /// static members above (<c>QueryTask</c> for <c>query</c>), which the admin API has always accepted.
    /// </summary>
    /// <param name="name">The name to look up.</param>
    /// <param name="known">The endpoints of the loaded schema.</param>
    /// <param name="endpoint">The endpoint found.</param>
    public static bool TryFind(string? name, IEnumerable<EmulatorEndpoint> known, out EmulatorEndpoint endpoint)
    {
        var key = FromMemberName(name) ?? name;
        foreach (var candidate in known)
        {
            if (string.Equals(candidate.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                endpoint = candidate;
                return true;
            }
        }

        endpoint = default;
        return false;
    }

    /// <inheritdoc/>
    public bool Equals(EmulatorEndpoint other) => string.Equals(Key, other.Key, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EmulatorEndpoint other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    /// <summary>The key.</summary>
    public override string ToString() => Key;

    /// <summary>True when both name the same operation key.</summary>
    public static bool operator ==(EmulatorEndpoint left, EmulatorEndpoint right) => left.Equals(right);

    /// <summary>True when they name different operation keys.</summary>
    public static bool operator !=(EmulatorEndpoint left, EmulatorEndpoint right) => !left.Equals(right);

    /// <summary>The key of the task operation a member name such as <c>QueryTask</c> stands for, else null.</summary>
    internal static string? FromMemberName(string? name) => name?.ToUpperInvariant() switch
    {
        "QUERYTASK" => TaskOperationKeys.Query,
        "CANCELTASK" => TaskOperationKeys.Cancel,
        "LISTTASKS" => TaskOperationKeys.List,
        _ => null,
    };
}

/// <summary>Writes an endpoint as its key; reads a key, or a task member name such as <c>QueryTask</c>.</summary>
internal sealed class EmulatorEndpointJsonConverter : JsonConverter<EmulatorEndpoint>
{
    public override EmulatorEndpoint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (string.IsNullOrEmpty(name))
        {
            throw new JsonException("An endpoint is written as the operation's key, a non-empty string.");
        }

        return EmulatorEndpoint.Of(EmulatorEndpoint.FromMemberName(name) ?? name);
    }

    public override void Write(Utf8JsonWriter writer, EmulatorEndpoint value, JsonSerializerOptions options) => writer.WriteStringValue(value.Key);

    public override EmulatorEndpoint ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Read(ref reader, typeToConvert, options);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, EmulatorEndpoint value, JsonSerializerOptions options) => writer.WritePropertyName(value.Key);
}
