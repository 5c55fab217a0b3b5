using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace DashScope.Toolkit.Description.Reading;

/// <summary>
/// One schema of the file, read straight from its JSON object: the keywords the description uses, with the
/// meanings JSON Schema readers give them (a <c>$ref</c> makes the node a reference whose own <c>type</c> is
/// ignored; a lone <c>allOf</c>/<c>oneOf</c>/<c>anyOf</c> branch that is a reference makes it a reference too).
/// The <see cref="SchemaTree"/> made it after checking the keyword shapes, so reading here never fails.
/// One node per JSON object: two references to one definition reach the same node.
/// </summary>
internal sealed class SchemaNode
{
    private readonly SchemaTree _tree;
    private List<KeyValuePair<string, SchemaNode>>? _properties;

    internal SchemaNode(SchemaTree tree, JObject json)
    {
        _tree = tree;
        Json = json;
        Reference = json["$ref"] is JValue { Type: JTokenType.String } reference ? (string)reference! : null;
        // A reference stands for its target: its own "type" is not read.
        Type = Reference is null ? TypesOf(json["type"]) : SchemaTypes.None;
        RequiredProperties = json["required"] is JArray required ? required.Select(t => t.Type == JTokenType.Null ? null! : t.ToString()).ToList() : new List<string>();
        Enumeration = json["enum"] is JArray values ? values.Select(Plain).ToList() : new List<object?>();
        EnumerationNames = json["x-enumNames"] is JArray names ? names.Select(t => t.Type == JTokenType.Null ? null : t.ToString()).ToList() : new List<string?>();
        Description = Text(json["description"]);
        Format = Text(json["format"]);
        Pattern = Text(json["pattern"]);
        Default = Plain(json["default"]);
        Minimum = Decimal(json["minimum"]);
        Maximum = Decimal(json["maximum"]);
        MultipleOf = Decimal(json["multipleOf"]);
        (IsExclusiveMinimum, ExclusiveMinimum) = Exclusive(json["exclusiveMinimum"]);
        (IsExclusiveMaximum, ExclusiveMaximum) = Exclusive(json["exclusiveMaximum"]);
        MinLength = Int(json["minLength"]);
        MaxLength = Int(json["maxLength"]);
        MinItems = Int(json["minItems"]) ?? 0;
        MaxItems = Int(json["maxItems"]) ?? 0;
        MinProperties = Int(json["minProperties"]) ?? 0;
        MaxProperties = Int(json["maxProperties"]) ?? 0;
        UniqueItems = json["uniqueItems"] is { } unique && Truth(unique) == true;
        var additional = json["additionalProperties"];
        AllowAdditionalProperties = additional is not JValue flag || Flag(flag) != false;
        HasAdditionalPropertiesSchema = additional is JObject;
        PatternPropertyCount = json["patternProperties"] is JObject patterns ? patterns.Count : 0;
    }

    /// <summary>The JSON object this node reads.</summary>
    public JObject Json { get; }

    /// <summary>The <c>$ref</c> text, or null.</summary>
    public string? Reference { get; }

    public SchemaTypes Type { get; }

    public IReadOnlyList<string> RequiredProperties { get; }

    /// <summary>The <c>enum</c> values as plain .NET values (long, double, string, bool, null; objects and arrays as JSON).</summary>
    public IReadOnlyList<object?> Enumeration { get; }

    public IReadOnlyList<string?> EnumerationNames { get; }

    public string? Description { get; }

    public string? Format { get; }

    public string? Pattern { get; }

    public object? Default { get; }

    public decimal? Minimum { get; }

    public decimal? Maximum { get; }

    public decimal? MultipleOf { get; }

    /// <summary>The draft-4 form: <c>exclusiveMinimum: true</c> makes <see cref="Minimum"/> exclusive.</summary>
    public bool IsExclusiveMinimum { get; }

    /// <summary>The draft-6 form: <c>exclusiveMinimum</c> is the bound itself.</summary>
    public decimal? ExclusiveMinimum { get; }

    public bool IsExclusiveMaximum { get; }

    public decimal? ExclusiveMaximum { get; }

    public int? MinLength { get; }

    public int? MaxLength { get; }

    public int MinItems { get; }

    public int MaxItems { get; }

    public int MinProperties { get; }

    public int MaxProperties { get; }

    public bool UniqueItems { get; }

    public bool AllowAdditionalProperties { get; }

    /// <summary>True when <c>additionalProperties</c> is a schema rather than true or false.</summary>
    public bool HasAdditionalPropertiesSchema { get; }

    private int PatternPropertyCount { get; }

    public bool IsEnumeration => Enumeration.Count > 0;

    /// <summary>The declared properties, in the file's order.</summary>
    public IReadOnlyList<KeyValuePair<string, SchemaNode>> Properties => _properties ??=
        Json["properties"] is JObject properties
            ? properties.Properties().Select(p => new KeyValuePair<string, SchemaNode>(p.Name, _tree.Node((JObject)p.Value))).ToList()
            : new List<KeyValuePair<string, SchemaNode>>();

    public IEnumerable<string> PropertyNames => Properties.Select(p => p.Key);

    public IReadOnlyList<SchemaNode> AllOf => Branches("allOf");

    public IReadOnlyList<SchemaNode> AnyOf => Branches("anyOf");

    public IReadOnlyList<SchemaNode> OneOf => Branches("oneOf");

    public SchemaNode? Not => Json["not"] is JObject not ? _tree.Node(not) : null;

    /// <summary>The single schema of <c>items</c>, or null (absent, or a tuple: see <see cref="TupleItems"/>).</summary>
    public SchemaNode? Item => Json["items"] is JObject item ? _tree.Node(item) : null;

    /// <summary>The schemas of <c>items</c> written as an array (a tuple).</summary>
    public IReadOnlyList<SchemaNode> TupleItems => Json["items"] is JArray items ? items.Select(t => _tree.Node((JObject)t)).ToList() : Array.Empty<SchemaNode>();

    /// <summary>
    /// True for a <c>$ref</c>, and for a schema that only wraps one referring <c>allOf</c>, <c>oneOf</c> or
    /// <c>anyOf</c> branch (which also stands for its target).
    /// </summary>
    public bool HasReference => Reference is not null || WrappedReference() is not null;

    /// <summary>The schema this one stands for: itself, or the end of its chain of references.</summary>
    public SchemaNode ActualSchema
    {
        get
        {
            var current = this;
            // The tree refused cyclic chains before any node was read, so this ends; the bound guards a bug anyway.
            for (var steps = 0; steps < 1000; steps++)
            {
                SchemaNode? next = current.Reference is not null ? _tree.Target(current) : current.WrappedReference();
                if (next is null) { return current; }
                current = next;
            }
            throw new InvalidOperationException("A chain of references does not end.");
        }
    }

    /// <summary>
    /// The value of an <c>x-</c> keyword as text, or null: a value as itself (a number as the double it is read as); a list or an object by the name of the
    /// .NET type NJsonSchema keeps it as (diagnostics quote it, and have always quoted it so).
    /// </summary>
    public string? Extension(string keyword) => Json[keyword] switch
    {
        null => null,
        JValue { Type: JTokenType.Float } number => ((double)number).ToString(CultureInfo.InvariantCulture),
        JValue value => value.Value is null ? null : Convert.ToString(value.Value, CultureInfo.InvariantCulture),
        JArray => typeof(object[]).ToString(),
        JObject value when value["$ref"] is not null || value["type"] is not null || value["properties"] is not null => "NJsonSchema.JsonSchema",
        _ => typeof(Dictionary<string, object>).ToString(),
    };

    private SchemaNode? WrappedReference()
    {
        if (Type != SchemaTypes.None || Properties.Count > 0 || PatternPropertyCount > 0 || !AllowAdditionalProperties || HasAdditionalPropertiesSchema
            || MultipleOf is not null || IsEnumeration)
        {
            return null;
        }
        var allOf = AllOf;
        var oneOf = OneOf;
        var anyOf = AnyOf;
        if (allOf.Count == 1 && oneOf.Count == 0 && anyOf.Count == 0 && allOf[0].HasReference) { return allOf[0]; }
        if (oneOf.Count == 1 && allOf.Count == 0 && anyOf.Count == 0 && oneOf[0].HasReference) { return oneOf[0]; }
        if (anyOf.Count == 1 && allOf.Count == 0 && oneOf.Count == 0 && anyOf[0].HasReference) { return anyOf[0]; }
        return null;
    }

    private IReadOnlyList<SchemaNode> Branches(string keyword) =>
        Json[keyword] is JArray branches ? branches.Select(t => _tree.Node((JObject)t)).ToList() : Array.Empty<SchemaNode>();

    private static SchemaTypes TypesOf(JToken? type) => type switch
    {
        JArray list => list.Aggregate(SchemaTypes.None, (all, t) => all | TypeNamed(t.ToString())),
        JValue { Type: JTokenType.String } one => TypeNamed((string)one!),
        _ => SchemaTypes.None,
    };

    private static SchemaTypes TypeNamed(string? name) => name switch
    {
        "array" => SchemaTypes.Array,
        "boolean" => SchemaTypes.Boolean,
        "integer" => SchemaTypes.Integer,
        "number" => SchemaTypes.Number,
        "null" => SchemaTypes.Null,
        "object" => SchemaTypes.Object,
        "string" => SchemaTypes.String,
        "file" => SchemaTypes.File,
        _ => SchemaTypes.None,
    };

    /// <summary>A JSON value as the plain .NET value a JSON deserializer gives an <c>object</c>: numbers as long or double.</summary>
    private static object? Plain(JToken? token) => token switch
    {
        null => null,
        JValue { Type: JTokenType.Null } => null,
        JValue { Type: JTokenType.Float } number => (double)number,
        JValue { Type: JTokenType.Integer } number => number.Value is System.Numerics.BigInteger ? number.Value : (long)number,
        JValue value => value.Value,
        var other => other,
    };

    /// <summary>A keyword read as a string: a number as written, true and false in lower case (as a JSON reader reads them into a string).</summary>
    private static string? Text(JToken? token) => token switch
    {
        JValue { Type: JTokenType.Boolean } flag => (bool)flag ? "true" : "false",
        JValue { Value: { } value } => Convert.ToString(value, CultureInfo.InvariantCulture),
        _ => null,
    };

    private static decimal? Decimal(JToken? token) => token switch
    {
        JValue { Type: JTokenType.Integer or JTokenType.Float } number => (decimal)number,
        JValue { Type: JTokenType.String } text => decimal.Parse((string)text!, NumberStyles.Float, CultureInfo.InvariantCulture),
        _ => null,
    };

    private static int? Int(JToken? token) => token switch
    {
        JValue { Type: JTokenType.Integer } number => (int)number,
        JValue { Type: JTokenType.String } text => int.Parse((string)text!, NumberStyles.Integer, CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>
    /// A flag as a JSON reader converts it to a boolean: true or false, a number (true unless zero), or a string that
    /// spells true or false in any case; null for anything else.
    /// </summary>
    public static bool? Truth(JToken token) => token.Type switch
    {
        JTokenType.Boolean => (bool)token,
        JTokenType.Integer or JTokenType.Float => (decimal)token != 0,
        JTokenType.String when bool.TryParse((string?)token, out var flag) => flag,
        _ => null,
    };

    /// <summary>true or false, also written as the strings "true" and "false"; null otherwise.</summary>
    private static bool? Flag(JValue value) => value.Type switch
    {
        JTokenType.Boolean => (bool)value,
        JTokenType.String when (string?)value == "true" => true,
        JTokenType.String when (string?)value == "false" => false,
        _ => null,
    };

    /// <summary><c>exclusiveMinimum</c>/<c>exclusiveMaximum</c>: a flag (draft 4) or the bound (draft 6).</summary>
    private static (bool IsExclusive, decimal? Bound) Exclusive(JToken? token)
    {
        if (token is not JValue value || value.Type == JTokenType.Null) { return (false, null); }
        if (Flag(value) is { } flag) { return (flag, null); }
        // A deserializer reads an untyped number as long or double, and the bound is converted from that.
        return (false, value.Type switch
        {
            JTokenType.Float => Convert.ToDecimal((double)value),
            JTokenType.Integer => Convert.ToDecimal((long)value),
            _ => Convert.ToDecimal((string)value!, CultureInfo.InvariantCulture),
        });
    }
}
