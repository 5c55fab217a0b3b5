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
        var w = Header.Begin(model);
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
        // Static rule data first, so a validation pass allocates nothing for them.
        foreach (var p in type.Properties)
        {
            var depth = 0;
            for (var value = p.Type; value is not null; value = value.Item, depth++)
            {
                var suffix = depth == 0 ? string.Empty : depth.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (value.Rules.Pattern is not null)
                {
                    w.Line($"private static readonly global::System.Text.RegularExpressions.Regex s_{p.Name}Pattern{suffix} = new({SourceWriter.Literal(value.Rules.Pattern)}, global::System.Text.RegularExpressions.RegexOptions.CultureInvariant, global::System.TimeSpan.FromSeconds(1));");
                }
                if (value.Rules.AllowedValues.Count > 0)
                {
                    w.Line($"private static readonly string[] s_{p.Name}Allowed{suffix} = new string[] {{ {string.Join(", ", value.Rules.AllowedValues.Select(SourceWriter.Literal))} }};");
                }
            }
        }
        w.Line();
        w.Line("/// <summary>Checks this value against its schema and throws <see cref=\"global::DashScope.Toolkit.DashScopeValidationException\"/> naming every broken field, rule and value.</summary>");
        w.Line($"public void Validate() => {TypeNames.Validation}.ThrowIfInvalid(this, {SourceWriter.Literal(type.Name)});");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Open($"void {TypeNames.Toolkit}.IDashScopeValidatable.Validate({TypeNames.Validation} context, string path)");
        foreach (var p in type.Properties)
        {
            var field = $"{TypeNames.Validation}.Combine(path, {SourceWriter.Literal(p.WireName)})";
            var checks = Checks(p, p.Type, "v_" + p.Name, field, ns, 0);
            var nonNullableValue = p.Required && TypeNames.IsValueType(p.Type) && p.FixedValue is null;
            if (nonNullableValue)
            {
                if (checks.Count == 0) { continue; }
                w.Open("");
                w.Line($"var v_{p.Name} = {p.Name};");
                foreach (var c in checks) { w.Line(c); }
                w.Close();
            }
            else if (p.Required || p.FixedValue is not null)
            {
                w.Open($"if ({p.Name} is not {{ }} v_{p.Name})");
                w.Line($"context.Missing({field});");
                w.Close();
                if (checks.Count > 0)
                {
                    w.Open("else");
                    foreach (var c in checks) { w.Line(c); }
                    w.Close();
                }
            }
            else if (checks.Count > 0)
            {
                w.Open($"if ({p.Name} is {{ }} v_{p.Name})");
                foreach (var c in checks) { w.Line(c); }
                w.Close();
            }
        }
        w.Close();
    }

    private static List<string> Checks(PropertyModel p, ValueTypeModel type, string value, string field, string ns, int depth)
    {
        var checks = new List<string>();
        var r = type.Rules;
        var suffix = depth == 0 ? string.Empty : depth.ToString(System.Globalization.CultureInfo.InvariantCulture);
        switch (type.Kind)
        {
            case ValueKind.String:
                if (r.AllowedValues.Count > 0) { checks.Add($"context.Enum({field}, {value}, s_{p.Name}Allowed{suffix});"); }
                if (r.Pattern is not null) { checks.Add($"context.Pattern({field}, {value}, s_{p.Name}Pattern{suffix});"); }
                if (r.IsUri) { checks.Add($"context.AbsoluteUri({field}, {value});"); }
                if (r.MinLength is not null || r.MaxLength is not null) { checks.Add($"context.Length({field}, {value}, {Int(r.MinLength)}, {Int(r.MaxLength)});"); }
                break;
            case ValueKind.Number or ValueKind.Integer or ValueKind.LongInteger:
                if (r.Minimum is not null) { checks.Add($"context.Minimum({field}, {value}, {r.Minimum}d, {Bool(r.ExclusiveMinimum)});"); }
                if (r.Maximum is not null) { checks.Add($"context.Maximum({field}, {value}, {r.Maximum}d, {Bool(r.ExclusiveMaximum)});"); }
                break;
            case ValueKind.Enum:
                checks.Add($"context.Enum({field}, {value}.Value, {TypeNames.Of(type, ns)}.AllowedValues);");
                break;
            case ValueKind.Object:
                checks.Add($"(({TypeNames.Toolkit}.IDashScopeValidatable){value}).Validate(context, {field});");
                break;
            case ValueKind.Array:
                if (r.MinItems is not null || r.MaxItems is not null) { checks.Add($"context.Count({field}, {value}.Count, {Int(r.MinItems)}, {Int(r.MaxItems)});"); }
                var item = "i" + depth;
                var itemValue = "item" + depth;
                var itemField = $"{field} + \"[\" + {item}.ToString(global::System.Globalization.CultureInfo.InvariantCulture) + \"]\"";
                var inner = Checks(p, type.Item!, itemValue, itemField, ns, depth + 1);
                if (inner.Count > 0)
                {
                    checks.Add($"for (var {item} = 0; {item} < {value}.Count; {item}++)");
                    checks.Add("{");
                    checks.Add($"    var {itemValue} = {value}[{item}];");
                    if (!TypeNames.IsValueType(type.Item!)) { checks.Add($"    if ({itemValue} is null) {{ context.Missing({itemField}); continue; }}"); }
                    foreach (var c in inner) { checks.Add("    " + c); }
                    checks.Add("}");
                }
                break;
        }
        return checks;
    }

    private static string Int(int? value) => value is null ? "null" : value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Bool(bool value) => value ? "true" : "false";
}
