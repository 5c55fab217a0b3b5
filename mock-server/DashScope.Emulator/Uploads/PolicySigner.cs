using System.Security.Cryptography;
using System.Text;

namespace DashScope.Emulator.Uploads;

/// <summary>
/// Signs upload policies the way object storage's form upload (signature version 1) does: HMAC-SHA1 with the
/// access key secret over the base64 policy text, in base64. The secret is the emulator's own, made per
/// instance, so a policy of one emulator is refused by another.
/// </summary>
internal sealed class PolicySigner
{
    private readonly byte[] _secret;

    public PolicySigner(byte[] secret)
    {
        _secret = secret;
        AccessKeyId = "LTAI" + Convert.ToHexString(SHA256.HashData(secret))[..16];
    }

    /// <summary>The access key id the policies name (derived from the secret, so it says which emulator signed).</summary>
    public string AccessKeyId { get; }

    public string Sign(string base64Policy) =>
        Convert.ToBase64String(HMACSHA1.HashData(_secret, Encoding.ASCII.GetBytes(base64Policy)));

    /// <summary>True when <paramref name="signature"/> is this signer's signature of <paramref name="base64Policy"/>; compared in constant time.</summary>
    public bool Verify(string base64Policy, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(base64Policy)), Encoding.ASCII.GetBytes(signature));
}
