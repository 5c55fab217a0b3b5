using System.Text.Json.Nodes;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Recording;

/// <summary>
/// Removes secrets before anything reaches a cassette: the <c>Authorization</c> value (only its scheme is kept), the
/// signing parameters of result and upload links, the upload policy's signature, policy document and access key id
/// (named by the description's upload fields), and any echo of the key itself.
/// </summary>
internal sealed class CassetteScrubber
{
    /// <summary>What a scrubbed value reads in a cassette.</summary>
    public const string Scrubbed = "scrubbed";

    // Object-storage link parameters that sign or identify the signer; the schema does not describe links' queries.
    private static readonly string[] LinkSecrets = ["Signature", "Expires", "OSSAccessKeyId", "security-token"];

    private readonly HashSet<string> _policySecretFields;
    private readonly HashSet<string> _formSecretFields;
    private readonly string? _policyData;

    public CassetteScrubber(UploadsDescription? uploads)
    {
        var secrets = new[] { UploadPolicyField.Policy, UploadPolicyField.Signature, UploadPolicyField.AccessKeyId };
        _policySecretFields = uploads is null ? [] : secrets.Select(f => uploads.Policy.Field(f).WireName).ToHashSet(StringComparer.Ordinal);
        _formSecretFields = uploads is null ? [] : secrets.Select(f => uploads.Form.Carrying(f)?.Name).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        _policyData = uploads?.Policy.DataProperty;
    }

    /// <summary>The list a cassette carries in its <c>scrubbed</c> field.</summary>
    public IReadOnlyList<string> Summary =>
    [
        "Authorization header values (the scheme is kept)",
        "link query parameters: " + string.Join(", ", LinkSecrets),
        "upload policy fields: " + string.Join(", ", _policySecretFields.Order(StringComparer.Ordinal)),
        "upload form fields: " + string.Join(", ", _formSecretFields.Order(StringComparer.OrdinalIgnoreCase)),
        "any text equal to the key that was sent",
    ];

    /// <summary>A JSON body with every secret replaced; <paramref name="isPolicy"/> marks the upload policy's answer.</summary>
    public JsonNode? Json(JsonNode? body, string? key, bool isPolicy = false)
    {
        if (body is null)
        {
            return null;
        }

        var copy = body.DeepClone();
        if (isPolicy && _policyData is not null && copy[_policyData] is JsonObject data)
        {
            foreach (var name in _policySecretFields.Where(data.ContainsKey))
            {
                data[name] = Scrubbed;
            }
        }

        return JsonStrings.Rewrite(copy, text => Text(text, key)!);
    }

    /// <summary>A form field's value, scrubbed when the description says it carries the policy, its signature or the access key id.</summary>
    public string? FormValue(string name, string? value, string? key) =>
        _formSecretFields.Contains(name) ? Scrubbed : Text(value, key);

    /// <summary>Text with links' signing parameters and the key replaced.</summary>
    public string? Text(string? text, string? key)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        if (!string.IsNullOrEmpty(key))
        {
            text = text.Replace(key, Scrubbed, StringComparison.Ordinal);
        }

        return text.Contains('?', StringComparison.Ordinal) && text.Contains("://", StringComparison.Ordinal) ? ScrubLinks(text) : text;
    }

    // Replaces the value of each signing parameter in every query string of the text, leaving the rest as it was.
    private static string ScrubLinks(string text)
    {
        foreach (var name in LinkSecrets)
        {
            var start = 0;
            while ((start = IndexOfParameter(text, name, start)) >= 0)
            {
                var valueStart = start + name.Length + 1;
                var valueEnd = valueStart;
                while (valueEnd < text.Length && text[valueEnd] is not ('&' or '#' or '"' or ' ' or '\n' or '<'))
                {
                    valueEnd++;
                }

                text = string.Concat(text.AsSpan(0, valueStart), Scrubbed, text.AsSpan(valueEnd));
                start = valueStart + Scrubbed.Length;
            }
        }

        return text;
    }

    private static int IndexOfParameter(string text, string name, int from)
    {
        for (var i = text.IndexOf(name + "=", from, StringComparison.OrdinalIgnoreCase); i >= 0; i = text.IndexOf(name + "=", i + 1, StringComparison.OrdinalIgnoreCase))
        {
            if (i > 0 && text[i - 1] is '?' or '&' or ';')
            {
                return i;
            }
        }

        return -1;
    }
}
