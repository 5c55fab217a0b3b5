using System.Text.RegularExpressions;

namespace DashScope.Emulator.Tests.Recording;

/// <summary>What no cassette may contain: a key, or a signing parameter with a value other than "scrubbed".</summary>
internal static partial class CassetteSecrets
{
    public static IEnumerable<string> Find(string text, params string[] keys)
    {
        foreach (var key in keys.Where(k => !string.IsNullOrEmpty(k) && text.Contains(k, StringComparison.Ordinal)))
        {
            yield return "the key " + key;
        }

        foreach (Match match in SigningParameter().Matches(text))
        {
            if (match.Groups[2].Value != "scrubbed")
            {
                yield return match.Value;
            }
        }

        foreach (Match match in KeyLike().Matches(text))
        {
            yield return "something shaped like a key: " + match.Value;
        }
    }

    [GeneratedRegex("[?&](Signature|Expires|OSSAccessKeyId|security-token)=([^&\"\\s]*)", RegexOptions.IgnoreCase)]
    private static partial Regex SigningParameter();

    [GeneratedRegex(@"\bsk-[0-9a-f]{16,}\b")]
    private static partial Regex KeyLike();
}
