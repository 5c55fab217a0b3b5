using System.Linq;
using DashScope.Toolkit.Description;
using DashScope.Toolkit.Generator.Model;

namespace DashScope.Toolkit.Generator.Emitting;

/// <summary>
/// Writes a JsonSerializerContext whose type infos wrap hand-written converters. The System.Text.Json
/// generator cannot see types that another generator adds, so this context is complete on its own:
/// no reflection, safe for trimming and native AOT.
/// </summary>
internal static class JsonEmitter
{
    private const string Stj = "global::System.Text.Json";

    public static string Emit(ServiceModel model)
    {
        var ns = model.Namespace;
        var w = Header.Begin(model);
        w.Summary($"Reflection-free JSON metadata for every {model.ServiceName} type, with the wire names the API uses.");
        w.Line(Header.GeneratedCode);
        w.Open($"public sealed partial class {model.JsonContextName} : {Stj}.Serialization.JsonSerializerContext");
        w.Line($"/// <summary>The shared instance, over options that leave out null fields.</summary>");
        w.Line($"public static {model.JsonContextName} Default {{ get; }} = new(new {Stj}.JsonSerializerOptions {{ DefaultIgnoreCondition = {Stj}.Serialization.JsonIgnoreCondition.WhenWritingNull }});");
        w.Line();
        w.Line("/// <summary>Creates a context bound to <paramref name=\"options\"/>.</summary>");
        w.Line($"public {model.JsonContextName}({Stj}.JsonSerializerOptions options) : base(options) {{ }}");
        w.Line();
        w.Line("/// <summary>The offset from UTC of the service's zone-less times (task times are read and written in it).</summary>");
        w.Line($"public static global::System.TimeSpan ServiceTimeOffset {{ get; }} = global::System.TimeSpan.FromMinutes({model.TimeZoneOffsetMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture)});");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line($"protected override {Stj}.JsonSerializerOptions? GeneratedSerializerOptions => null;");
        foreach (var name in AllTypeNames(model))
        {
            var full = "global::" + ns + "." + name;
            w.Line();
            w.Line($"private {Stj}.Serialization.Metadata.JsonTypeInfo<{full}>? _{name};");
            w.Line();
            w.Line($"/// <summary>Metadata of <see cref=\"{full}\"/>.</summary>");
            w.Line($"public {Stj}.Serialization.Metadata.JsonTypeInfo<{full}> {name} => _{name} ??= {Stj}.Serialization.Metadata.JsonMetadataServices.CreateValueInfo<{full}>(Options, {name}Converter.Instance);");
        }
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Open($"public override {Stj}.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(global::System.Type type)");
        foreach (var name in AllTypeNames(model))
        {
            w.Line($"if (type == typeof(global::{ns}.{name})) {{ return {name}; }}");
        }
        w.Line("return null;");
        w.Close();
        foreach (var type in model.EnumTypes) { EmitEnumConverter(w, type, ns); }
        foreach (var type in model.ObjectTypes) { EmitObjectConverter(w, type, ns); }
        w.Close();
        return w.ToString();
    }

    private static System.Collections.Generic.IEnumerable<string> AllTypeNames(ServiceModel model) =>
        model.EnumTypes.Select(e => e.Name).Concat(model.ObjectTypes.Select(o => o.Name));

    private static void EmitEnumConverter(SourceWriter w, EnumTypeModel type, string ns)
    {
        var full = "global::" + ns + "." + type.Name;
        w.Line();
        w.Open($"private sealed class {type.Name}Converter : {Stj}.Serialization.JsonConverter<{full}>");
        w.Line($"public static readonly {type.Name}Converter Instance = new();");
        w.Line();
        w.Line($"public override {full} Read(ref {Stj}.Utf8JsonReader reader, global::System.Type typeToConvert, {Stj}.JsonSerializerOptions options) =>");
        w.Line($"    new({TypeNames.Json}.ReadString(ref reader, {SourceWriter.Literal(type.Name)}) ?? throw new {Stj}.JsonException(\"{type.Name} cannot be null.\"));");
        w.Line();
        w.Line($"public override void Write({Stj}.Utf8JsonWriter writer, {full} value, {Stj}.JsonSerializerOptions options) => writer.WriteStringValue(value.Value);");
        w.Close();
    }

    private static void EmitObjectConverter(SourceWriter w, ObjectTypeModel type, string ns)
    {
        var full = "global::" + ns + "." + type.Name;
        w.Line();
        w.Open($"private sealed class {type.Name}Converter : {Stj}.Serialization.JsonConverter<{full}>");
        w.Line($"public static readonly {type.Name}Converter Instance = new();");
        foreach (var p in type.Properties)
        {
            w.Line($"private static readonly {Stj}.JsonEncodedText s_{p.Name} = {Stj}.JsonEncodedText.Encode({SourceWriter.Literal(p.WireName)});");
        }
        w.Line();
        w.Open($"public override {full} Read(ref {Stj}.Utf8JsonReader reader, global::System.Type typeToConvert, {Stj}.JsonSerializerOptions options)");
        w.Line($"{TypeNames.Json}.ExpectStartObject(ref reader, {SourceWriter.Literal(type.Name)});");
        foreach (var p in type.Properties)
        {
            w.Line($"{TypeNames.Of(p.Type, ns)}? v_{p.Name} = default;");
        }
        w.Line($"global::System.Collections.Generic.Dictionary<string, {TypeNames.JsonElement}>? additional = null;");
        w.Open($"while ({TypeNames.Json}.NextProperty(ref reader, out var name))");
        w.Open("switch (name)");
        foreach (var p in type.Properties)
        {
            w.Line($"case {SourceWriter.Literal(p.WireName)}:");
            w.Line($"    v_{p.Name} = {ReadExpression(p.Type, "reader", p.WireName, ns)};");
            w.Line("    break;");
        }
        w.Line("default:");
        w.Line($"    {TypeNames.Json}.ReadUnknown(ref reader, name, ref additional);");
        w.Line("    break;");
        w.Close();
        w.Close();
        foreach (var p in type.Properties.Where(p => p.Required && p.FixedValue is null))
        {
            w.Line($"if (v_{p.Name} is null) {{ throw {TypeNames.Json}.MissingRequired({SourceWriter.Literal(type.Name)}, {SourceWriter.Literal(p.WireName)}); }}");
        }
        w.Line($"return new {full}");
        w.Line("{");
        foreach (var p in type.Properties)
        {
            string value;
            if (p.FixedValue is not null) { value = $"v_{p.Name} ?? {SourceWriter.Literal(p.FixedValue)}"; }
            else if (p.Required && TypeNames.IsValueType(p.Type)) { value = $"v_{p.Name}.Value"; }
            else { value = $"v_{p.Name}"; }
            w.Line($"    {p.Name} = {value},");
        }
        w.Line("    AdditionalProperties = additional,");
        w.Line("};");
        w.Close();
        w.Line();
        w.Open($"public override void Write({Stj}.Utf8JsonWriter writer, {full} value, {Stj}.JsonSerializerOptions options)");
        w.Line("writer.WriteStartObject();");
        foreach (var p in type.Properties)
        {
            var local = "w_" + p.Name;
            var alwaysPresent = p.Required && TypeNames.IsValueType(p.Type) && p.FixedValue is null;
            if (alwaysPresent)
            {
                w.Open("");
                w.Line($"var {local} = value.{p.Name};");
            }
            else
            {
                w.Open($"if (value.{p.Name} is {{ }} {local})");
            }
            w.Line($"writer.WritePropertyName(s_{p.Name});");
            foreach (var line in WriteValue(p.Type, local, ns, 0)) { w.Line(line); }
            w.Close();
        }
        w.Line($"{TypeNames.Json}.WriteAdditional(writer, value.AdditionalProperties);");
        w.Line("writer.WriteEndObject();");
        w.Close();
        w.Close();
    }

    /// <summary>An expression reading the value at the reader, typed as the nullable form.</summary>
    private static string ReadExpression(ValueTypeModel type, string reader, string field, string ns)
    {
        var f = SourceWriter.Literal(field);
        return type.Kind switch
        {
            ValueKind.String => $"{TypeNames.Json}.ReadString(ref {reader}, {f})",
            ValueKind.Number => $"{TypeNames.Json}.ReadDouble(ref {reader}, {f})",
            ValueKind.Integer => $"{TypeNames.Json}.ReadInt32(ref {reader}, {f})",
            ValueKind.LongInteger => $"{TypeNames.Json}.ReadInt64(ref {reader}, {f})",
            ValueKind.Boolean => $"{TypeNames.Json}.ReadBoolean(ref {reader}, {f})",
            ValueKind.Time => $"{TypeNames.Json}.ReadTime(ref {reader}, {f}, {SourceWriter.Literal(type.TimeFormat!)}, ServiceTimeOffset)",
            ValueKind.EpochTime => $"{TypeNames.Json}.ReadEpochMilliseconds(ref {reader}, {f})",
            ValueKind.Any => $"{TypeNames.JsonElement}.ParseValue(ref {reader})",
            ValueKind.Enum => $"{reader}.TokenType == {Stj}.JsonTokenType.Null ? ({TypeNames.Of(type, ns)}?)null : {type.TypeName}Converter.Instance.Read(ref {reader}, typeof({TypeNames.Of(type, ns)}), options)",
            ValueKind.Object => $"{reader}.TokenType == {Stj}.JsonTokenType.Null ? null : {type.TypeName}Converter.Instance.Read(ref {reader}, typeof({TypeNames.Of(type, ns)}), options)",
            ValueKind.Array => $"{TypeNames.Json}.ReadArray<{TypeNames.Of(type.Item!, ns)}>(ref {reader}, {f}, (ref {Stj}.Utf8JsonReader {reader}_) => {ReadItem(type.Item!, reader + "_", field + "[]", ns)})",
            _ => throw new System.ArgumentOutOfRangeException(nameof(type)),
        };
    }

    private static string ReadItem(ValueTypeModel type, string reader, string field, string ns) =>
        type.Kind == ValueKind.Any
            ? ReadExpression(type, reader, field, ns)
            : $"({ReadExpression(type, reader, field, ns)}) ?? throw {TypeNames.Json}.NullItem({SourceWriter.Literal(field)})";

    private static System.Collections.Generic.IEnumerable<string> WriteValue(ValueTypeModel type, string value, string ns, int depth)
    {
        switch (type.Kind)
        {
            case ValueKind.String: yield return $"writer.WriteStringValue({value});"; break;
            case ValueKind.Number or ValueKind.Integer or ValueKind.LongInteger: yield return $"writer.WriteNumberValue({value});"; break;
            case ValueKind.Boolean: yield return $"writer.WriteBooleanValue({value});"; break;
            case ValueKind.Enum: yield return $"writer.WriteStringValue({value}.Value);"; break;
            case ValueKind.Time: yield return $"{TypeNames.Json}.WriteTime(writer, {value}, {SourceWriter.Literal(type.TimeFormat!)}, ServiceTimeOffset);"; break;
            case ValueKind.EpochTime: yield return $"{TypeNames.Json}.WriteEpochMilliseconds(writer, {value});"; break;
            case ValueKind.Any: yield return $"{value}.WriteTo(writer);"; break;
            case ValueKind.Object: yield return $"{type.TypeName}Converter.Instance.Write(writer, {value}, options);"; break;
            case ValueKind.Array:
                var item = "item" + depth;
                yield return "writer.WriteStartArray();";
                yield return $"foreach (var {item} in {value})";
                yield return "{";
                foreach (var line in WriteValue(type.Item!, item, ns, depth + 1)) { yield return "    " + line; }
                yield return "}";
                yield return "writer.WriteEndArray();";
                break;
        }
    }
}
