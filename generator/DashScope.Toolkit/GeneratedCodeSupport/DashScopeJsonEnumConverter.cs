using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using DashScope.Toolkit.Json;

namespace DashScope.Toolkit.GeneratedCodeSupport;

/// <summary>
/// Reads and writes a generated extensible string enum as its wire text; any text is kept (the enum says whether it
/// knows it), a JSON null or a non-string is a <see cref="JsonException"/> naming the enum.
/// </summary>
/// <typeparam name="T">The enum struct.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DashScopeJsonEnumConverter<T> : JsonConverter<T> where T : struct
{
    private readonly string _typeName;
    private readonly Func<string, T> _create;
    private readonly Func<T, string> _text;

    /// <summary>Creates the converter of one enum.</summary>
    /// <param name="typeName">The enum's name, for errors.</param>
    /// <param name="create">Wraps a wire text.</param>
    /// <param name="text">Gives a value's wire text.</param>
    public DashScopeJsonEnumConverter(string typeName, Func<string, T> create, Func<T, string> text)
    {
        _typeName = typeName ?? throw new ArgumentNullException(nameof(typeName));
        _create = create ?? throw new ArgumentNullException(nameof(create));
        _text = text ?? throw new ArgumentNullException(nameof(text));
    }

    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        _create(DashScopeJson.ReadString(ref reader, _typeName) ?? throw new JsonException($"{_typeName} cannot be null."));

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(_text(value));
}
