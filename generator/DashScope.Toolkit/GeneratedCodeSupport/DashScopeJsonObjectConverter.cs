using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using DashScope.Toolkit.Json;

namespace DashScope.Toolkit.GeneratedCodeSupport;

/// <summary>
/// Reads and writes a generated record from its table of properties, without reflection: properties in table order
/// (one without a value is left out), then the fields the schema does not describe. Unknown fields are kept; a
/// required property that is absent or null, a value of the wrong JSON type, or a JSON value that is not an object
/// is a <see cref="JsonException"/> naming the type or field.
/// </summary>
/// <typeparam name="T">The record.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DashScopeJsonObjectConverter<T> : JsonConverter<T> where T : class
{
    private readonly string _typeName;
    private readonly Func<DashScopeJsonFields, T> _create;
    private readonly Func<T, IReadOnlyDictionary<string, JsonElement>?> _additionalProperties;
    private readonly DashScopeJsonProperty<T>[] _properties;
    private readonly Dictionary<string, int> _indexByName;

    /// <summary>Creates the converter of one record.</summary>
    /// <param name="typeName">The record's name, for errors.</param>
    /// <param name="create">Builds the record from the values read (by the position of their property in <paramref name="properties"/>).</param>
    /// <param name="additionalProperties">Reads the record's fields the schema does not describe, to write them back.</param>
    /// <param name="properties">The record's properties, in the order they are written.</param>
    public DashScopeJsonObjectConverter(
        string typeName,
        Func<DashScopeJsonFields, T> create,
        Func<T, IReadOnlyDictionary<string, JsonElement>?> additionalProperties,
        params DashScopeJsonProperty<T>[] properties)
    {
        _typeName = typeName ?? throw new ArgumentNullException(nameof(typeName));
        _create = create ?? throw new ArgumentNullException(nameof(create));
        _additionalProperties = additionalProperties ?? throw new ArgumentNullException(nameof(additionalProperties));
        _properties = properties ?? throw new ArgumentNullException(nameof(properties));
        _indexByName = new Dictionary<string, int>(properties.Length, StringComparer.Ordinal);
        for (var i = 0; i < properties.Length; i++)
        {
            // A repeated wire name would make the table ambiguous; a generator bug, so fail at once.
            if (!_indexByName.TryAdd(properties[i].WireName, i)) { throw new ArgumentException($"{typeName} lists '{properties[i].WireName}' twice.", nameof(properties)); }
        }
    }

    /// <summary>The properties, in table order.</summary>
    public IReadOnlyList<DashScopeJsonProperty<T>> Properties => _properties;

    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        DashScopeJson.ExpectStartObject(ref reader, _typeName);
        var values = new object?[_properties.Length];
        Dictionary<string, JsonElement>? additional = null;
        while (DashScopeJson.NextProperty(ref reader, out var name))
        {
            if (_indexByName.TryGetValue(name, out var index)) { values[index] = _properties[index].Read(ref reader, options); }
            else { DashScopeJson.ReadUnknown(ref reader, name, ref additional); }
        }
        for (var i = 0; i < _properties.Length; i++)
        {
            if (_properties[i].Required && values[i] is null) { throw DashScopeJson.MissingRequired(_typeName, _properties[i].WireName); }
        }
        return _create(new DashScopeJsonFields(values, additional));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var property in _properties) { property.Write(writer, value, options); }
        DashScopeJson.WriteAdditional(writer, _additionalProperties(value));
        writer.WriteEndObject();
    }
}
