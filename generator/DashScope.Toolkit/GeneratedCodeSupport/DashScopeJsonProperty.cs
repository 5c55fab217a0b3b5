using System.ComponentModel;
using System.Text.Json;

namespace DashScope.Toolkit.GeneratedCodeSupport;

/// <summary>
/// One row of a generated JSON table: a property's wire name, how to get its value from a
/// <typeparamref name="TOwner"/>, the codec of its values, and whether the JSON must hold it.
/// </summary>
/// <typeparam name="TOwner">The record the property belongs to.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DashScopeJsonProperty<TOwner>
{
    private readonly Func<TOwner, object?> _get;
    private readonly DashScopeJsonCodec _codec;

    /// <summary>Describes a property.</summary>
    /// <param name="wireName">The property's name in JSON.</param>
    /// <param name="get">Reads the property's value (null when it has none: it is then not written).</param>
    /// <param name="codec">Reads and writes its values.</param>
    /// <param name="required">True when reading JSON that lacks the property (or holds null for it) is an error.</param>
    public DashScopeJsonProperty(string wireName, Func<TOwner, object?> get, DashScopeJsonCodec codec, bool required = false)
    {
        WireName = wireName ?? throw new ArgumentNullException(nameof(wireName));
        _get = get ?? throw new ArgumentNullException(nameof(get));
        _codec = codec ?? throw new ArgumentNullException(nameof(codec));
        Required = required;
        EncodedName = JsonEncodedText.Encode(wireName);
    }

    /// <summary>The property's name in JSON.</summary>
    public string WireName { get; }

    /// <summary>True when reading JSON that lacks the property (or holds null for it) is an error.</summary>
    public bool Required { get; }

    internal JsonEncodedText EncodedName { get; }

    /// <summary>Reads the value at the reader: null for a JSON null (unless the codec keeps nulls as values).</summary>
    internal object? Read(ref Utf8JsonReader reader, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null && !_codec.ReadsNull ? null : _codec.Read(ref reader, WireName, options);

    /// <summary>Writes the property's name and value, or nothing when it has no value.</summary>
    internal void Write(Utf8JsonWriter writer, TOwner owner, JsonSerializerOptions options)
    {
        if (_get(owner) is not { } value) { return; }
        writer.WritePropertyName(EncodedName);
        _codec.Write(writer, value, options);
    }
}
