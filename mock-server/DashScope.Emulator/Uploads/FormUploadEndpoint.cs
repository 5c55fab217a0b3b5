using DashScope.Toolkit.Description;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace DashScope.Emulator.Uploads;

/// <summary>
/// The object-storage form upload the policy points at. Every field before the file is read and checked before a
/// byte of the file is kept: the required fields, the signature, the expiry on the emulator clock, the key's prefix
/// and the fixed fields; then the file against the size range; then that nothing follows it. Only a form that passes
/// everything is stored, whole, so a refused upload leaves nothing behind and uses no capacity.
/// </summary>
internal sealed class FormUploadEndpoint
{
    private readonly UploadFormDescription _form;
    private readonly UploadStore _store;
    private readonly PolicySigner _signer;
    private readonly StorageAnswers _answers;
    private readonly TimeProvider _time;

    // The status a capacity refusal answers instead of the schema's; null keeps the schema's.
    private readonly int? _capacityStatus;

    public FormUploadEndpoint(UploadsDescription uploads, UploadStore store, PolicySigner signer, StorageAnswers answers, TimeProvider time, UploadCapacityStatus capacityStatus = UploadCapacityStatus.Forbidden403)
    {
        _capacityStatus = capacityStatus == UploadCapacityStatus.TooManyRequests429 ? 429 : null;
        _form = uploads.Form;
        _store = store;
        _signer = signer;
        _answers = answers;
        _time = time;
    }

    public async Task HandleAsync(HttpContext http)
    {
        var boundary = MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type) && type.MediaType.Equals(_form.ContentType, StringComparison.OrdinalIgnoreCase)
            ? HeaderUtilities.RemoveQuotes(type.Boundary).Value
            : null;
        if (string.IsNullOrEmpty(boundary))
        {
            await _answers.XmlErrorAsync(http, UploadError.MissingField, _form.FileField.Name).ConfigureAwait(false);
            return;
        }

        // Object storage reads form field names without regard to case.
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var reader = new MultipartReader(boundary, http.Request.Body) { BodyLengthLimit = null };
        Accepted? accepted = null;
        byte[]? file = null;
        while (await reader.ReadNextSectionAsync(http.RequestAborted).ConfigureAwait(false) is { } section)
        {
            if (file is not null)
            {
                await _answers.XmlErrorAsync(http, UploadError.FileNotLast).ConfigureAwait(false);
                return;
            }

            var disposition = section.GetContentDispositionHeader();
            var name = HeaderUtilities.RemoveQuotes(disposition?.Name ?? default).Value ?? string.Empty;
            if (!name.Equals(_form.FileField.Name, StringComparison.OrdinalIgnoreCase))
            {
                fields[name] = await section.ReadAsStringAsync(http.RequestAborted).ConfigureAwait(false);
                continue;
            }

            (accepted, var refusal) = Check(fields);
            if (accepted is null)
            {
                await _answers.XmlErrorAsync(http, refusal.Error, refusal.Detail).ConfigureAwait(false);
                return;
            }

            file = await ReadLimitedAsync(section.Body, accepted.Policy.MaxBytes, http.RequestAborted).ConfigureAwait(false);
            if (file is null)
            {
                await _answers.XmlErrorAsync(http, UploadError.EntityTooLarge).ConfigureAwait(false);
                return;
            }
        }

        if (file is null || accepted is null)
        {
            await _answers.XmlErrorAsync(http, UploadError.MissingField, _form.FileField.Name).ConfigureAwait(false);
            return;
        }

        var outcome = _store.TryStore(accepted.Key, accepted.Owner, file, accepted.Policy.ForbidOverwrite == "true");
        if (outcome != StoreOutcome.Stored)
        {
            await (outcome == StoreOutcome.KeyTaken
                ? _answers.XmlErrorAsync(http, UploadError.FileAlreadyExists)
                : _answers.XmlErrorAsync(http, UploadError.CapacityExceeded, status: _capacityStatus)).ConfigureAwait(false);
            return;
        }

        await StorageAnswers.EmptyAsync(http, SuccessStatus(fields)).ConfigureAwait(false);
    }

    /// <summary>
    /// The fields before the file, accepted with the policy they carry and the directory's owner; or, when a rule
    /// is broken, null and the first broken rule in object storage's order. The policy is read once.
    /// </summary>
    private (Accepted? Accepted, (UploadError Error, string? Detail) Refusal) Check(Dictionary<string, string> fields)
    {
        foreach (var field in _form.Fields.Where(f => f.Required && !f.IsFile))
        {
            if (!fields.TryGetValue(field.Name, out var value) || value.Length == 0)
            {
                return (null, (UploadError.MissingField, field.Name));
            }
        }

        var base64 = fields[FieldName(UploadPolicyField.Policy)];
        if (!_signer.Verify(base64, fields[FieldName(UploadPolicyField.Signature)]) || fields[FieldName(UploadPolicyField.AccessKeyId)] != _signer.AccessKeyId)
        {
            return (null, (UploadError.SignatureMismatch, null));
        }

        if (PolicyDocument.TryRead(base64) is not { } policy)
        {
            return (null, (UploadError.MissingField, FieldName(UploadPolicyField.Policy)));
        }

        if (_time.GetUtcNow() >= policy.Expiration || !_store.TryFindDirectory(policy.KeyPrefix, out var owner))
        {
            return (null, (UploadError.PolicyExpired, null));
        }

        var key = fields[_form.KeyField!.Name];
        if (!key.StartsWith(policy.KeyPrefix + "/", StringComparison.Ordinal))
        {
            return (null, (UploadError.ConditionFailed, policy.KeyCondition));
        }

        foreach (var (field, expected) in new[] { (UploadPolicyField.ObjectAcl, policy.ObjectAcl), (UploadPolicyField.ForbidOverwrite, policy.ForbidOverwrite) })
        {
            if (fields[FieldName(field)] != expected)
            {
                return (null, (UploadError.ConditionFailed, PolicyDocument.EqualsCondition(FieldName(field), expected)));
            }
        }

        return (new Accepted(policy, key, owner), default);
    }

    private int SuccessStatus(Dictionary<string, string> fields) =>
        _form.SuccessStatusField is { } name && fields.TryGetValue(name, out var asked) && asked is "200" or "201" or "204"
            ? int.Parse(asked, System.Globalization.CultureInfo.InvariantCulture)
            : 204;

    private string FieldName(UploadPolicyField field) => _form.Carrying(field)!.Name;

    /// <summary>The stream's bytes, or null as soon as they pass <paramref name="maxBytes"/> (the rest is never buffered).</summary>
    private static async Task<byte[]?> ReadLimitedAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    private sealed record Accepted(PolicyDocument Policy, string Key, IssuedDirectory Owner);
}
