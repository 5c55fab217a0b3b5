namespace DashScope.Emulator.Media;

/// <summary>
/// Reads the duration of an MPEG audio (MP3) file by walking its frame headers.
/// MetadataExtractor's .NET port detects MP3 but reads no duration, and no MP3 decoder is served by the
/// package mirror this project uses; frame headers are fixed-format, so counting frames is exact for
/// both constant and variable bit rates and needs no decoding.
/// </summary>
internal static class Mp3Duration
{
    private static readonly int[,] BitratesKbps =
    {
        // MPEG-1 layer I, II, III; MPEG-2/2.5 layer I, II/III.
        { 0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448 },
        { 0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384 },
        { 0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320 },
        { 0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256 },
        { 0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160 },
    };

    private static readonly int[] SampleRatesMpeg1 = { 44100, 48000, 32000 };

    /// <summary>Returns the duration, or null when the bytes are not a run of valid MPEG audio frames.</summary>
    public static double? Read(ReadOnlySpan<byte> file)
    {
        var offset = SkipId3v2(file);
        var frames = 0;
        var seconds = 0.0;
        while (offset + 4 <= file.Length)
        {
            if (!TryParseHeader(file.Slice(offset, 4), out var frameLength, out var samples, out var sampleRate))
            {
                if (frames == 0 && offset < 4096 + SkipId3v2(file))
                {
                    // Tolerate a little junk before the first frame, as players do.
                    offset++;
                    continue;
                }

                break;
            }

            if (frames == 0 && IsXingFrame(file.Slice(offset, Math.Min(frameLength, file.Length - offset))))
            {
                // The Xing/Info frame is metadata, not audio: players skip it, so must the duration.
                offset += frameLength;
                continue;
            }

            frames++;
            seconds += samples / (double)sampleRate;
            offset += frameLength;
        }

        // One stray sync word is not an MP3: ask for a few frames in a row.
        return frames >= 3 ? seconds : null;
    }

    /// <summary>True when the bytes start (after an optional ID3v2 tag) with valid MPEG audio frames.</summary>
    public static bool LooksLikeMp3(ReadOnlySpan<byte> file) => Read(file) is not null;

    private static int SkipId3v2(ReadOnlySpan<byte> file)
    {
        if (file.Length >= 10 && file[..3].SequenceEqual("ID3"u8))
        {
            // Sizes in ID3v2 headers are "syncsafe": 7 bits per byte.
            var size = (file[6] & 0x7F) << 21 | (file[7] & 0x7F) << 14 | (file[8] & 0x7F) << 7 | (file[9] & 0x7F);
            var footer = (file[5] & 0x10) != 0 ? 10 : 0;
            return 10 + size + footer;
        }

        return 0;
    }

    private static bool TryParseHeader(ReadOnlySpan<byte> header, out int frameLength, out int samples, out int sampleRate)
    {
        frameLength = samples = sampleRate = 0;
        if (header[0] != 0xFF || (header[1] & 0xE0) != 0xE0)
        {
            return false;
        }

        var versionBits = (header[1] >> 3) & 0x3; // 0: 2.5, 2: 2, 3: 1
        var layerBits = (header[1] >> 1) & 0x3;   // 1: III, 2: II, 3: I
        var bitrateIndex = header[2] >> 4;
        var sampleRateIndex = (header[2] >> 2) & 0x3;
        var padding = (header[2] >> 1) & 0x1;
        if (versionBits == 1 || layerBits == 0 || bitrateIndex is 0 or 15 || sampleRateIndex == 3)
        {
            return false;
        }

        var mpeg1 = versionBits == 3;
        var layer = 4 - layerBits;
        var table = mpeg1 ? layer - 1 : (layer == 1 ? 3 : 4);
        var bitrate = BitratesKbps[table, bitrateIndex] * 1000;
        sampleRate = SampleRatesMpeg1[sampleRateIndex] / (mpeg1 ? 1 : versionBits == 2 ? 2 : 4);
        samples = layer == 1 ? 384 : layer == 2 ? 1152 : mpeg1 ? 1152 : 576;
        frameLength = layer == 1
            ? (12 * bitrate / sampleRate + padding) * 4
            : samples / 8 * bitrate / sampleRate + padding;
        return frameLength > 4;
    }

    private static bool IsXingFrame(ReadOnlySpan<byte> frame) =>
        frame.IndexOf("Xing"u8) is >= 0 and < 64 || frame.IndexOf("Info"u8) is >= 0 and < 64 || frame.IndexOf("VBRI"u8) is >= 0 and < 64;
}
