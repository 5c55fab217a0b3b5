using System;
using System.Collections.Generic;
using System.Linq;

namespace DashScope.Toolkit.Generator.Analysis;

/// <summary>Levenshtein distance, to offer the allowed value closest to a mistyped one first.</summary>
internal static class EditDistance
{
    /// <summary>The fewest single-character insertions, deletions and substitutions that turn one text into the other.</summary>
    public static int Between(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) { previous[j] = j; }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary><paramref name="candidates"/> closest to <paramref name="text"/> first; ties keep the schema's order.</summary>
    public static IEnumerable<string> Closest(string text, IEnumerable<string> candidates) =>
        candidates.Select((value, index) => (value, index, distance: Between(text, value)))
            .OrderBy(c => c.distance)
            .ThenBy(c => c.index)
            .Select(c => c.value);
}
