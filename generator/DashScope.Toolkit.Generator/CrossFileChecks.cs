using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DashScope.Toolkit.Description;
using DashScope.Toolkit.Generator.Model;

namespace DashScope.Toolkit.Generator;

/// <summary>Checks that need every schema at once: two schemas must not declare the same type.</summary>
internal static class CrossFileChecks
{
    public static ImmutableArray<SchemaParseResult> Apply(ImmutableArray<SchemaParseResult> all)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<SchemaParseResult>(all.Length);
        // A stable order makes "the first schema wins" independent of the order MSBuild lists files.
        foreach (var unit in all.OrderBy(u => u.FilePath, StringComparer.Ordinal))
        {
            if (unit.Model is not { } model)
            {
                result.Add(unit);
                continue;
            }
            var declared = DeclaredNames(model).ToList();
            var clashes = declared
                .Where(d => owners.ContainsKey(model.Namespace + "." + d.Name))
                .Select(d => new TypeClash(d.Pointer, EquatableArray.Of(model.SchemaFileName, model.Namespace + "." + d.Name, owners[model.Namespace + "." + d.Name])))
                .ToList();
            if (clashes.Count > 0)
            {
                result.Add(unit with { Model = null, Clashes = clashes.ToEquatableArray() });
                continue;
            }
            foreach (var (name, _) in declared) { owners[model.Namespace + "." + name] = model.SchemaFileName; }
            result.Add(unit);
        }
        return result.ToImmutable();
    }

    /// <summary>Every top-level name the schema adds to its namespace, with the pointer of its definition (null for a generated class).</summary>
    private static IEnumerable<(string Name, string? Pointer)> DeclaredNames(ServiceModel model) =>
        model.ObjectTypes.Select(t => (t.Name, (string?)t.Pointer))
            .Concat(model.EnumTypes.Select(t => (t.Name, (string?)t.Pointer)))
            .Concat(model.GeneratedClassNames().Select(n => (n, (string?)null)));
}
