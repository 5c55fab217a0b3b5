using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace DashScope.Emulator.Recording;

/// <summary>
/// Reads and writes cassettes. Reading checks the whole file (JSON syntax, format name, version, shape, and that
/// every reference inside it resolves) before it returns, so a bad file is refused with the line of its first problem
/// and never half-applied. Writing goes through a temporary file, so a crash never leaves a truncated cassette.
/// </summary>
public static class CassetteFile
{
    /// <summary>Reads the cassette at <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The cassette.</returns>
    /// <exception cref="CassetteException">The file is missing, unreadable, malformed, truncated, newer than this library, or inconsistent.</exception>
    public static Cassette Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CassetteException(path, null, $"cannot be read ({e.Message})", e);
        }

        return Parse(bytes, path);
    }

    /// <summary>Reads a cassette from its UTF-8 text.</summary>
    /// <param name="utf8">The file's bytes.</param>
    /// <param name="name">The name to give in error messages.</param>
    /// <returns>The cassette.</returns>
    /// <exception cref="CassetteException">The text is malformed, truncated, newer than this library, or inconsistent.</exception>
    public static Cassette Parse(byte[] utf8, string name)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new CassetteException(name, (int?)e.LineNumber + 1, SyntaxProblem(e), e);
        }

        var lines = new JsonLineMap(utf8);
        if (root is not JsonObject header)
        {
            throw new CassetteException(name, 1, "is not a JSON object; a cassette starts with {\"format\": \"" + Cassette.FormatName + "\", ...}.");
        }

        CheckHeader(header, name, lines);
        Cassette cassette;
        try
        {
            cassette = root.Deserialize(CassetteJsonContext.Default.Cassette)
                ?? throw new CassetteException(name, 1, "is empty.");
        }
        catch (JsonException e)
        {
            throw new CassetteException(name, e.Path is { } p ? lines.LineOf(p) : null, $"{Clean(e.Message)}", e);
        }

        CassetteChecks.Check(cassette, name, lines);
        return cassette;
    }

    /// <summary>Writes <paramref name="cassette"/> to <paramref name="path"/> as indented JSON, replacing the file whole.</summary>
    /// <param name="cassette">The cassette.</param>
    /// <param name="path">The file; its folder is created when missing.</param>
    public static void Save(Cassette cassette, string path)
    {
        ArgumentNullException.ThrowIfNull(cassette);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".partial";
        File.WriteAllBytes(temporary, Serialize(cassette));
        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>The cassette as the indented UTF-8 JSON that <see cref="Save"/> writes.</summary>
    /// <param name="cassette">The cassette.</param>
    /// <returns>The file's bytes.</returns>
    public static byte[] Serialize(Cassette cassette) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(cassette, CassetteJsonContext.Readable.Cassette) + "\n");

    private static void CheckHeader(JsonObject header, string name, JsonLineMap lines)
    {
        if (header["format"] is not JsonValue format || !format.TryGetValue<string>(out var formatName) || formatName != Cassette.FormatName)
        {
            throw new CassetteException(name, lines.LineOf("$.format") ?? 1, $"is not a cassette: \"format\" must be \"{Cassette.FormatName}\".");
        }

        if (header["version"] is not JsonValue version || !version.TryGetValue<int>(out var number) || number < 1)
        {
            throw new CassetteException(name, lines.LineOf("$.version") ?? 1, "has no valid \"version\" (a whole number from 1).");
        }

        if (number > Cassette.CurrentVersion)
        {
            throw new CassetteException(
                name,
                lines.LineOf("$.version"),
                $"was written in format version {number}; this emulator reads versions up to {Cassette.CurrentVersion}. Update the DashScope.Emulator package.");
        }
    }

    private static string SyntaxProblem(JsonException e) =>
        new[] { "end of data", "incomplete", "depth to be zero", "end of the JSON" }.Any(m => e.Message.Contains(m, StringComparison.OrdinalIgnoreCase))
            ? "ends before its JSON does (truncated?): " + Clean(e.Message)
            : "is not valid JSON: " + Clean(e.Message);

    // The parser's messages end with its own position ("LineNumber: 3 | BytePositionInLine: 5."); the line is said once, first.
    private static string Clean(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd();
    }
}

/// <summary>The cassette's JSON: camelCase as declared, indented, non-ASCII kept readable, nulls left out.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Cassette))]
internal sealed partial class CassetteJsonContext : JsonSerializerContext
{
    /// <summary>For writing: URLs, quotes and non-ASCII text as they are, so the file reads like the answers did.</summary>
    public static CassetteJsonContext Readable => s_readable ??= new(new JsonSerializerOptions(Default.Options!) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static CassetteJsonContext? s_readable;
}
