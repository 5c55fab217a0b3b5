namespace DashScope.Emulator.Http;

/// <summary>
/// Random (version 4) UUIDs for request and task ids. <see cref="Guid.NewGuid"/> asks the kernel for
/// cryptographic randomness on every call (a system call on Linux, about as costly as the rest of a poll's
/// own work); these ids need to be unique and look like the service's, not to be secret, so they come from
/// <see cref="Random.Shared"/> (xoshiro256**, seeded from the OS, one state per thread). Same format:
/// version nibble 4, RFC 4122 variant.
/// </summary>
internal static class Uuid
{
    public static string NewText() => New().ToString();

    /// <summary>A new id as a value; its text is <see cref="Guid.ToString()"/> (lowercase, hyphenated).</summary>
    public static Guid New()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);

        // Guid's byte layout keeps the version in the high nibble of byte 7 and the variant in byte 8.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>
    /// The id <paramref name="text"/> spells, only when it is exactly the text <see cref="Guid.ToString()"/> gives
    /// back (lowercase, hyphenated), so that an id read back as text is the same string: task ids are compared ordinally.
    /// </summary>
    public static bool TryParseExact(string? text, out Guid id)
    {
        if (text is null || text.Length != 36 || !Guid.TryParseExact(text, "D", out id))
        {
            id = default;
            return false;
        }

        foreach (var c in text)
        {
            if (c is >= 'A' and <= 'F')
            {
                id = default;
                return false;
            }
        }

        return true;
    }
}
