using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DashScope.Toolkit.Description;
using DashScope.Toolkit.Generator.Model;

namespace DashScope.Toolkit.Generator.Emitting;

/// <summary>
/// Writes a JsonSerializerContext whose type infos wrap the runtime's table-driven converters: per record one table
/// (wire name, getter, codec, required flag) and a factory, per enum one converter. The System.Text.Json generator
/// cannot see types that another generator adds, so this context is complete on its own: no reflection, safe for
/// trimming and native AOT. The reading and writing code lives once in the runtime
/// (<c>DashScope.Toolkit.GeneratedCodeSupport</c>), so a consumer compiles tables, not a converter body per type.
/// </summary>
internal static class JsonEmitter
{
    private const string Stj = "global::System.Text.Json";
    private const string Codecs = "DashScopeJsonCodecs";

    public static string Emit(ServiceModel model)
    {
        var ns = model.Namespace;
        var names = AllTypeNames(model).ToList();
        var w = Header.Begin(model, usesSupport: true);
        w.Summary($"Reflection-free JSON metadata for every {model.ServiceName} type, with the wire names the API uses.");
        w.Line(Header.GeneratedCode);
        w.Open($"public sealed partial class {model.JsonContextName} : {Stj}.Serialization.JsonSerializerContext");
        w.Line($"/// <summary>The shared instance, over options that leave out null fields.</summary>");
        w.Line($"public static {model.JsonContextName} Default {{ get; }} = new(new {Stj}.JsonSerializerOptions {{ DefaultIgnoreCondition = {Stj}.Serialization.JsonIgnoreCondition.WhenWritingNull }});");
        w.Line();
        w.Line($"private readonly DashScopeJsonTypeInfos _infos;");
        w.Line();
        w.Line("/// <summary>Creates a context bound to <paramref name=\"options\"/>.</summary>");
        w.Line($"public {model.JsonContextName}({Stj}.JsonSerializerOptions options) : base(options) => _infos = new(Options, {names.Count.ToString(CultureInfo.InvariantCulture)});");
        w.Line();
        w.Line("/// <summary>The offset from UTC of the service's zone-less times (task times are read and written in it).</summary>");
        w.Line($"public static global::System.TimeSpan ServiceTimeOffset {{ get; }} = global::System.TimeSpan.FromMinutes({model.TimeZoneOffsetMinutes.ToString(CultureInfo.InvariantCulture)});");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line($"protected override {Stj}.JsonSerializerOptions? GeneratedSerializerOptions => null;");
        for (var i = 0; i < names.Count; i++)
        {
            w.Line();
            w.Line($"/// <summary>Metadata of <see cref=\"global::{ns}.{names[i]}\"/>.</summary>");
            w.Line($"public {Stj}.Serialization.Metadata.JsonTypeInfo<{names[i]}> {names[i]} => _infos.Get({i.ToString(CultureInfo.InvariantCulture)}, s_{names[i]});");
        }
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Open($"public override {Stj}.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(global::System.Type type)");
        foreach (var name in names)
        {
            w.Line($"if (type == typeof(global::{ns}.{name})) {{ return {name}; }}");
        }
        w.Line("return null;");
        w.Close();
        // Enum converters first: object tables take them as they are built (nested objects are looked up lazily).
        foreach (var type in model.EnumTypes)
        {
            w.Line();
            w.Line($"private static readonly DashScopeJsonEnumConverter<{type.Name}> s_{type.Name} = new({SourceWriter.Literal(type.Name)}, static v => new(v), static v => v.Value);");
        }
        foreach (var type in model.ObjectTypes) { EmitObjectTable(w, type, ns); }
        w.Close();
        return w.ToString();
    }

    private static IEnumerable<string> AllTypeNames(ServiceModel model) =>
        model.EnumTypes.Select(e => e.Name).Concat(model.ObjectTypes.Select(o => o.Name));

    private static void EmitObjectTable(SourceWriter w, ObjectTypeModel type, string ns)
    {
        var values = type.Properties.Select((p, i) => $"{p.Name} = {FieldValue(p, i, ns)}, ");
        w.Line();
        w.Line($"private static readonly DashScopeJsonObjectConverter<{type.Name}> s_{type.Name} = new({SourceWriter.Literal(type.Name)},");
        w.Line($"    static f => new() {{ {string.Concat(values)}AdditionalProperties = f.AdditionalProperties }},");
        w.Line("    static v => v.AdditionalProperties" + (type.Properties.Count == 0 ? ");" : ","));
        for (var i = 0; i < type.Properties.Count; i++)
        {
            var p = type.Properties[i];
            var required = p.Required && p.FixedValue is null ? ", true" : string.Empty;
            var end = i == type.Properties.Count - 1 ? ");" : ",";
            w.Line($"    {Row(type, "DashScopeJsonProperty")}({SourceWriter.Literal(p.WireName)}, static v => v.{p.Name}, {Codec(p.Type, ns)}{required}){end}");
        }
    }

    /// <summary>
    /// How a table row is created: a target-typed <c>new</c>, except in a table of one row, where C# would target the
    /// params array itself (CS8752), so the row names its type.
    /// </summary>
    private static string Row(ObjectTypeModel type, string rowType) => type.Properties.Count == 1 ? $"new {rowType}<{type.Name}>" : "new";

    /// <summary>The factory's expression for a property's value: required ones were checked by the runtime, a fixed value fills a gap.</summary>
    private static string FieldValue(PropertyModel p, int index, string ns)
    {
        var i = index.ToString(CultureInfo.InvariantCulture);
        var type = TypeNames.Local(p.Type, ns);
        if (p.FixedValue is not null) { return $"f.Get<string?>({i}) ?? {SourceWriter.Literal(p.FixedValue)}"; }
        return p.Required ? $"f.Get<{type}>({i})" : $"f.Get<{type}?>({i})";
    }

    private static string Codec(ValueTypeModel type, string ns) => type.Kind switch
    {
        ValueKind.String => Codecs + ".String",
        ValueKind.Number => Codecs + ".Double",
        ValueKind.Integer => Codecs + ".Int32",
        ValueKind.LongInteger => Codecs + ".Int64",
        ValueKind.Boolean => Codecs + ".Boolean",
        ValueKind.Time => $"{Codecs}.Time({SourceWriter.Literal(type.TimeFormat!)}, ServiceTimeOffset)",
        ValueKind.EpochTime => Codecs + ".EpochMilliseconds",
        ValueKind.Any => Codecs + ".Any",
        ValueKind.Enum => $"{Codecs}.Enum(s_{type.TypeName})",
        ValueKind.Object => $"{Codecs}.Object(static () => s_{type.TypeName})",
        ValueKind.Array => $"{Codecs}.List<{TypeNames.Local(type.Item!, ns)}>({Codec(type.Item!, ns)})",
        _ => throw new System.ArgumentOutOfRangeException(nameof(type)),
    };
}
