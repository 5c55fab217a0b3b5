using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using DashScope.Toolkit.Generator.Model;
using DashScope.Toolkit.Generator.Parsing;

namespace DashScope.Toolkit.Generator.Analysis;

/// <summary>
/// Reads and maps each schema once per distinct content: a compilation that brings the same schema text with the
/// same settings (every keystroke in an editor, every project of a build that shares the schema) reuses the rules.
/// Keyed by <see cref="SchemaFileInput"/>, which compares the path, the text and the settings by value.
/// </summary>
internal static class SchemaRulesCache
{
    // Enough for the schemas of every project a compiler server sees at once; past it the cache starts over
    // rather than grow without end (an editor session can produce a new schema text per keystroke).
    private const int Capacity = 64;

    private static readonly ConcurrentDictionary<SchemaFileInput, Entry> s_entries = new();

    /// <summary>The request rules of every schema that generates code, after the same cross-schema checks the generator makes.</summary>
    public static IReadOnlyList<SchemaRequestRules> RulesFor(IReadOnlyList<SchemaFileInput> inputs, CancellationToken cancellationToken)
    {
        var entries = inputs.Select(input => Get(input, cancellationToken)).ToList();
        var byPath = entries.GroupBy(e => e.Parsed.FilePath).ToDictionary(g => g.Key, g => g.First());
        // A schema that clashes with another generates nothing, so it has no request types to check.
        return CrossFileChecks.Apply(entries.Select(e => e.Parsed).ToImmutableArray())
            .Where(unit => unit.Model is not null)
            .Select(unit => byPath[unit.FilePath].Rules)
            .ToList();
    }

    private static Entry Get(SchemaFileInput input, CancellationToken cancellationToken)
    {
        if (s_entries.TryGetValue(input, out var cached)) { return cached; }
        // The generator of the same compilation has usually read this schema already: csc runs it first.
        var parsed = SchemaParseCache.Parse(input, cancellationToken);
        var entry = new Entry(parsed, parsed.Model is { } model ? RequestRulesBuilder.Build(model) : SchemaRequestRules.None);
        if (s_entries.Count >= Capacity) { s_entries.Clear(); }
        return s_entries.GetOrAdd(input, entry);
    }

    private sealed record Entry(SchemaParseResult Parsed, SchemaRequestRules Rules);
}
