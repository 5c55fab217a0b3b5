using System.ComponentModel;

namespace DashScope.Toolkit;

/// <summary>The fields of an upload policy, by what they do; <see cref="DashScopeUploadProtocol.PolicyFieldNames"/> gives each one's wire name.</summary>
public enum DashScopeUploadPolicyField
{
    /// <summary>The base64 policy document the form sends back.</summary>
    Policy,

    /// <summary>The policy's signature.</summary>
    Signature,

    /// <summary>The prefix every uploaded key starts with.</summary>
    UploadDir,

    /// <summary>Where the form is posted.</summary>
    UploadHost,

    /// <summary>How long the policy can be used, in seconds.</summary>
    ExpireInSeconds,

    /// <summary>The largest file, in MB.</summary>
    MaxFileSizeMb,

    /// <summary>The account's daily quota, in MB.</summary>
    CapacityLimitMb,

    /// <summary>The storage access key id the form sends back.</summary>
    AccessKeyId,

    /// <summary>The object ACL the form must send.</summary>
    ObjectAcl,

    /// <summary>Whether an existing key may be replaced.</summary>
    ForbidOverwrite,
}

/// <summary>
/// DashScope's temporary upload storage as the endpoint's schema describes it: the policy call, the form a file
/// is posted with, the URL that names a stored file, the header that makes the service read it, and the media
/// rules each model's URLs keep. Generated clients state it in <see cref="DashScopeServiceDescription.Uploads"/>;
/// <see cref="DashScopeUploader"/> follows it and knows no field name of its own.
/// </summary>
/// <param name="PolicyMethod">The policy call's HTTP method (GET).</param>
/// <param name="PolicyPath">The policy call's path under the API root.</param>
/// <param name="PolicyQuery">Its query parameters in order; a value of <see cref="ModelPlaceholder"/> stands for the model.</param>
/// <param name="PolicyDataProperty">The answer's property that holds the policy.</param>
/// <param name="PolicyFieldNames">The wire name of each policy field inside that property.</param>
/// <param name="FormFields">The upload form's fields in the order they are sent; the file comes last.</param>
/// <param name="UrlTemplate">How a stored file is named in a request, e.g. <c>oss://{key}</c>.</param>
/// <param name="ResolveHeaderName">The header a request with stored-file URLs carries.</param>
/// <param name="ResolveHeaderValue">That header's value.</param>
/// <param name="FileLifetime">How long after its upload a stored file can be used.</param>
/// <param name="MediaRules">The media URLs of every operation, with the content each one accepts.</param>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public sealed record DashScopeUploadProtocol(
    string PolicyMethod,
    string PolicyPath,
    IReadOnlyList<KeyValuePair<string, string>> PolicyQuery,
    string PolicyDataProperty,
    IReadOnlyDictionary<DashScopeUploadPolicyField, string> PolicyFieldNames,
    IReadOnlyList<DashScopeUploadFormField> FormFields,
    string UrlTemplate,
    string ResolveHeaderName,
    string ResolveHeaderValue,
    TimeSpan FileLifetime,
    IReadOnlyList<DashScopeMediaRule> MediaRules)
{
    /// <summary>The policy query value that stands for the model.</summary>
    public const string ModelPlaceholder = "{model}";

    /// <summary>The URL template's placeholder for the stored key.</summary>
    public const string KeyPlaceholder = "{key}";

    /// <summary>What every stored-file URL starts with, e.g. <c>oss://</c>.</summary>
    public string UrlPrefix => UrlTemplate[..UrlTemplate.IndexOf(KeyPlaceholder, StringComparison.Ordinal)];

    /// <summary>True when <paramref name="url"/> names a stored file.</summary>
    /// <param name="url">A media URL.</param>
    public bool IsStoredFileUrl(string? url) => url is not null && url.StartsWith(UrlPrefix, StringComparison.Ordinal);

    /// <summary>The URL that names the file stored under <paramref name="key"/>.</summary>
    /// <param name="key">An uploaded key.</param>
    public string UrlOf(string key) => UrlTemplate.Replace(KeyPlaceholder, key, StringComparison.Ordinal);

    /// <summary>The models whose requests take media URLs, in schema order.</summary>
    public IEnumerable<string> Models => MediaRules.Select(r => r.Model).Distinct(StringComparer.Ordinal);

    /// <summary>The path and query of the policy call for <paramref name="model"/>.</summary>
    /// <param name="model">The model the files are for.</param>
    public string PolicyPathAndQuery(string model) =>
        PolicyPath + "?" + string.Join("&", PolicyQuery.Select(p =>
            Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value == ModelPlaceholder ? model : p.Value)));
}

/// <summary>One field of the upload form.</summary>
/// <param name="Name">The field's name.</param>
/// <param name="Value">Its value as a template over the policy fields (<c>{policy}</c>, <c>{uploadDir}</c>…), <c>{fileName}</c> and <c>{contentType}</c>; null for the file.</param>
/// <param name="Required">False for a field a client may leave out.</param>
/// <param name="IsFile">True for the field that carries the file's bytes.</param>
public sealed record DashScopeUploadFormField(string Name, string? Value, bool Required, bool IsFile)
{
    /// <summary>The placeholder for the stored file's name.</summary>
    public const string FileNamePlaceholder = "{fileName}";

    /// <summary>The placeholder for the file's media type.</summary>
    public const string ContentTypePlaceholder = "{contentType}";
}

/// <summary>The content one media URL of a request accepts.</summary>
/// <param name="Model">The model of the operation whose request holds the URL.</param>
/// <param name="FieldPath">The URL's dotted wire path in the request, e.g. <c>input.image_url</c>.</param>
/// <param name="Kind">What it points at: <c>image</c> or <c>audio</c>.</param>
/// <param name="Formats">The accepted formats, lower case (<c>png</c>, <c>mp3</c>).</param>
/// <param name="ExclusiveMaxBytes">Files must be strictly smaller than this, when the schema says so.</param>
public sealed record DashScopeMediaRule(string Model, string FieldPath, string Kind, IReadOnlyList<string> Formats, long? ExclusiveMaxBytes);
