using System;
using System.Linq;

namespace DashScope.Toolkit.Description;

/// <summary>
/// DashScope's temporary upload storage as <c>x-dashscope-uploads</c> describes it: the call that hands out a
/// signed upload policy, the object-storage form a file is posted with, the <c>oss://</c> URL that names the
/// stored file, the header that makes the service resolve it, the storage's rules and its errors.
/// </summary>
/// <param name="Description">What the storage is, in the schema's words.</param>
/// <param name="Region">The only region that offers it.</param>
/// <param name="Purpose">What it may be used for (development and testing).</param>
/// <param name="Policy">The upload-policy call.</param>
/// <param name="Form">The form upload.</param>
/// <param name="UrlTemplate">How a stored file is named in a request, e.g. <c>oss://{key}</c>.</param>
/// <param name="ResolveHeader">The header a request with such URLs must carry.</param>
/// <param name="Rules">Life time, binding and limits of a stored file.</param>
/// <param name="Errors">DashScope envelope errors about stored files (<c>errors</c>), in schema order.</param>
/// <param name="StorageErrors">The object-storage XML errors of the form upload (<c>storageErrors</c>), in schema order.</param>
public sealed record UploadsDescription(
    string? Description,
    string? Region,
    string? Purpose,
    UploadPolicyCallDescription Policy,
    UploadFormDescription Form,
    string UrlTemplate,
    UploadHeaderDescription ResolveHeader,
    UploadRulesDescription Rules,
    EquatableArray<ErrorEntry> Errors,
    EquatableArray<ErrorEntry> StorageErrors)
{
    /// <summary>The placeholder of <see cref="UrlTemplate"/> that stands for the uploaded key.</summary>
    public const string KeyPlaceholder = "{key}";

    /// <summary>What every stored-file URL starts with: <see cref="UrlTemplate"/> up to the key, e.g. <c>oss://</c>.</summary>
    public string UrlPrefix => UrlTemplate.Substring(0, UrlTemplate.IndexOf(KeyPlaceholder, StringComparison.Ordinal));

    /// <summary>True when <paramref name="url"/> names a stored file (starts with <see cref="UrlPrefix"/>).</summary>
    /// <param name="url">A media URL of a request.</param>
    public bool IsStoredFileUrl(string? url) => url is not null && url.StartsWith(UrlPrefix, StringComparison.Ordinal);

    /// <summary>The URL that names the file stored under <paramref name="key"/>.</summary>
    /// <param name="key">An uploaded key.</param>
    public string UrlOf(string key) => UrlTemplate.Replace(KeyPlaceholder, key);

    /// <summary>The key a stored-file URL names (what follows <see cref="UrlPrefix"/>).</summary>
    /// <param name="url">A URL for which <see cref="IsStoredFileUrl"/> is true.</param>
    public string KeyOf(string url) => url.Substring(UrlPrefix.Length);

    /// <summary>The entry of <paramref name="error"/>, from <see cref="Errors"/> or <see cref="StorageErrors"/>.</summary>
    /// <param name="error">The role.</param>
    /// <exception cref="SchemaDescriptionException">The schema lacks the role's key.</exception>
    public ErrorEntry Error(UploadError error)
    {
        var key = UploadRoles.KeyOf(error);
        return Errors.Concat(StorageErrors).FirstOrDefault(e => e.Key == key)
            ?? throw new SchemaDescriptionException(string.Empty, $"The schema's x-dashscope-uploads has no error entry '{key}'.");
    }
}

/// <summary>A header with the one value the service expects.</summary>
/// <param name="Name">The header's name.</param>
/// <param name="Value">Its value.</param>
public sealed record UploadHeaderDescription(string Name, string Value);

/// <summary>The rules of a stored file (<c>x-dashscope-uploads.rules</c>).</summary>
/// <param name="FileLifetimeHours">How long after its upload a file can be used.</param>
/// <param name="BoundTo">What a file is bound to: <c>model</c> (only the model named at upload may use it), <c>account</c> (any key of the uploading account, no other account).</param>
/// <param name="MaxFileSize">The policy field that limits one file's size.</param>
/// <param name="DailyCapacity">The policy field that gives the account's daily upload quota.</param>
/// <param name="WriteOnly">True when a stored file is never listed, queried or downloaded.</param>
public sealed record UploadRulesDescription(
    double FileLifetimeHours,
    EquatableArray<string> BoundTo,
    UploadPolicyField MaxFileSize,
    UploadPolicyField DailyCapacity,
    bool WriteOnly)
{
    /// <summary>The binding to the model named at upload.</summary>
    public const string Model = "model";

    /// <summary>The binding to the uploading account.</summary>
    public const string Account = "account";
}
