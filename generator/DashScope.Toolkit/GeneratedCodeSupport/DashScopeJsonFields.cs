using System.ComponentModel;
using System.Text.Json;

namespace DashScope.Toolkit.GeneratedCodeSupport;

/// <summary>
/// The values a generated JSON table read for one object, by the position of their property in the table, and the
/// fields the table does not describe: what a generated factory builds the record from.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct DashScopeJsonFields
{
    private readonly object?[] _values;

    internal DashScopeJsonFields(object?[] values, IReadOnlyDictionary<string, JsonElement>? additionalProperties)
    {
        _values = values;
        AdditionalProperties = additionalProperties;
    }

    /// <summary>Fields the table does not describe, kept for round trips (null when there were none).</summary>
    public IReadOnlyDictionary<string, JsonElement>? AdditionalProperties { get; }

    /// <summary>
    /// The value of the property at <paramref name="index"/> in the table, as <typeparamref name="T"/>: a nullable
    /// type for a property that may be absent; a required property was checked before the factory runs.
    /// </summary>
    public T Get<T>(int index) => (T)_values[index]!;
}
