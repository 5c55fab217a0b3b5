using System;
using System.Collections.Generic;
using System.Linq;
using DashScope.Toolkit.Description;
using DashScope.Toolkit.Generator.Model;

namespace DashScope.Toolkit.Generator.Analysis;

/// <summary>
/// Picks the records a caller builds requests from out of the generator's model (each operation's request body,
/// the list query, and every record reachable from them) and keeps their properties' rules under the C# names
/// the generator emits.
/// </summary>
internal static class RequestRulesBuilder
{
    public static SchemaRequestRules Build(ServiceModel model)
    {
        var objects = model.ObjectTypes.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var enums = model.EnumTypes.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var roots = model.Operations.Select(o => o.RequestType);
        if (model.Tasks?.ListQueryType is { } query) { roots = roots.Append(query); }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(roots);
        var types = new List<RequestTypeRule>();
        while (pending.Count > 0)
        {
            var name = pending.Dequeue();
            if (!seen.Add(name) || !objects.TryGetValue(name, out var type)) { continue; }
            foreach (var property in type.Properties)
            {
                foreach (var nested in ObjectsIn(property.Type)) { pending.Enqueue(nested); }
            }
            var properties = type.Properties.Select(p => Property(p, model.Namespace, enums)).ToEquatableArray();
            types.Add(new RequestTypeRule(model.Namespace + "." + type.Name, properties));
        }
        return new SchemaRequestRules(types.ToEquatableArray());
    }

    private static PropertyRule Property(PropertyModel property, string ns, IReadOnlyDictionary<string, EnumTypeModel> enums) =>
        new(property.Name, property.WireName, property.Required, property.DefaultText, Value(property.Type, ns, enums));

    private static ValueRule Value(ValueTypeModel type, string ns, IReadOnlyDictionary<string, EnumTypeModel> enums)
    {
        var item = type.Item is null ? null : Value(type.Item, ns, enums);
        if (type.Kind == ValueKind.Enum && type.TypeName is { } enumName && enums.TryGetValue(enumName, out var enumType))
        {
            return new ValueRule(type.Kind, type.Rules, ns + "." + enumName, enumType.Members.Select(m => m.Value).ToEquatableArray(), item);
        }
        return new ValueRule(type.Kind, type.Rules, null, EquatableArray<string>.Empty, item);
    }

    private static IEnumerable<string> ObjectsIn(ValueTypeModel type)
    {
        for (var value = type; value is not null; value = value.Item)
        {
            if (value.Kind == ValueKind.Object && value.TypeName is { } name) { yield return name; }
        }
    }
}
