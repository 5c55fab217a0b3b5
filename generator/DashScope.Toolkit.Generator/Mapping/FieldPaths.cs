using System;
using System.Collections.Generic;
using System.Linq;
using DashScope.Toolkit.Description;
using DashScope.Toolkit.Generator.Model;

namespace DashScope.Toolkit.Generator.Mapping;

/// <summary>Follows wire-name paths (such as output.task_id) through the generated records, as steps the emitter can read.</summary>
internal sealed class FieldPaths
{
    private readonly Dictionary<string, ObjectTypeModel> _objects;

    public FieldPaths(IEnumerable<ObjectTypeModel> objects) => _objects = objects.ToDictionary(o => o.Name, StringComparer.Ordinal);

    /// <summary>
    /// The steps from <paramref name="typeName"/> along <paramref name="wirePath"/> to a string or enum field, or
    /// empty when the type has no such field (the description has already checked the fields the protocol requires).
    /// </summary>
    public EquatableArray<FieldStep> Find(string typeName, EquatableArray<string> wirePath)
    {
        var steps = new List<FieldStep>();
        var current = typeName;
        for (var i = 0; i < wirePath.Count; i++)
        {
            if (!_objects.TryGetValue(current, out var type)) { return EquatableArray<FieldStep>.Empty; }
            var property = type.Properties.FirstOrDefault(p => p.WireName == wirePath[i]);
            if (property is null) { return EquatableArray<FieldStep>.Empty; }
            steps.Add(new FieldStep(property.Name, property.Required, property.Type.Kind));
            var last = i == wirePath.Count - 1;
            if (!last && property.Type.Kind != ValueKind.Object) { return EquatableArray<FieldStep>.Empty; }
            if (last && property.Type.Kind is not (ValueKind.String or ValueKind.Enum)) { return EquatableArray<FieldStep>.Empty; }
            current = property.Type.TypeName ?? string.Empty;
        }
        return steps.ToEquatableArray();
    }

    /// <summary>The enum type a path ends at, or null.</summary>
    public string? EnumAt(string typeName, EquatableArray<string> wirePath)
    {
        var current = typeName;
        ValueTypeModel? last = null;
        foreach (var wire in wirePath)
        {
            if (!_objects.TryGetValue(current, out var type) || type.Properties.FirstOrDefault(p => p.WireName == wire) is not { } property) { return null; }
            last = property.Type;
            current = property.Type.TypeName ?? string.Empty;
        }
        return last is { Kind: ValueKind.Enum } ? last.TypeName : null;
    }
}
