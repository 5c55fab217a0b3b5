using System.Collections.Concurrent;
using System.Threading;
using DashScope.Toolkit.Generator.Model;

namespace DashScope.Toolkit.Generator.Parsing;

/// <summary>
/// One read of each schema per compiler process, shared by the generator and the request analyzer: csc runs the
/// generator first, so the analyzer of the same compilation (and every later compilation that brings the same text
/// with the same settings) gets the result without reading the schema again. Keyed by <see cref="SchemaFileInput"/>,
/// which compares the path, the text and the settings by value; the result is immutable and value-equal.
/// </summary>
internal static class SchemaParseCache
{
    // Enough for the schemas of every project a compiler server sees at once; past it the cache starts over
    // rather than grow without end (an editor session can produce a new schema text per keystroke).
    private const int Capacity = 64;

    private static readonly ConcurrentDictionary<SchemaFileInput, SchemaParseResult> s_results = new();

    /// <summary>The result of <see cref="SchemaParser.Parse"/> for <paramref name="input"/>, read once per distinct input.</summary>
    public static SchemaParseResult Parse(SchemaFileInput input, CancellationToken cancellationToken)
    {
        if (TryGet(input, out var cached)) { return cached; }
        var parsed = SchemaParser.Parse(input, cancellationToken);
        if (s_results.Count >= Capacity) { s_results.Clear(); }
        return s_results.GetOrAdd(input, parsed);
    }

    /// <summary>The result already read for <paramref name="input"/>, if any.</summary>
    public static bool TryGet(SchemaFileInput input, out SchemaParseResult result) => s_results.TryGetValue(input, out result!);
}
