using System.Collections.Generic;
using System.Linq;
using DashScope.Toolkit.Description;
using DashScope.Toolkit.Generator.Model;

namespace DashScope.Toolkit.Generator.Emitting;

/// <summary>Writes the records, enum structs and their validation.</summary>
internal static class ModelEmitter
{
    public static string Emit(ServiceModel model)
    {
        var w = Header.Begin(model, usesSupport: true);
        foreach (var type in model.EnumTypes) { EmitEnum(w, type); }
        foreach (var type in model.ObjectTypes) { EmitRecord(w, type, model.Namespace, $"global::{model.Namespace}.{model.JsonContextName}.ServiceTimeOffset"); }
        return w.ToString();
    }

    private static void EmitEnum(SourceWriter w, EnumTypeModel type)
    {
        var name = type.Name;
        w.Summary((type.Description ?? "Values of " + name + ".") + "\nAn extensible enum: values the schema does not list are read and kept, and IsKnown tells them apart.");
        w.Line(Header.GeneratedCode);
        w.Open($"public readonly partial struct {name} : global::System.IEquatable<{name}>");
        w.Line("private readonly string? _value;");
        w.Line();
        w.Line($"/// <summary>Creates a value from its wire text (which need not be one the schema lists).</summary>");
        w.Line($"public {name}(string value) => _value = value ?? throw new global::System.ArgumentNullException(nameof(value));");
        foreach (var member in type.Members)
        {
            w.Line();
            w.Line($"/// <summary>The wire value <c>{SourceWriter.Xml(member.Value)}</c>.</summary>");
            w.Line($"public static {name} {member.MemberName} {{ get; }} = new({SourceWriter.Literal(member.Value)});");
        }
        w.Line();
        w.Line("/// <summary>Every value the schema lists, in its order.</summary>");
        w.Line($"public static global::System.Collections.Generic.IReadOnlyList<string> AllowedValues {{ get; }} = new string[] {{ {string.Join(", ", type.Members.Select(m => SourceWriter.Literal(m.Value)))} }};");
        w.Line();
        w.Line("/// <summary>The text sent on the wire.</summary>");
        w.Line("public string Value => _value ?? string.Empty;");
        w.Line();
        w.Line("/// <summary>True when the value is one the schema lists.</summary>");
        w.Line("public bool IsKnown => global::System.Linq.Enumerable.Contains(AllowedValues, Value, global::System.StringComparer.Ordinal);");
        if (type.TerminalValues.Count > 0)
        {
            w.Line();
            w.Line("/// <summary>True for a status after which the task never changes: " + SourceWriter.Xml(string.Join(", ", type.TerminalValues)) + ".</summary>");
            w.Line("public bool IsTerminal => " + string.Join(" || ", type.TerminalValues.Select(v => "Value == " + SourceWriter.Literal(v))) + ";");
        }
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line($"public bool Equals({name} other) => string.Equals(Value, other.Value, global::System.StringComparison.Ordinal);");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line($"public override bool Equals(object? obj) => obj is {name} other && Equals(other);");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line("public override int GetHashCode() => global::System.StringComparer.Ordinal.GetHashCode(Value);");
        w.Line();
        w.Line("/// <summary>The wire text.</summary>");
        w.Line("public override string ToString() => Value;");
        w.Line();
        w.Line("/// <summary>Compares two values by their wire text.</summary>");
        w.Line($"public static bool operator ==({name} left, {name} right) => left.Equals(right);");
        w.Line();
        w.Line("/// <summary>Compares two values by their wire text.</summary>");
        w.Line($"public static bool operator !=({name} left, {name} right) => !left.Equals(right);");
        w.Line();
        w.Line("/// <summary>Wraps a wire text; validation rejects texts the schema does not list.</summary>");
        w.Line($"public static explicit operator {name}(string value) => new(value);");
        w.Close();
        w.Line();
    }

    private static void EmitRecord(SourceWriter w, ObjectTypeModel type, string ns, string timeOffset)
    {
        w.Summary(type.Description ?? type.Name + ".");
        w.Line(Header.GeneratedCode);
        w.Open($"public sealed partial record {type.Name} : {TypeNames.Toolkit}.IDashScopeValidatable");
        foreach (var p in type.Properties)
        {
            EmitProperty(w, p, ns);
            w.Line();
        }
        w.Line("/// <summary>Fields the schema does not describe, kept so that reading and writing back loses nothing.</summary>");
        w.Line($"public global::System.Collections.Generic.IReadOnlyDictionary<string, {TypeNames.JsonElement}>? AdditionalProperties {{ get; init; }}");
        w.Line();
        if (type.IsQuery) { EmitQueryString(w, type, timeOffset); }
        EmitValidation(w, type, ns);
        w.Close();
        w.Line();
    }

    private static void EmitProperty(SourceWriter w, PropertyModel p, string ns)
    {
        w.Summary(p.Description ?? p.WireName + ".");
        var remarks = new List<string> { "Wire name <c>" + SourceWriter.Xml(p.WireName) + "</c>" + (p.Required ? ", required" : ", optional") };
        var r = p.Rules;
        if (r.Minimum is not null || r.Maximum is not null)
        {
            remarks.Add("range " + (r.Minimum is null ? "(none)" : (r.ExclusiveMinimum ? "&gt; " : "&gt;= ") + r.Minimum) + " and " + (r.Maximum is null ? "(none)" : (r.ExclusiveMaximum ? "&lt; " : "&lt;= ") + r.Maximum));
        }
        if (r.AllowedValues.Count > 0) { remarks.Add("one of " + SourceWriter.Xml(string.Join(", ", r.AllowedValues))); }
        if (r.Pattern is not null) { remarks.Add("pattern <c>" + SourceWriter.Xml(r.Pattern) + "</c>"); }
        if (p.Type.TimeFormat is not null) { remarks.Add("format <c>" + SourceWriter.Xml(p.Type.TimeFormat) + "</c>"); }
        if (p.DefaultText is not null) { remarks.Add("the service's default when absent: " + SourceWriter.Xml(p.DefaultText)); }
        w.Line("/// <remarks>" + string.Join("; ", remarks) + ".</remarks>");
        var type = TypeNames.Of(p.Type, ns);
        if (p.FixedValue is not null)
        {
            w.Line($"public string {p.Name} {{ get; init; }} = {SourceWriter.Literal(p.FixedValue)};");
        }
        else if (p.Required)
        {
            w.Line($"public required {type} {p.Name} {{ get; init; }}");
        }
        else
        {
            w.Line($"public {type}? {p.Name} {{ get; init; }}");
        }
    }

    private static void EmitQueryString(SourceWriter w, ObjectTypeModel type, string timeOffset)
    {
        w.Line("/// <summary>The query string for these parameters, starting with '?', or empty.</summary>");
        w.Open("public string ToQueryString()");
        w.Line($"var query = new {TypeNames.Toolkit}.DashScopeQueryBuilder();");
        foreach (var p in type.Properties)
        {
            var name = SourceWriter.Literal(p.WireName);
            var line = p.Type.Kind switch
            {
                ValueKind.Enum => $"query.Add({name}, {(p.Required ? p.Name + ".Value" : p.Name + "?.Value")});",
                ValueKind.Time => $"query.Add({name}, {p.Name}, {SourceWriter.Literal(p.Type.TimeFormat!)}, {timeOffset});",
                ValueKind.Integer => $"query.Add({name}, (long?){p.Name});",
                _ => $"query.Add({name}, {p.Name});",
            };
            w.Line(line);
        }
        w.Line("return query.ToString();");
        w.Close();
        w.Line();
    }

    private static void EmitValidation(SourceWriter w, ObjectTypeModel type, string ns)
    {
        // The rules as a static table the runtime walks, so a validation pass allocates nothing for them and a
        // consumer compiles one row per checked field instead of its checks.
        var rows = new List<string>();
        foreach (var p in type.Properties)
        {
            var rule = Rule(p.Type, ns);
            // A required value-type property always has a value, so only its rule can fail.
            var nonNullableValue = p.Required && TypeNames.IsValueType(p.Type) && p.FixedValue is null;
            var required = !nonNullableValue && (p.Required || p.FixedValue is not null);
            if (!required && rule is null) { continue; }
            rows.Add($"new({SourceWriter.Literal(p.WireName)}, static v => v.{p.Name}, {Bool(required)}{(rule is null ? string.Empty : ", " + rule)})");
        }
        if (rows.Count > 0)
        {
            w.Line($"private static readonly DashScopeValidationTable<{type.Name}> s_rules = new(");
            // A table of one row names the row's type: C# would target the params array with a bare new (CS8752).
            if (rows.Count == 1) { rows[0] = $"new DashScopeFieldCheck<{type.Name}>" + rows[0].Substring(3); }
            for (var i = 0; i < rows.Count; i++) { w.Line("    " + rows[i] + (i == rows.Count - 1 ? ");" : ",")); }
            w.Line();
        }
        w.Line("/// <summary>Checks this value against its schema and throws <see cref=\"global::DashScope.Toolkit.DashScopeValidationException\"/> naming every broken field, rule and value.</summary>");
        w.Line($"public void Validate() => {TypeNames.Validation}.ThrowIfInvalid(this, {SourceWriter.Literal(type.Name)});");
        w.Line();
        w.Line("/// <inheritdoc />");
        var signature = $"void {TypeNames.Toolkit}.IDashScopeValidatable.Validate({TypeNames.Validation} context, string path)";
        w.Line(rows.Count > 0 ? signature + " => s_rules.Validate(this, context, path);" : signature + " { }");
    }

    /// <summary>The runtime rule a value must keep, or null when the schema gives it none.</summary>
    private static string? Rule(ValueTypeModel type, string ns)
    {
        var rules = "DashScopeValueRules";
        var r = type.Rules;
        switch (type.Kind)
        {
            case ValueKind.String:
                var arguments = new List<string>();
                if (r.AllowedValues.Count > 0) { arguments.Add($"allowed: new string[] {{ {string.Join(", ", r.AllowedValues.Select(SourceWriter.Literal))} }}"); }
                if (r.Pattern is not null) { arguments.Add("pattern: " + SourceWriter.Literal(r.Pattern)); }
                if (r.IsUri) { arguments.Add("uri: true"); }
                if (r.MinLength is not null) { arguments.Add("minLength: " + Int(r.MinLength)); }
                if (r.MaxLength is not null) { arguments.Add("maxLength: " + Int(r.MaxLength)); }
                return arguments.Count == 0 ? null : $"{rules}.Text({string.Join(", ", arguments)})";
            case ValueKind.Number or ValueKind.Integer or ValueKind.LongInteger:
                if (r.Minimum is null && r.Maximum is null) { return null; }
                return $"{rules}.Range({Number(r.Minimum)}, {Bool(r.ExclusiveMinimum)}, {Number(r.Maximum)}, {Bool(r.ExclusiveMaximum)})";
            case ValueKind.Enum:
                return $"{rules}.OneOf({TypeNames.Of(type, ns)}.AllowedValues)";
            case ValueKind.Object:
                return rules + ".Nested";
            case ValueKind.Array:
                var items = Rule(type.Item!, ns);
                if (items is null && r.MinItems is null && r.MaxItems is null) { return null; }
                return $"{rules}.List<{TypeNames.Of(type.Item!, ns)}>({Int(r.MinItems)}, {Int(r.MaxItems)}, {items ?? "null"})";
            default:
                return null;
        }
    }

    private static string Number(string? value) => value is null ? "null" : value + "d";

    private static string Int(int? value) => value is null ? "null" : value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Bool(bool value) => value ? "true" : "false";
}
