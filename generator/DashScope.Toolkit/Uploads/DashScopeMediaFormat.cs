namespace DashScope.Toolkit;

/// <summary>
/// Tells a file's format from its first bytes, so a file is checked by what it holds, not by its name:
/// a PNG renamed <c>.wav</c> is still a PNG. Knows the formats DashScope's media rules name and a few common
/// others, so that a refused file can be named for what it is.
/// </summary>
public static class DashScopeMediaFormat
{
    /// <summary>How many leading bytes <see cref="Detect"/> needs to tell every format it knows.</summary>
    public const int HeaderLength = 16;

    private static readonly (string Format, string ContentType)[] Known =
    {
        ("jpeg", "image/jpeg"), ("png", "image/png"), ("bmp", "image/bmp"), ("webp", "image/webp"), ("gif", "image/gif"),
        ("tiff", "image/tiff"), ("wav", "audio/wav"), ("mp3", "audio/mpeg"), ("ogg", "audio/ogg"), ("flac", "audio/flac"),
        ("mp4", "video/mp4"), ("pdf", "application/pdf"),
    };

    /// <summary>The format the bytes start with (<c>jpeg</c>, <c>png</c>, <c>wav</c>, <c>mp3</c>…), or null when unknown.</summary>
    /// <param name="head">The file's first bytes (at least <see cref="HeaderLength"/> when the file has them).</param>
    public static string? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF })) { return "jpeg"; }
        if (head.StartsWith(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A })) { return "png"; }
        if (head.StartsWith("BM"u8) && head.Length >= 14) { return "bmp"; }
        if (head.StartsWith("GIF8"u8)) { return "gif"; }
        if (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8)) { return "tiff"; }
        if (head.StartsWith("%PDF"u8)) { return "pdf"; }
        if (head.Length >= 12 && head.StartsWith("RIFF"u8))
        {
            if (head[8..12].SequenceEqual("WEBP"u8)) { return "webp"; }
            if (head[8..12].SequenceEqual("WAVE"u8)) { return "wav"; }
            return null;
        }
        if (head.StartsWith("ID3"u8)) { return "mp3"; }
        // An MPEG audio frame: 11 sync bits, then a layer that is not the reserved 00.
        if (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0 && (head[1] & 0x06) != 0) { return "mp3"; }
        if (head.StartsWith("OggS"u8)) { return "ogg"; }
        if (head.StartsWith("fLaC"u8)) { return "flac"; }
        if (head.Length >= 8 && head[4..8].SequenceEqual("ftyp"u8)) { return "mp4"; }
        return null;
    }

    /// <summary>True when a rule that lists <paramref name="accepted"/> takes a file of <paramref name="format"/> (<c>jpg</c> and <c>jpeg</c> are one format).</summary>
    /// <param name="format">A format from <see cref="Detect"/>.</param>
    /// <param name="accepted">The formats a media rule lists.</param>
    public static bool IsAccepted(string format, IEnumerable<string> accepted) =>
        accepted.Any(a => string.Equals(Normalize(a), Normalize(format), StringComparison.OrdinalIgnoreCase));

    /// <summary>The media type of <paramref name="format"/>, or <c>application/octet-stream</c>.</summary>
    /// <param name="format">A format from <see cref="Detect"/>, or null.</param>
    public static string ContentTypeOf(string? format) =>
        Known.FirstOrDefault(k => k.Format == format).ContentType ?? "application/octet-stream";

    private static string Normalize(string format) => format.Equals("jpg", StringComparison.OrdinalIgnoreCase) ? "jpeg" : format;
}
