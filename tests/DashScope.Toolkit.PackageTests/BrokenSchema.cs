namespace DashScope.Toolkit.PackageTests;

/// <summary>A schema made invalid at a known line, for the located-error test.</summary>
internal static class BrokenSchema
{
    /// <summary>
    /// Puts a second string right after the value on the first top-level line that ends in <c>",</c>
    /// (e.g. <c>"$id": "…" "broken",</c>): invalid JSON whose error is on that very line.
    /// </summary>
    public static (string Text, int Line) Of(string schema)
    {
        var lines = schema.Split('\n');
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.StartsWith("  \"", StringComparison.Ordinal) && line.EndsWith("\",", StringComparison.Ordinal))
            {
                lines[i] = line[..^1] + " \"broken\"," + (lines[i].EndsWith('\r') ? "\r" : "");
                return (string.Join('\n', lines), i + 1);
            }
        }
        throw new InvalidOperationException("The schema has no top-level line ending in \",\" to break.");
    }
}
