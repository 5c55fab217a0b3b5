using System.ComponentModel;
using System.Text.Json;

namespace DashScope.Toolkit.GeneratedCodeSupport;

/// <summary>
/// How one kind of value (a string, a number, a time, a nested object, an array...) is read and written. Generated
/// JSON contexts pick one from <see cref="DashScopeJsonCodecs"/> for each property of their tables; values travel
/// boxed between a codec and a table, so that a table entry needs no type arguments.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class DashScopeJsonCodec
{
    private protected DashScopeJsonCodec() { }

    /// <summary>True when a JSON null is a value of this kind (a raw JSON element), not an absent value.</summary>
    internal virtual bool ReadsNull => false;

    /// <summary>Reads the value at the reader (never at a null token unless <see cref="ReadsNull"/>), naming <paramref name="field"/> in any error.</summary>
    internal abstract object Read(ref Utf8JsonReader reader, string field, JsonSerializerOptions options);

    /// <summary>Writes <paramref name="value"/>, a value this codec reads.</summary>
    internal abstract void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options);
}
