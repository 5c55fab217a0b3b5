using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace DashScope.Toolkit.GeneratedCodeSupport;

/// <summary>
/// The type metadata of one generated JSON context, made on first use from the type's converter and kept: what the
/// context's per-type properties return.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DashScopeJsonTypeInfos
{
    private readonly JsonSerializerOptions _options;
    private readonly JsonTypeInfo?[] _infos;

    /// <summary>Creates room for <paramref name="count"/> types bound to <paramref name="options"/> (the context's).</summary>
    public DashScopeJsonTypeInfos(JsonSerializerOptions options, int count)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _infos = new JsonTypeInfo?[count];
    }

    /// <summary>The metadata at <paramref name="index"/>, made from <paramref name="converter"/> the first time.</summary>
    public JsonTypeInfo<T> Get<T>(int index, JsonConverter<T> converter) =>
        (JsonTypeInfo<T>)(_infos[index] ??= JsonMetadataServices.CreateValueInfo<T>(_options, converter));
}
