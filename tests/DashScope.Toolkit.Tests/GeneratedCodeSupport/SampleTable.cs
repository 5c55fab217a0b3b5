using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DashScope.LivePortrait;
using DashScope.Toolkit.GeneratedCodeSupport;

namespace DashScope.Toolkit.Tests.GeneratedCodeSupport;

/// <summary>A hand-written record with a property of every value kind the runtime's JSON tables know.</summary>
internal sealed record SampleRecord
{
    public required string Name { get; init; }
    public required int Count { get; init; }
    public double? Ratio { get; init; }
    public long? Big { get; init; }
    public bool? Flag { get; init; }
    public DateTimeOffset? LocalTime { get; init; }
    public DateTimeOffset? Epoch { get; init; }
    public JsonElement? Raw { get; init; }
    public TemplateId? Template { get; init; }
    public SampleRecord? Child { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public IReadOnlyList<SampleRecord>? Children { get; init; }
    public string Kind { get; init; } = "sample";
    public IReadOnlyDictionary<string, JsonElement>? AdditionalProperties { get; init; }
}

/// <summary>The table a generated context would hold for <see cref="SampleRecord"/>, built on the public runtime API.</summary>
internal static class SampleTable
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    private static readonly DashScopeJsonEnumConverter<TemplateId> Template = new("TemplateId", static v => new(v), static v => v.Value);

    public static readonly DashScopeJsonObjectConverter<SampleRecord> Converter = new("SampleRecord",
        static f => new()
        {
            Name = f.Get<string>(0), Count = f.Get<int>(1), Ratio = f.Get<double?>(2), Big = f.Get<long?>(3), Flag = f.Get<bool?>(4),
            LocalTime = f.Get<DateTimeOffset?>(5), Epoch = f.Get<DateTimeOffset?>(6), Raw = f.Get<JsonElement?>(7), Template = f.Get<TemplateId?>(8),
            Child = f.Get<SampleRecord?>(9), Tags = f.Get<IReadOnlyList<string>?>(10), Children = f.Get<IReadOnlyList<SampleRecord>?>(11),
            Kind = f.Get<string?>(12) ?? "sample", AdditionalProperties = f.AdditionalProperties,
        },
        static v => v.AdditionalProperties,
        new("name", static v => v.Name, DashScopeJsonCodecs.String, true),
        new("count", static v => v.Count, DashScopeJsonCodecs.Int32, true),
        new("ratio", static v => v.Ratio, DashScopeJsonCodecs.Double),
        new("big", static v => v.Big, DashScopeJsonCodecs.Int64),
        new("flag", static v => v.Flag, DashScopeJsonCodecs.Boolean),
        new("local_time", static v => v.LocalTime, DashScopeJsonCodecs.Time("yyyy-MM-dd HH:mm:ss.fff", Offset)),
        new("epoch", static v => v.Epoch, DashScopeJsonCodecs.EpochMilliseconds),
        new("raw", static v => v.Raw, DashScopeJsonCodecs.Any),
        new("template", static v => v.Template, DashScopeJsonCodecs.Enum(Template)),
        new("child", static v => v.Child, DashScopeJsonCodecs.Object(static () => Converter)),
        new("tags", static v => v.Tags, DashScopeJsonCodecs.List<string>(DashScopeJsonCodecs.String)),
        new("children", static v => v.Children, DashScopeJsonCodecs.List<SampleRecord>(DashScopeJsonCodecs.Object(static () => Converter))),
        new("kind", static v => v.Kind, DashScopeJsonCodecs.String));

    /// <summary>Metadata over options with an empty resolver (no reflection), as a generated context makes it.</summary>
    public static readonly JsonTypeInfo<SampleRecord> Info =
        new DashScopeJsonTypeInfos(new JsonSerializerOptions { TypeInfoResolver = JsonTypeInfoResolver.Combine() }, 1).Get(0, Converter);

    public static string Write(SampleRecord value) => JsonSerializer.Serialize(value, Info);

    public static SampleRecord Read(string json) => JsonSerializer.Deserialize(json, Info)!;
}
