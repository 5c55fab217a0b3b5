using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DashScope.Emulator.Uploads;

/// <summary>
/// An object-storage POST policy: its expiry and the conditions a form must meet, written and read as the base64
/// JSON document object storage uses (<c>expiration</c>, <c>["starts-with","$key",…]</c>,
/// <c>["content-length-range",0,max]</c>, <c>{"x-oss-object-acl":…}</c>, <c>{"x-oss-forbid-overwrite":…}</c>).
/// </summary>
/// <param name="Expiration">When the policy stops being usable.</param>
/// <param name="KeyPrefix">What every key must start with (the upload directory).</param>
/// <param name="MaxBytes">The largest file.</param>
/// <param name="ObjectAcl">The object ACL the form must send.</param>
/// <param name="ForbidOverwrite">The overwrite switch the form must send.</param>
internal sealed record PolicyDocument(DateTimeOffset Expiration, string KeyPrefix, long MaxBytes, string ObjectAcl, string ForbidOverwrite)
{
    public const string AclField = "x-oss-object-acl";
    public const string ForbidOverwriteField = "x-oss-forbid-overwrite";

    private const string ExpirationFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>The condition a key outside the upload directory breaks, as object storage quotes it.</summary>
    public string KeyCondition => $"[\"starts-with\", \"$key\", \"{KeyPrefix}\"]";

    public string ToBase64()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("expiration", Expiration.UtcDateTime.ToString(ExpirationFormat, CultureInfo.InvariantCulture));
            json.WriteStartArray("conditions");
            json.WriteStartArray();
            json.WriteStringValue("starts-with");
            json.WriteStringValue("$key");
            json.WriteStringValue(KeyPrefix);
            json.WriteEndArray();
            json.WriteStartArray();
            json.WriteStringValue("content-length-range");
            json.WriteNumberValue(0);
            json.WriteNumberValue(MaxBytes);
            json.WriteEndArray();
            WriteEquals(json, AclField, ObjectAcl);
            WriteEquals(json, ForbidOverwriteField, ForbidOverwrite);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Convert.ToBase64String(buffer.ToArray());
    }

    /// <summary>Reads a policy this emulator wrote; null when the text is not one (its signature was checked first).</summary>
    public static PolicyDocument? TryRead(string base64)
    {
        try
        {
            using var document = JsonDocument.Parse(Convert.FromBase64String(base64));
            var root = document.RootElement;
            var expiration = DateTimeOffset.ParseExact(root.GetProperty("expiration").GetString()!, ExpirationFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            string? prefix = null, acl = null, overwrite = null;
            long? max = null;
            foreach (var condition in root.GetProperty("conditions").EnumerateArray())
            {
                if (condition.ValueKind == JsonValueKind.Array && condition[0].GetString() == "starts-with")
                {
                    prefix = condition[2].GetString();
                }
                else if (condition.ValueKind == JsonValueKind.Array && condition[0].GetString() == "content-length-range")
                {
                    max = condition[2].GetInt64();
                }
                else if (condition.ValueKind == JsonValueKind.Object)
                {
                    acl ??= condition.TryGetProperty(AclField, out var a) ? a.GetString() : null;
                    overwrite ??= condition.TryGetProperty(ForbidOverwriteField, out var o) ? o.GetString() : null;
                }
            }

            return prefix is null || max is null || acl is null || overwrite is null ? null : new PolicyDocument(expiration, prefix, max.Value, acl, overwrite);
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>The condition a field value breaks, as object storage quotes it.</summary>
    public static string EqualsCondition(string field, string value) => $"[\"eq\", \"${field}\", \"{value}\"]";

    private static void WriteEquals(Utf8JsonWriter json, string field, string value)
    {
        json.WriteStartObject();
        json.WriteString(field, value);
        json.WriteEndObject();
    }

    /// <summary>The policy text, for messages.</summary>
    public override string ToString() => Encoding.UTF8.GetString(Convert.FromBase64String(ToBase64()));
}
