using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace DashScope.Toolkit.Generator.Analysis;

/// <summary>
/// The request rules of one compilation, found by symbol: each generated request property with its rule, and
/// the generated extensible enum structs. Built once per compilation; lookups are dictionary reads.
/// </summary>
internal sealed class RequestRuleIndex
{
    private readonly Dictionary<ISymbol, PropertyRule> _properties;
    private readonly HashSet<ISymbol> _requestTypes;
    private readonly Dictionary<string, INamedTypeSymbol> _enumTypes;

    private RequestRuleIndex(Dictionary<ISymbol, PropertyRule> properties, HashSet<ISymbol> requestTypes, Dictionary<string, INamedTypeSymbol> enumTypes)
    {
        _properties = properties;
        _requestTypes = requestTypes;
        _enumTypes = enumTypes;
    }

    /// <summary>The index of the request types <paramref name="schemas"/> generate in <paramref name="compilation"/>, or null when it has none.</summary>
    public static RequestRuleIndex? Create(Compilation compilation, IEnumerable<SchemaRequestRules> schemas)
    {
        var properties = new Dictionary<ISymbol, PropertyRule>(SymbolEqualityComparer.Default);
        var requestTypes = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var enumTypes = new Dictionary<string, INamedTypeSymbol>(System.StringComparer.Ordinal);
        foreach (var schema in schemas)
        {
            foreach (var type in schema.Types)
            {
                if (compilation.GetTypeByMetadataName(type.MetadataName) is not { } symbol) { continue; }
                requestTypes.Add(symbol);
                foreach (var property in type.Properties)
                {
                    foreach (var member in symbol.GetMembers(property.PropertyName))
                    {
                        if (member is IPropertySymbol) { properties[member] = property; }
                    }
                    AddEnumTypes(compilation, property.Value, enumTypes);
                }
            }
        }
        return properties.Count == 0 ? null : new RequestRuleIndex(properties, requestTypes, enumTypes);
    }

    /// <summary>The rule of <paramref name="property"/> when it belongs to a generated request type.</summary>
    public bool TryGet(IPropertySymbol property, out PropertyRule rule)
    {
        rule = null!;
        // Most assignments in a program are to other types: one set lookup turns them away.
        return _requestTypes.Contains(property.ContainingType) && _properties.TryGetValue(property, out rule!);
    }

    /// <summary>The generated extensible enum struct of <paramref name="metadataName"/>, or null.</summary>
    public INamedTypeSymbol? EnumType(string metadataName) => _enumTypes.TryGetValue(metadataName, out var type) ? type : null;

    private static void AddEnumTypes(Compilation compilation, ValueRule value, Dictionary<string, INamedTypeSymbol> enumTypes)
    {
        for (var rule = value; rule is not null; rule = rule.Item)
        {
            if (rule.EnumType is { } name && !enumTypes.ContainsKey(name) && compilation.GetTypeByMetadataName(name) is { } symbol)
            {
                enumTypes[name] = symbol;
            }
        }
    }
}
