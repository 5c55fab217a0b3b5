using System.ComponentModel;
using System.Text.Json;
using DashScope.Toolkit.Json;

namespace DashScope.Toolkit.GeneratedCodeSupport;

/// <summary>
/// The codecs generated JSON tables use: one per schema value kind. Errors name the wire field, as
/// <see cref="DashScopeJson"/> words them.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DashScopeJsonCodecs
{
    /// <summary>A JSON string as <see cref="string"/>.</summary>
    public static DashScopeJsonCodec String { get; } = new StringCodec();

    /// <summary>A JSON number as <see cref="double"/>.</summary>
    public static DashScopeJsonCodec Double { get; } = new DoubleCodec();

    /// <summary>A JSON integer in 32-bit range as <see cref="int"/>.</summary>
    public static DashScopeJsonCodec Int32 { get; } = new Int32Codec();

    /// <summary>A JSON integer in 64-bit range as <see cref="long"/>.</summary>
    public static DashScopeJsonCodec Int64 { get; } = new Int64Codec();

    /// <summary>A JSON boolean as <see cref="bool"/>.</summary>
    public static DashScopeJsonCodec Boolean { get; } = new BooleanCodec();

    /// <summary>A time written as epoch milliseconds, as <see cref="DateTimeOffset"/>.</summary>
    public static DashScopeJsonCodec EpochMilliseconds { get; } = new EpochMillisecondsCodec();

    /// <summary>Any JSON value, kept as a <see cref="JsonElement"/> (a JSON null included).</summary>
    public static DashScopeJsonCodec Any { get; } = new AnyCodec();

    /// <summary>A zone-less time text in <paramref name="format"/>, read as the instant it names in the zone <paramref name="offset"/> from UTC.</summary>
    public static DashScopeJsonCodec Time(string format, TimeSpan offset) => new TimeCodec(format, offset);

    /// <summary>A JSON array whose items <paramref name="item"/> reads, as a list of <typeparamref name="T"/>; a null item is an error unless the item codec reads nulls.</summary>
    public static DashScopeJsonCodec List<T>(DashScopeJsonCodec item) => new ListCodec<T>(item);

    /// <summary>
    /// A nested object, read and written by the converter <paramref name="converter"/> returns. It is asked for at
    /// the first use, so tables may refer to each other in any order (and to themselves); the delegate's result is
    /// nullable because a table built in a static initializer may name a converter declared after it.
    /// </summary>
    public static DashScopeJsonCodec Object<T>(Func<DashScopeJsonObjectConverter<T>?> converter) where T : class => new ObjectCodec<T>(converter);

    /// <summary>An extensible string enum, read and written by <paramref name="converter"/>.</summary>
    public static DashScopeJsonCodec Enum<T>(DashScopeJsonEnumConverter<T> converter) where T : struct => new EnumCodec<T>(converter);

    private sealed class StringCodec : DashScopeJsonCodec
    {
        internal override object Read(ref Utf8JsonReader reader, string field, JsonSerializerOptions options) => DashScopeJson.ReadString(ref reader, field)!;

        internal override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options) => writer.WriteStringValue((string)value);
    }

    private sealed class DoubleCodec : DashScopeJsonCodec
    {
        internal override object Read(ref Utf8JsonReader reader, string field, JsonSerializerOptions options) => DashScopeJson.ReadDouble(ref reader, field)!.Value;

        internal override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options) => writer.WriteNumberValue((double)value);
    }

    private sealed class Int32Codec : DashScopeJsonCodec
    {
        internal override object Read(ref Utf8JsonReader reader, string field, JsonSerializerOptions options) => DashScopeJson.ReadInt32(ref reader, field)!.Value;

        internal override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options) => writer.WriteNumberValue((int)value);
    }

    private sealed class Int64Codec : DashScopeJsonCodec
    {
        internal override object Read(ref Utf8JsonReader reader, string field, JsonSerializerOptions options) => DashScopeJson.ReadInt64(ref reader, field)!.Value;

        internal override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options) => writer.WriteNumberValue((long)value);
    }

    private sealed class BooleanCodec : DashScopeJsonCodec
    {
        internal override object Read(ref Utf8JsonReader reader, string field, JsonSerializerOptions options) => DashScopeJson.ReadBoolean(ref reader, field)!.Value;

        internal override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options) => writer.WriteBooleanValue((bool)value);
    }

    private sealed class EpochMillisecondsCodec : DashScopeJsonCodec
    {
        internal override object Read(ref Utf8JsonReader reader, string field, JsonSerializerOptions options) => DashScopeJson.ReadEpochMilliseconds(ref reader, field)!.Value;

        internal override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options) => DashScopeJson.WriteEpochMilliseconds(writer, (DateTimeOffset)value);
    }

    private sealed class AnyCodec : DashScopeJsonCodec
    {
        internal override bool ReadsNull => true;

        internal override object Read(ref Utf8JsonReader reader, string field, JsonSerializerOptions options) => JsonElement.ParseValue(ref reader);

        internal override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options) => ((JsonElement)value).WriteTo(writer);
    }

    private sealed class TimeCodec(string format, TimeSpan offset) : DashScopeJsonCodec
    {
        internal override object Read(ref Utf8JsonReader reader, string field, JsonSerializerOptions options) => DashScopeJson.ReadTime(ref reader, field, format, offset)!.Value;

        internal override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options) => DashScopeJson.WriteTime(writer, (DateTimeOffset)value, format, offset);
    }

    private sealed class ListCodec<T>(DashScopeJsonCodec item) : DashScopeJsonCodec
    {
        internal override object Read(ref Utf8JsonReader reader, string field, JsonSerializerOptions options)
        {
            // The item's field is named as the generated converters named it: the array's wire name and "[]".
            var itemField = field + "[]";
            return DashScopeJson.ReadArray(ref reader, field, (ref Utf8JsonReader itemReader) =>
                itemReader.TokenType == JsonTokenType.Null && !item.ReadsNull
                    ? throw DashScopeJson.NullItem(itemField)
                    : (T)item.Read(ref itemReader, itemField, options))!;
        }

        internal override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var element in (IEnumerable<T>)value) { item.Write(writer, element!, options); }
            writer.WriteEndArray();
        }
    }

    private sealed class ObjectCodec<T>(Func<DashScopeJsonObjectConverter<T>?> converter) : DashScopeJsonCodec where T : class
    {
        private DashScopeJsonObjectConverter<T>? _converter;

        private DashScopeJsonObjectConverter<T> Converter => _converter ??= converter()
            ?? throw new InvalidOperationException($"The JSON table of {typeof(T).Name} was used before it was built.");

        internal override object Read(ref Utf8JsonReader reader, string field, JsonSerializerOptions options) => Converter.Read(ref reader, typeof(T), options);

        internal override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options) => Converter.Write(writer, (T)value, options);
    }

    private sealed class EnumCodec<T>(DashScopeJsonEnumConverter<T> converter) : DashScopeJsonCodec where T : struct
    {
        internal override object Read(ref Utf8JsonReader reader, string field, JsonSerializerOptions options) => converter.Read(ref reader, typeof(T), options);

        internal override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options) => converter.Write(writer, (T)value, options);
    }
}
