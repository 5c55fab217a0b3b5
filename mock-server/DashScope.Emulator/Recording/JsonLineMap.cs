using System.Text;
using System.Text.Json;

namespace DashScope.Emulator.Recording;

/// <summary>
/// The line on which each value of a JSON text starts, by its path (<c>$.tasks[2].timeline[0]</c>), so a problem found
/// after parsing can still name its line. Built only for files that already parsed.
/// </summary>
internal sealed class JsonLineMap
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    public JsonLineMap(byte[] utf8)
    {
        var newlines = new List<int>();
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                newlines.Add(i);
            }
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var path = new List<Segment>();
        string? pendingName = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pendingName = reader.GetString();
                    continue;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    path.RemoveAt(path.Count - 1);
                    continue;
            }

            var here = Child(path, ref pendingName);
            _lines.TryAdd(Render(here), LineOf(newlines, (int)reader.TokenStartIndex));
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                path = here;
                path[^1] = path[^1] with { IsArray = reader.TokenType == JsonTokenType.StartArray };
            }
        }
    }

    /// <summary>The line of <paramref name="path"/>, or of its nearest recorded parent; null when none is known.</summary>
    public int? LineOf(string path)
    {
        for (var p = path; p.Length > 0; p = Parent(p))
        {
            if (_lines.TryGetValue(p, out var line))
            {
                return line;
            }
        }

        return null;
    }

    private static List<Segment> Child(List<Segment> path, ref string? pendingName)
    {
        var child = new List<Segment>(path);
        if (path.Count == 0)
        {
            child.Add(new Segment("$", false, 0));
        }
        else if (path[^1].IsArray)
        {
            var parent = path[^1];
            child.Add(new Segment($"[{parent.NextIndex}]", false, 0));
            path[^1] = parent with { NextIndex = parent.NextIndex + 1 };
            child[^2] = path[^1];
        }
        else
        {
            child.Add(new Segment("." + pendingName, false, 0));
        }

        pendingName = null;
        return child;
    }

    private static string Render(List<Segment> path)
    {
        var text = new StringBuilder();
        foreach (var segment in path)
        {
            text.Append(segment.Text);
        }

        return text.ToString();
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? (path == "$" ? "" : "$") : path[..cut];
    }

    private static int LineOf(List<int> newlines, int offset)
    {
        var index = newlines.BinarySearch(offset);
        return (index < 0 ? ~index : index) + 1;
    }

    private sealed record Segment(string Text, bool IsArray, int NextIndex);
}
