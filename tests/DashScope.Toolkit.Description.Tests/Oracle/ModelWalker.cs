using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Newtonsoft.Json.Linq;
using NJsonSchema;

using DashScope.Toolkit.Description.Reading;

namespace DashScope.Toolkit.Description.Tests.Oracle;

/// <summary>
/// Walks the definitions an operation reaches into models, in the order it meets them (nested models before
/// their owners), and reports the JSON Schema constructs a model cannot express (DSG003).
/// </summary>
internal sealed class ModelWalker : IModelSource
{
    // Keywords that change what a value may look like in ways the models cannot express.
    private static readonly string[] UnsupportedKeywords = { "patternProperties", "dependencies", "propertyNames", "if", "then", "else", "contains", "additionalItems" };

    private readonly JsonSchema _schema;
    private readonly KeywordReader _reader;
    private readonly ValueRulesReader _rules;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<JsonSchema, string> _definitionNames = new();
    private readonly Dictionary<JsonSchema, string> _modelNames = new();
    private readonly Dictionary<string, ModelDescription> _models = new(StringComparer.Ordinal);
    private readonly HashSet<string> _visiting = new(StringComparer.Ordinal);
    private readonly List<string> _order = new();

    public ModelWalker(JsonSchema schema, KeywordReader reader, CancellationToken cancellationToken)
    {
        _schema = schema;
        _reader = reader;
        _rules = new ValueRulesReader(reader);
        _cancellationToken = cancellationToken;
        foreach (var pair in schema.Definitions) { _definitionNames[pair.Value] = pair.Key; }
    }

    /// <summary>The role given to the models made from now on.</summary>
    public ModelRole Role { get; set; } = ModelRole.Body;

    /// <summary>The finished models, in the order they were finished.</summary>
    public IEnumerable<ModelDescription> Models => _order.Select(n => _models[n]);

    public ModelDescription? Find(string? name) => name is not null && _models.TryGetValue(name, out var model) ? model : null;

    public void Replace(ModelDescription model) => _models[model.Name] = model;

    public bool TryGetDefinition(string name, out JsonSchema definition) => _schema.Definitions.TryGetValue(name, out definition!);

    public bool HasDefinition(string name) => _schema.Definitions.ContainsKey(name);

    public ValueDescription? DefinitionValue(string name) => TryGetDefinition(name, out var definition) ? Definition(name, definition) : null;

    /// <summary>The value a definition describes, walking it into models; null after a diagnostic.</summary>
    public ValueDescription? Definition(string definitionName, JsonSchema definition)
    {
        var pointer = "/definitions/" + definitionName;
        var actual = definition.HasReference ? definition.ActualSchema : definition;
        if (definition.HasReference && _definitionNames.TryGetValue(actual, out var aliased) && aliased != definitionName)
        {
            return Definition(aliased, actual);
        }
        var place = ModelPlace.OfDefinition(definitionName);
        if (IsEnum(actual)) { return Enum(place, actual, pointer); }
        if (IsObject(actual)) { return Object(place, actual, pointer); }
        return Inline(actual, place, pointer);
    }

    private ValueDescription? Object(ModelPlace place, JsonSchema schema, string pointer)
    {
        if (_modelNames.TryGetValue(schema, out var known)) { return Value(ValueKind.Object, known); }
        var name = Claim(place, schema, pointer);
        _visiting.Add(name);
        _cancellationToken.ThrowIfCancellationRequested();
        CheckUnsupportedKeywords(pointer, name);
        if (schema.AdditionalPropertiesSchema is not null)
        {
            Unsupported(pointer + "/additionalProperties", name, "a schema for additionalProperties", "use true or false; unknown fields are kept as JSON elements");
        }

        var declared = new HashSet<string>(schema.Properties.Keys, StringComparer.Ordinal);
        CheckBranches(name, pointer, "oneOf", schema.OneOf, declared);
        CheckBranches(name, pointer, "anyOf", schema.AnyOf, declared);
        CheckBranches(name, pointer, "allOf", schema.AllOf, declared);
        if (schema.Not is not null) { CheckBranches(name, pointer, "not", new[] { schema.Not }, declared); }

        var properties = new List<PropertyDescription>();
        foreach (var pair in schema.Properties)
        {
            var propertyPointer = pointer + "/properties/" + JsonPointer.Escape(pair.Key);
            var property = Property(place, pair.Key, pair.Value, schema.RequiredProperties.Contains(pair.Key), propertyPointer);
            if (property is not null) { properties.Add(property); }
        }
        foreach (var required in schema.RequiredProperties.Where(r => !declared.Contains(r)))
        {
            Unsupported(pointer + "/required", name, $"'{required}' in required without a declared property", "declare every required property under properties");
        }

        _visiting.Remove(name);
        Add(place, new ModelDescription(name, pointer, ModelKind.Object, ValueRulesReader.Clean(schema.Description), properties.ToEquatableArray(),
            EquatableArray<string>.Empty, EquatableArray<string>.Empty, Role)
        {
            AllowsAdditionalProperties = schema.AllowAdditionalProperties,
            MinProperties = schema.MinProperties > 0 ? schema.MinProperties : null,
            MaxProperties = schema.MaxProperties > 0 ? schema.MaxProperties : null,
            HasComposition = schema.OneOf.Count > 0 || schema.AnyOf.Count > 0 || schema.AllOf.Count > 0 || schema.Not is not null,
        });
        return Value(ValueKind.Object, name);
    }

    private ValueDescription? Enum(ModelPlace place, JsonSchema schema, string pointer)
    {
        if (_modelNames.TryGetValue(schema, out var known)) { return Value(ValueKind.Enum, known); }
        var name = Claim(place, schema, pointer);
        CheckUnsupportedKeywords(pointer, name);
        if ((schema.Type & ~JsonObjectType.Null) != JsonObjectType.String || schema.Enumeration.Any(v => v is not string))
        {
            Unsupported(pointer + "/enum", name, "an enum of values that are not strings", "only string enums are supported");
            return null;
        }
        var values = schema.Enumeration.Cast<string>().ToList();
        if (values.Distinct(StringComparer.Ordinal).Count() != values.Count)
        {
            Unsupported(pointer + "/enum", name, "an enum that repeats a value", "list each value once");
            return null;
        }
        var names = schema.EnumerationNames?.Select(n => n ?? string.Empty) ?? Enumerable.Empty<string>();
        Add(place, new ModelDescription(name, pointer, ModelKind.Enum, ValueRulesReader.Clean(schema.Description), EquatableArray<PropertyDescription>.Empty,
            values.ToEquatableArray(), names.ToEquatableArray(), Role));
        return Value(ValueKind.Enum, name);
    }

    private PropertyDescription? Property(ModelPlace owner, string wire, JsonSchemaProperty property, bool required, string pointer)
    {
        var label = owner.Name + "." + wire;
        var actual = property.HasReference ? property.ActualSchema : property;
        string? fixedValue = null;
        ValueDescription? type;
        if (!property.HasReference && IsEnum(actual) && actual.Enumeration.Count == 1 && actual.Enumeration.First() is string single)
        {
            // A field with exactly one allowed value (the model name) is a string with that value as default.
            fixedValue = single;
            type = Value(ValueKind.String, null);
            CheckUnsupportedKeywords(pointer, label);
        }
        else
        {
            type = Value(owner.Property(wire), property, pointer);
        }
        if (type is null) { return null; }

        type = type with { Rules = _rules.RulesOf(type.Kind, actual, pointer, label), Media = _rules.MediaOf(type.Kind, wire, pointer) };
        return new PropertyDescription(wire, required, ValueRulesReader.Clean(property.Description ?? actual.Description), ValueRulesReader.DefaultText(actual.Default ?? property.Default), fixedValue, type)
        {
            Answer = AnswerSourceReader.Read(_reader, type.Kind, pointer, label),
        };
    }

    private ValueDescription? Value(ModelPlace place, JsonSchema schema, string pointer)
    {
        if (!schema.HasReference) { return Inline(schema, place, pointer); }
        var target = schema.ActualSchema;
        if (!_definitionNames.TryGetValue(target, out var definitionName))
        {
            Unsupported(pointer, place.Name, "a $ref that is not to #/definitions", "refer to a definition of the same file");
            return null;
        }
        return Definition(definitionName, target);
    }

    private ValueDescription? Inline(JsonSchema schema, ModelPlace place, string pointer)
    {
        var label = place.Name;
        if (IsObject(schema))
        {
            // An inline object, like a definition, may use composition to constrain its own properties; Object checks it.
            return Object(place, schema, pointer);
        }
        CheckUnsupportedKeywords(pointer, label);
        if (schema.OneOf.Count > 0 || schema.AnyOf.Count > 0 || schema.AllOf.Count > 0 || schema.Not is not null)
        {
            Unsupported(pointer, label, "oneOf, anyOf, allOf or not on a value", "a value must have one type; use composition only on an object to constrain its own properties");
            return null;
        }
        if (IsEnum(schema)) { return Enum(place, schema, pointer); }
        var type = schema.Type & ~JsonObjectType.Null;
        switch (type)
        {
            case JsonObjectType.String:
            case JsonObjectType.Integer:
                return _rules.Scalar(type, schema, pointer);
            case JsonObjectType.Number:
                return Value(ValueKind.Number, null);
            case JsonObjectType.Boolean:
                return Value(ValueKind.Boolean, null);
            case JsonObjectType.Array:
                if (schema.Items.Count > 0)
                {
                    Unsupported(pointer + "/items", label, "a tuple (items as an array)", "give items a single schema");
                    return null;
                }
                if (schema.Item is null) { return Value(ValueKind.Array, null) with { Item = Value(ValueKind.Any, null) }; }
                var item = Value(place.Items(), schema.Item, pointer + "/items");
                if (item is not null && !schema.Item.HasReference) { item = item with { Rules = _rules.RulesOf(item.Kind, schema.Item, pointer + "/items", label + "[]") }; }
                return item is null ? null : Value(ValueKind.Array, null) with { Item = item };
            case JsonObjectType.None:
                return Value(ValueKind.Any, null);
            default:
                Unsupported(pointer, label, "a type list (" + type + ")", "a value must have a single type (null may be added)");
                return null;
        }
    }

    /// <summary>Gives <paramref name="schema"/> its model name: the place's name, made unique should another schema have it.</summary>
    private string Claim(ModelPlace place, JsonSchema schema, string pointer)
    {
        // A definition may be named like another's inline place (a definition "Req.inner"): the pointer keeps both apart.
        var name = _modelNames.ContainsValue(place.Name) ? place.Name + "@" + pointer : place.Name;
        _modelNames[schema] = name;
        return name;
    }

    private void Add(ModelPlace place, ModelDescription model)
    {
        _models[model.Name] = model with { Definition = place.Definition, InlineSteps = place.Steps.ToEquatableArray() };
        _order.Add(model.Name);
    }

    private void CheckBranches(string name, string pointer, string keyword, IEnumerable<JsonSchema> branches, HashSet<string> declared)
    {
        var index = 0;
        foreach (var branch in branches)
        {
            var branchPointer = keyword == "not" ? pointer + "/not" : pointer + "/" + keyword + "/" + index.ToString(CultureInfo.InvariantCulture);
            var actual = branch.HasReference ? branch.ActualSchema : branch;
            // A branch that only constrains declared properties is a validation rule; one that adds fields would need a
            // union type. A "not" never adds a field, so requiring an undeclared one there means "must not be sent".
            var mentioned = keyword == "not" ? actual.Properties.Keys : actual.Properties.Keys.Concat(actual.RequiredProperties);
            var extra = mentioned.Where(p => !declared.Contains(p)).ToList();
            if (branch.HasReference || extra.Count > 0)
            {
                Unsupported(branchPointer, name, keyword + " with a branch that adds properties",
                    "composition is supported only as a constraint on the object's own declared properties" + (extra.Count > 0 ? " (undeclared: " + string.Join(", ", extra) + ")" : string.Empty));
            }
            index++;
        }
    }

    private void CheckUnsupportedKeywords(string pointer, string label)
    {
        if (_reader.Positions.TokenAt(pointer) is not JObject node) { return; }
        foreach (var keyword in UnsupportedKeywords)
        {
            if (node.Property(keyword, StringComparison.Ordinal) is not null)
            {
                Unsupported(pointer + "/" + keyword, label, "'" + keyword + "'", "the generated types cannot express it; remove it or move the rule into the service");
            }
        }
    }

    private void Unsupported(string pointer, string label, string construct, string advice) =>
        _reader.Report(DescriptionDiagnosticId.UnsupportedConstruct, _reader.Positions.Of(pointer), label, construct, advice);

    private static ValueDescription Value(ValueKind kind, string? modelName) => new(kind, modelName, null, null, ValueRules.None, null);

    private static bool IsObject(JsonSchema schema) =>
        (schema.Type & ~JsonObjectType.Null) == JsonObjectType.Object || (schema.Type == JsonObjectType.None && schema.Properties.Count > 0);

    private static bool IsEnum(JsonSchema schema) => schema.Enumeration.Count > 0;
}
