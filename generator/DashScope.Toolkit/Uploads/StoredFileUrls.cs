using System.Text;
using System.Text.Json;

namespace DashScope.Toolkit;

/// <summary>Finds stored-file URLs in a request body, so the transport can add the resolve header to any request that holds one.</summary>
internal static class StoredFileUrls
{
    /// <summary>True when some string value of the JSON <paramref name="payload"/> starts with <paramref name="prefix"/>.</summary>
    public static bool Occur(ReadOnlySpan<byte> payload, string prefix)
    {
        Span<byte> prefixBytes = stackalloc byte[Encoding.UTF8.GetMaxByteCount(prefix.Length)];
        prefixBytes = prefixBytes[..Encoding.UTF8.GetBytes(prefix, prefixBytes)];
        // Cheap refusal first: most bodies hold no such URL at all.
        if (payload.IndexOf(prefixBytes) < 0) { return false; }
        var reader = new Utf8JsonReader(payload);
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.String) { continue; }
            var starts = reader.ValueIsEscaped
                ? reader.GetString()!.StartsWith(prefix, StringComparison.Ordinal)
                : reader.ValueSpan.StartsWith(prefixBytes);
            if (starts) { return true; }
        }
        return false;
    }
}
