using System.Buffers.Binary;
using System.IO.Hashing;
using System.IO.Compression;
using System.Text;

namespace DashScope.Testing;

/// <summary>
/// Shared by the emulator and end-to-end tests (linked into both projects).
/// Real media files built in memory, so a test can serve an image of any size or a speech track of any
/// length from the emulator and let its media checks measure them.
/// </summary>
public static class MediaFiles
{
    /// <summary>A valid 8-bit grayscale PNG of the given size (all black).</summary>
    public static byte[] Png(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(0), width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 0; // grayscale
        WriteChunk(png, "IHDR", header);

        using (var pixels = new MemoryStream())
        {
            using (var zlib = new ZLibStream(pixels, CompressionLevel.Fastest, leaveOpen: true))
            {
                var row = new byte[width + 1]; // filter byte 0, then the row's samples
                for (var y = 0; y < height; y++)
                {
                    zlib.Write(row);
                }
            }

            WriteChunk(png, "IDAT", pixels.ToArray());
        }

        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A PCM WAV file (8 kHz, mono, 16 bit) of silence lasting <paramref name="seconds"/>.</summary>
    public static byte[] Wav(double seconds)
    {
        const int sampleRate = 8000;
        const short channels = 1;
        const short bitsPerSample = 16;
        var dataBytes = (int)Math.Round(seconds * sampleRate) * channels * bitsPerSample / 8;
        var wav = new byte[44 + dataBytes];
        var span = wav.AsSpan();
        Encoding.ASCII.GetBytes("RIFF").CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + dataBytes);
        Encoding.ASCII.GetBytes("WAVEfmt ").CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], channels);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * channels * bitsPerSample / 8);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], (short)(channels * bitsPerSample / 8));
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], bitsPerSample);
        Encoding.ASCII.GetBytes("data").CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], dataBytes);
        return wav;
    }

    /// <summary>The header of a GIF: a real format, but not one LivePortrait takes.</summary>
    public static byte[] Gif() =>
        [.. "GIF89a"u8, 0x10, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x2C, 0, 0, 0, 0, 0x10, 0, 0x10, 0, 0, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B];

    /// <summary>True when the bytes are an ISO base media file (MP4): an <c>ftyp</c> box first, with an MP4 brand.</summary>
    public static bool IsMp4(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 16 || !bytes.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            return false;
        }

        var boxSize = BinaryPrimitives.ReadInt32BigEndian(bytes);
        if (boxSize < 16 || boxSize > bytes.Length)
        {
            return false;
        }

        // The major brand and the compatible brands: an MP4 names at least one of these.
        string[] mp4Brands = ["isom", "iso2", "mp41", "mp42", "avc1", "M4V "];
        for (var offset = 8; offset + 4 <= boxSize; offset += offset == 8 ? 8 : 4)
        {
            if (mp4Brands.Contains(Encoding.ASCII.GetString(bytes.Slice(offset, 4))))
            {
                return true;
            }
        }

        return false;
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typeAndData = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type).CopyTo(typeAndData, 0);
        data.CopyTo(typeAndData, 4);
        png.Write(typeAndData);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.HashToUInt32(typeAndData));
        png.Write(crc);
    }
}
