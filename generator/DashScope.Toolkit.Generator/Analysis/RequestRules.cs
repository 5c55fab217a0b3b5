using DashScope.Toolkit.Description;
using DashScope.Toolkit.Generator.Model;

namespace DashScope.Toolkit.Generator.Analysis;

/// <summary>The rules of one value: its C# shape, the schema's keywords and, for an extensible enum, the values it knows.</summary>
/// <param name="Kind">The C# shape the generator gave it.</param>
/// <param name="Rules">The schema's validation keywords for it.</param>
/// <param name="EnumType">For an extensible enum: the generated struct's metadata name; else null.</param>
/// <param name="KnownValues">For an extensible enum: the values the schema lists, in order.</param>
/// <param name="Item">For an array: the rules of each item.</param>
internal sealed record ValueRule(ValueKind Kind, ValueRules Rules, string? EnumType, EquatableArray<string> KnownValues, ValueRule? Item);

/// <summary>What the analyzer knows of one property of a generated request type.</summary>
/// <param name="PropertyName">The C# property name.</param>
/// <param name="WireName">The JSON name, which messages use.</param>
/// <param name="Required">True when the schema requires it.</param>
/// <param name="DefaultText">The service's value when it is absent, as invariant text.</param>
/// <param name="Value">The rules of its value.</param>
internal sealed record PropertyRule(string PropertyName, string WireName, bool Required, string? DefaultText, ValueRule Value);

/// <summary>One generated record a request is built from (a request body, an object inside it, or query parameters).</summary>
/// <param name="MetadataName">The record's full metadata name (namespace and type).</param>
/// <param name="Properties">The properties with a rule worth checking.</param>
internal sealed record RequestTypeRule(string MetadataName, EquatableArray<PropertyRule> Properties);

/// <summary>Every request record of one schema, with no compiler symbols, so it can be kept between compilations.</summary>
/// <param name="Types">The records.</param>
internal sealed record SchemaRequestRules(EquatableArray<RequestTypeRule> Types)
{
    public static SchemaRequestRules None { get; } = new(EquatableArray<RequestTypeRule>.Empty);
}
