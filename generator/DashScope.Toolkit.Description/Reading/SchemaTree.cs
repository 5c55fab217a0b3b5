using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using Newtonsoft.Json.Linq;

namespace DashScope.Toolkit.Description.Reading;

/// <summary>
/// The schemas of one file as <see cref="SchemaNode"/>s over its JSON tree, with the file's own <c>$ref</c>s
/// resolved inside it. Before any node is read, <see cref="FirstProblem"/> says whether every keyword a JSON
/// Schema reader types (numbers, counts, lists of names, sub-schemas) has a shape it can take, and whether every
/// reference leads to a schema.
/// </summary>
internal sealed class SchemaTree
{
    // Keywords whose value is one schema, a list of schemas, or a map of named schemas.
    private static readonly string[] SchemaKeywords = { "not" };
    private static readonly string[] SchemaListKeywords = { "allOf", "anyOf", "oneOf" };
    private static readonly string[] SchemaMapKeywords = { "properties", "patternProperties", "definitions" };
    private static readonly string[] NumberKeywords = { "minimum", "maximum", "multipleOf" };
    private static readonly string[] OptionalCountKeywords = { "minLength", "maxLength" };
    private static readonly string[] CountKeywords = { "minItems", "maxItems", "minProperties", "maxProperties" };
    private static readonly string[] TextKeywords = { "description", "title", "format", "pattern", "$schema" };

    private readonly JObject _root;
    private readonly Dictionary<JObject, SchemaNode> _nodes = new(new ReferenceComparer());
    private readonly Dictionary<string, JObject?> _targets = new(StringComparer.Ordinal);

    public SchemaTree(JObject root)
    {
        _root = root;
        Root = Node(root);
    }

    public SchemaNode Root { get; }

    /// <summary>The definitions, in the file's order.</summary>
    public IEnumerable<KeyValuePair<string, SchemaNode>> Definitions =>
        _root["definitions"] is JObject definitions
            ? definitions.Properties().Select(p => new KeyValuePair<string, SchemaNode>(p.Name, Node((JObject)p.Value)))
            : Enumerable.Empty<KeyValuePair<string, SchemaNode>>();

    /// <summary>The node of a schema object of this file (one per object).</summary>
    public SchemaNode Node(JObject json)
    {
        if (!_nodes.TryGetValue(json, out var node))
        {
            node = new SchemaNode(this, json);
            _nodes.Add(json, node);
        }
        return node;
    }

    /// <summary>The schema <paramref name="node"/>'s <c>$ref</c> leads to, or null when it leads to no schema.</summary>
    public SchemaNode? Target(SchemaNode node) => node.Reference is { } reference && Resolve(reference) is { } target ? Node(target) : null;

    /// <summary>
    /// The first keyword whose value a JSON Schema reader could not take (a list of names that is not a list, a
    /// count that is not a whole number, a sub-schema that is not an object...) or the first reference that leads to
    /// no schema, with what is wrong; null when there is none.
    /// </summary>
    public (JToken Token, string Problem)? FirstProblem()
    {
        var seen = new HashSet<JObject>(new ReferenceComparer());
        var pending = new Stack<JObject>();
        foreach (var reference in _root.Descendants().OfType<JProperty>().Where(p => p.Name == "$ref" && p.Value.Type == JTokenType.String))
        {
            if (Resolve((string)reference.Value!) is not { } target)
            {
                return (reference, $"the reference '{(string)reference.Value!}' leads to no schema in the file");
            }
            // A reference may lead anywhere in the file: what it leads to is read as a schema, so it is checked as one.
            pending.Push(target);
        }
        pending.Push(_root);
        while (pending.Count > 0)
        {
            var schema = pending.Pop();
            if (!seen.Add(schema)) { continue; }
            if (ShapeProblem(schema, pending) is { } problem) { return problem; }
        }
        return null;
    }

    private JObject? Resolve(string reference)
    {
        if (!_targets.TryGetValue(reference, out var target))
        {
            target = JsonChecks.Resolve(_root, reference) as JObject;
            _targets[reference] = target;
        }
        return target;
    }

    /// <summary>Checks one schema's keywords and queues its sub-schemas.</summary>
    private static (JToken, string)? ShapeProblem(JObject schema, Stack<JObject> pending)
    {
        foreach (var property in schema.Properties())
        {
            var name = property.Name;
            var value = property.Value;
            string? problem = null;
            // null stands for an absent keyword, except where the keyword is a count or a flag with no absent value.
            if (value.Type == JTokenType.Null && Array.IndexOf(CountKeywords, name) < 0 && name != "uniqueItems") { continue; }
            if (name == "$ref") { problem = value.Type == JTokenType.String ? null : "must be a string"; }
            else if (Array.IndexOf(SchemaKeywords, name) >= 0) { problem = Schema(value, pending); }
            else if (name == "items") { problem = value is JArray tuple ? Schemas(tuple, pending) : Schema(value, pending); }
            else if (name is "additionalProperties" or "additionalItems") { problem = IsFlag(value) ? null : Schema(value, pending); }
            else if (Array.IndexOf(SchemaListKeywords, name) >= 0) { problem = value is JArray list ? Schemas(list, pending) : "must be an array of schemas"; }
            else if (Array.IndexOf(SchemaMapKeywords, name) >= 0) { problem = SchemaMap(value, pending); }
            else if (name is "required" or "x-enumNames") { problem = value is JArray names && names.All(t => t is JValue) ? null : "must be an array of strings"; }
            else if (name == "enum") { problem = value is JArray ? null : "must be an array"; }
            else if (Array.IndexOf(NumberKeywords, name) >= 0) { problem = IsNumber(value) || value.Type == JTokenType.Null ? null : "must be a number"; }
            else if (name is "exclusiveMinimum" or "exclusiveMaximum") { problem = IsFlag(value) || IsNumber(value) || value.Type == JTokenType.Null ? null : "must be a number, true or false"; }
            else if (Array.IndexOf(OptionalCountKeywords, name) >= 0) { problem = IsCount(value) || value.Type == JTokenType.Null ? null : "must be a whole number"; }
            else if (Array.IndexOf(CountKeywords, name) >= 0) { problem = IsCount(value) ? null : "must be a whole number"; }
            else if (name == "uniqueItems") { problem = SchemaNode.Truth(value) is null ? "must be true or false" : null; }
            else if (Array.IndexOf(TextKeywords, name) >= 0) { problem = value is JValue ? null : "must be a string"; }
            if (problem is not null) { return (property, $"'{name}' {problem}"); }
        }
        return null;
    }

    private static string? Schema(JToken value, Stack<JObject> pending)
    {
        if (value is not JObject schema) { return "must be a schema (a JSON object)"; }
        pending.Push(schema);
        return null;
    }

    private static string? Schemas(JArray list, Stack<JObject> pending)
    {
        foreach (var item in list)
        {
            if (Schema(item, pending) is not null) { return "must hold only schemas (JSON objects)"; }
        }
        return null;
    }

    private static string? SchemaMap(JToken value, Stack<JObject> pending)
    {
        if (value is not JObject map) { return "must be an object of named schemas"; }
        foreach (var entry in map.Properties())
        {
            if (Schema(entry.Value, pending) is not null) { return "must hold only schemas (JSON objects)"; }
        }
        return null;
    }

    private static bool IsFlag(JToken value) =>
        value.Type == JTokenType.Boolean || (value.Type == JTokenType.String && (string?)value is "true" or "false");

    private static bool IsNumber(JToken value) =>
        value.Type is JTokenType.Integer or JTokenType.Float
        || (value.Type == JTokenType.String && decimal.TryParse((string?)value, NumberStyles.Float, CultureInfo.InvariantCulture, out _));

    private static bool IsCount(JToken value) =>
        (value.Type == JTokenType.Integer && value is JValue { Value: long number } && number is >= int.MinValue and <= int.MaxValue)
        || (value.Type == JTokenType.String && int.TryParse((string?)value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _));

    private sealed class ReferenceComparer : IEqualityComparer<JObject>
    {
        public bool Equals(JObject? x, JObject? y) => ReferenceEquals(x, y);

        public int GetHashCode(JObject obj) => RuntimeHelpers.GetHashCode(obj);
    }
}
