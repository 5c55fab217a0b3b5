using System.ComponentModel;
using System.Globalization;
using System.Text.Json;

namespace DashScope.Toolkit.Json;

/// <summary>Reads one value at the reader's position.</summary>
public delegate T DashScopeJsonValueReader<out T>(ref Utf8JsonReader reader);

/// <summary>
/// Small reflection-free helpers the generated JSON converters call. They name the wire field in every
/// error so that a malformed answer says which field broke.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public static class DashScopeJson
{
    /// <summary>Throws unless the reader is at the start of an object.</summary>
    public static void ExpectStartObject(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a JSON object for {typeName}, found {reader.TokenType}.");
        }
    }

    /// <summary>Moves to the next property; returns false at the end of the object.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader, out string name)
    {
        if (!reader.Read()) { throw new JsonException("Unexpected end of JSON inside an object."); }
        if (reader.TokenType == JsonTokenType.EndObject) { name = string.Empty; return false; }
        if (reader.TokenType != JsonTokenType.PropertyName) { throw new JsonException($"Expected a property name, found {reader.TokenType}."); }
        name = reader.GetString()!;
        if (!reader.Read()) { throw new JsonException($"Unexpected end of JSON after property '{name}'."); }
        return true;
    }

    /// <summary>Reads a string (null allowed).</summary>
    public static string? ReadString(ref Utf8JsonReader reader, string field) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw Mismatch(field, "a string", reader.TokenType),
    };

    /// <summary>Reads a number as double (null allowed).</summary>
    public static double? ReadDouble(ref Utf8JsonReader reader, string field) => reader.TokenType switch
    {
        JsonTokenType.Number => reader.GetDouble(),
        JsonTokenType.Null => null,
        _ => throw Mismatch(field, "a number", reader.TokenType),
    };

    /// <summary>Reads an integer that fits 32 bits (null allowed).</summary>
    public static int? ReadInt32(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.Null) { return null; }
        if (reader.TokenType != JsonTokenType.Number) { throw Mismatch(field, "an integer", reader.TokenType); }
        if (reader.TryGetInt32(out var value)) { return value; }
        throw new JsonException($"Field '{field}' must be an integer in 32-bit range.");
    }

    /// <summary>Reads an integer that fits 64 bits (null allowed).</summary>
    public static long? ReadInt64(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.Null) { return null; }
        if (reader.TokenType != JsonTokenType.Number) { throw Mismatch(field, "an integer", reader.TokenType); }
        if (reader.TryGetInt64(out var value)) { return value; }
        throw new JsonException($"Field '{field}' must be an integer in 64-bit range.");
    }

    /// <summary>Reads a boolean (null allowed).</summary>
    public static bool? ReadBoolean(ref Utf8JsonReader reader, string field) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => null,
        _ => throw Mismatch(field, "a boolean", reader.TokenType),
    };

    /// <summary>
    /// Reads a zone-less time written as text in <paramref name="format"/> (null allowed) as the instant it names in
    /// the service's zone, <paramref name="offset"/> from UTC. Fractions may be shorter or absent.
    /// </summary>
    public static DateTimeOffset? ReadTime(ref Utf8JsonReader reader, string field, string format, TimeSpan offset)
    {
        var text = ReadString(ref reader, field);
        if (text is null) { return null; }
        if (DashScopeTime.TryParse(text, format, out var value)) { return new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Unspecified), offset); }
        throw new JsonException($"Field '{field}' must be a time like '{format}', got '{text}'.");
    }

    /// <summary>Reads a time written as epoch milliseconds (null allowed).</summary>
    public static DateTimeOffset? ReadEpochMilliseconds(ref Utf8JsonReader reader, string field)
    {
        var value = ReadInt64(ref reader, field);
        return value is null ? null : DateTimeOffset.FromUnixTimeMilliseconds(value.Value);
    }

    /// <summary>Reads an array whose items <paramref name="readItem"/> reads (null allowed).</summary>
    public static IReadOnlyList<T>? ReadArray<T>(ref Utf8JsonReader reader, string field, DashScopeJsonValueReader<T> readItem)
    {
        if (reader.TokenType == JsonTokenType.Null) { return null; }
        if (reader.TokenType != JsonTokenType.StartArray) { throw Mismatch(field, "an array", reader.TokenType); }
        var items = new List<T>();
        while (true)
        {
            if (!reader.Read()) { throw new JsonException($"Unexpected end of JSON inside '{field}'."); }
            if (reader.TokenType == JsonTokenType.EndArray) { return items; }
            items.Add(readItem(ref reader));
        }
    }

    /// <summary>Reads a value the schema does not describe, to keep it for round trips.</summary>
    public static void ReadUnknown(ref Utf8JsonReader reader, string name, ref Dictionary<string, JsonElement>? additional)
    {
        additional ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        additional[name] = JsonElement.ParseValue(ref reader);
    }

    /// <summary>Throws the error for a required field that the JSON lacked.</summary>
    public static JsonException MissingRequired(string typeName, string field) =>
        new($"{typeName} lacks its required field '{field}'.");

    /// <summary>The error for an array item that is null where the schema allows none.</summary>
    public static JsonException NullItem(string field) => new($"Field '{field}' holds a null item.");

    /// <summary>Writes a time in <paramref name="format"/> as the service's zone (<paramref name="offset"/> from UTC) reads it, without a zone.</summary>
    public static void WriteTime(Utf8JsonWriter writer, DateTimeOffset value, string format, TimeSpan offset) =>
        writer.WriteStringValue(DashScopeTime.Format(value, format, offset));

    /// <summary>Writes a time as epoch milliseconds.</summary>
    public static void WriteEpochMilliseconds(Utf8JsonWriter writer, DateTimeOffset value) =>
        writer.WriteNumberValue(value.ToUnixTimeMilliseconds());

    /// <summary>Writes the values kept by <see cref="ReadUnknown"/>.</summary>
    public static void WriteAdditional(Utf8JsonWriter writer, IReadOnlyDictionary<string, JsonElement>? additional)
    {
        if (additional is null) { return; }
        foreach (var pair in additional)
        {
            writer.WritePropertyName(pair.Key);
            pair.Value.WriteTo(writer);
        }
    }

    private static JsonException Mismatch(string field, string expected, JsonTokenType found) =>
        new($"Field '{field}' must be {expected}, found {found}.");
}

/// <summary>Parses and formats DashScope's zone-less time texts.</summary>
public static class DashScopeTime
{
    /// <summary>
    /// Parses <paramref name="text"/> in <paramref name="format"/>; a trailing fraction of seconds may have
    /// fewer digits or be absent, as the service is not consistent about it.
    /// </summary>
    public static bool TryParse(string text, string format, out DateTime value)
    {
        const DateTimeStyles styles = DateTimeStyles.AllowWhiteSpaces;
        if (DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, styles, out value)) { return true; }
        var dot = format.IndexOf(".f", StringComparison.Ordinal);
        if (dot < 0) { return false; }
        var seconds = format.Substring(0, dot);
        string[] variants = [seconds, seconds + ".f", seconds + ".ff", seconds + ".fff", seconds + ".ffff", seconds + ".fffff", seconds + ".ffffff"];
        return DateTime.TryParseExact(text, variants, CultureInfo.InvariantCulture, styles, out value);
    }

    /// <summary>Formats a time in <paramref name="format"/> with the invariant culture.</summary>
    public static string Format(DateTime value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Formats an instant as the zone <paramref name="offset"/> from UTC shows it, in <paramref name="format"/>, without the zone.</summary>
    public static string Format(DateTimeOffset value, string format, TimeSpan offset) =>
        value.ToOffset(offset).DateTime.ToString(format, CultureInfo.InvariantCulture);
}
