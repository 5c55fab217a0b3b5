using System.Buffers.Binary;

namespace DashScope.Emulator.Media;

/// <summary>
/// Reads the duration of a RIFF/WAVE file from its <c>fmt </c> and <c>data</c> chunks.
/// MetadataExtractor recognises WAV and reads the format chunk, but it does not report the size of the
/// data chunk, and the duration needs both; walking the chunk list is a few lines and needs no decoder.
/// </summary>
internal static class WaveDuration
{
    public static double? Read(ReadOnlySpan<byte> file)
    {
        if (file.Length < 12 || !file[..4].SequenceEqual("RIFF"u8) || !file.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            return null;
        }

        uint? byteRate = null;
        long? dataSize = null;
        var offset = 12;
        while (offset + 8 <= file.Length)
        {
            var id = file.Slice(offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(file.Slice(offset + 4, 4));
            var body = offset + 8;
            if (id.SequenceEqual("fmt "u8) && body + 12 <= file.Length)
            {
                byteRate = BinaryPrimitives.ReadUInt32LittleEndian(file.Slice(body + 8, 4));
            }
            else if (id.SequenceEqual("data"u8))
            {
                // A streamed WAV may leave the size at 0 or 0xFFFFFFFF; the bytes present are then the truth.
                var present = file.Length - body;
                dataSize = size == 0 || size > present ? present : size;
                break;
            }

            // Chunks are word aligned: an odd size is followed by one pad byte.
            offset = body + (int)Math.Min(size + (size & 1), int.MaxValue - body);
        }

        return byteRate is > 0 && dataSize is not null ? dataSize.Value / (double)byteRate.Value : null;
    }
}
