using System.Buffers.Binary;
using System.Text;

namespace DashScope.Emulator.Tests.Support;

/// <summary>Small media files built in memory, for the cases the shipped samples do not cover.</summary>
internal static class TestMedia
{
    /// <summary>A PNG that declares the given size (IHDR + IEND with correct CRCs; readers of metadata need no pixels).</summary>
    public static byte[] PngHeader(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // truecolour
        WriteChunk(png, "IHDR", ihdr);
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A PCM WAV of silence: 8 kHz, 8-bit, mono.</summary>
    public static byte[] SilentWav(double seconds)
    {
        const int rate = 8000;
        var samples = (int)(seconds * rate);
        var wav = new byte[44 + samples];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(wav, 0);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(4), 36 + samples);
        Encoding.ASCII.GetBytes("WAVEfmt ").CopyTo(wav, 8);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), rate);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(28), rate);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(32), 1);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), 8);
        Encoding.ASCII.GetBytes("data").CopyTo(wav, 36);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(40), samples);
        wav.AsSpan(44).Fill(0x80);
        return wav;
    }

    /// <summary>The header of a GIF: a real format, but not one LivePortrait takes.</summary>
    public static byte[] Gif() =>
        [.. "GIF89a"u8, 0x10, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x2C, 0, 0, 0, 0, 0x10, 0, 0x10, 0, 0, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B];

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        stream.Write(typeAndData);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        stream.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
