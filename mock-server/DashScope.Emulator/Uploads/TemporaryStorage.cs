using DashScope.Emulator.Accounts;
using DashScope.Emulator.Media;
using DashScope.Emulator.Schema;
using DashScope.Toolkit.Description;
using Microsoft.AspNetCore.Http;

namespace DashScope.Emulator.Uploads;

/// <summary>
/// DashScope's temporary upload storage, emulated from the schema's <c>x-dashscope-uploads</c>: the policy call under
/// the API root, the object-storage form endpoint under the loopback-only admin prefix, and the resolution of
/// stored-file URLs for the media checks. An ASP.NET Core middleware before WireMock, because an upload's body is
/// binary multipart that must be read as a stream, not as WireMock's text.
/// </summary>
internal sealed class TemporaryStorage
{
    /// <summary>Where the emulator's object storage answers, under the admin prefix (loopback only).</summary>
    public const string StoragePath = LivePortraitEmulator.AdminPathPrefix + "oss";

    private readonly UploadsDescription _uploads;
    private readonly PolicyEndpoint _policy;
    private readonly FormUploadEndpoint _form;
    private readonly StorageAnswers _answers;

    public TemporaryStorage(UploadsDescription uploads, LivePortraitSchema schema, AccountRegistry accounts, EmulatorOptions options, byte[] secret)
    {
        RequireForm(uploads, schema);
        _uploads = uploads;
        var limits = UploadLimits.Create(uploads, options);
        Store = new UploadStore(options.TimeProvider, limits.FileLifetime);
        var signer = new PolicySigner(secret);
        _answers = new StorageAnswers(uploads, signer.AccessKeyId);
        _policy = new PolicyEndpoint(uploads, schema, accounts, Store, signer, limits, options);
        _form = new FormUploadEndpoint(uploads, Store, signer, _answers, options.TimeProvider, options.Fidelity.UploadCapacityExceeded);
        var refusal = options.Fidelity.StoredUrlWithoutResolve == StoredUrlWithoutResolveAnswer.InvalidParameterError400
            ? AlternativeOf(uploads, UploadError.ResolveNotEnabled)
            : uploads.Error(UploadError.ResolveNotEnabled);
        ResolveRefusal = new DashScopeError(refusal.Status ?? 400, refusal.Code, refusal.Message);
    }

    /// <summary>
    /// The answer to a stored-file URL sent without the resolve header: the schema's <c>resolveNotEnabled</c>, or its
    /// <c>resolveNotEnabledAlternative</c> under <see cref="StoredUrlWithoutResolveAnswer.InvalidParameterError400"/>.
    /// </summary>
    public DashScopeError ResolveRefusal { get; }

    public UploadStore Store { get; }

    /// <summary>
    /// The schema's other documented answer for <paramref name="role"/>: the entry whose key is the role's key with
    /// <c>Alternative</c> appended. The emulator writes no error of its own; a schema without the entry cannot run the switch.
    /// </summary>
    private static ErrorEntry AlternativeOf(UploadsDescription uploads, UploadError role)
    {
        var key = UploadRoles.KeyOf(role) + "Alternative";
        return uploads.Errors.FirstOrDefault(e => e.Key == key)
            ?? throw new SchemaDescriptionException(string.Empty, $"The schema's x-dashscope-uploads has no error entry '{key}', which {nameof(StoredUrlWithoutResolveAnswer)}.{nameof(StoredUrlWithoutResolveAnswer.InvalidParameterError400)} answers with.");
    }

    /// <summary>The description the storage runs on.</summary>
    public UploadsDescription Uploads => _uploads;

    /// <summary>Learns the server's root once it listens: the policies name the form endpoint under it.</summary>
    public void ServeFrom(Uri root) => _policy.PostTo(new Uri(root, StoragePath));

    public void Reset()
    {
        Store.Reset();
        _policy.Reset();
    }

    public Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        // Two ordinal comparisons per request: everything else goes on to WireMock untouched.
        var path = http.Request.Path.Value ?? "/";
        if (path.Equals(_policy.Path, StringComparison.Ordinal))
        {
            return _policy.HandleAsync(http);
        }

        if (path.StartsWith(StoragePath, StringComparison.Ordinal) && (path.Length == StoragePath.Length || path[StoragePath.Length] == '/'))
        {
            // Write-only: a stored object is never read back, listed or downloaded.
            return HttpMethods.IsPost(http.Request.Method) ? _form.HandleAsync(http) : _answers.XmlErrorAsync(http, UploadError.ReadDenied);
        }

        return next(http);
    }

    /// <summary>
    /// The stored file an <c>oss://</c> URL names, as a fetch result: absent, expired, another account's or
    /// another model's reads as a failed download, as an unreachable URL does.
    /// </summary>
    public FetchResult Fetch(string url, string accountId, string model, long? exclusiveMaxBytes)
    {
        if (Store.Find(_uploads.KeyOf(url), accountId, model) is not { } file)
        {
            return FetchResult.Failed(FetchFailure.DownloadFailed);
        }

        return exclusiveMaxBytes is { } max && file.Content.Length >= max
            ? FetchResult.Failed(FetchFailure.TooLarge)
            : new FetchResult(file.Content, file.Info.Value, null);
    }

    /// <summary>True when the request asks the service to resolve stored-file URLs.</summary>
    public bool ResolveEnabled(Func<string, string?> header) =>
        string.Equals(header(_uploads.ResolveHeader.Name), _uploads.ResolveHeader.Value, StringComparison.OrdinalIgnoreCase);

    /// <summary>Fails the start when the form lacks a field the endpoint reads, or the schema an error it answers, naming it.</summary>
    private static void RequireForm(UploadsDescription uploads, LivePortraitSchema schema)
    {
        var file = schema.Description.SchemaFileName;
        foreach (var field in new[] { UploadPolicyField.Policy, UploadPolicyField.Signature, UploadPolicyField.AccessKeyId, UploadPolicyField.ObjectAcl, UploadPolicyField.ForbidOverwrite })
        {
            _ = uploads.Form.Carrying(field) ?? throw new SchemaDescriptionException(file, $"The schema '{file}' x-dashscope-uploads.form has no field whose value is {{{UploadRoles.KeyOf(field)}}}; the emulator's form endpoint reads it.");
        }

        _ = uploads.Form.KeyField ?? throw new SchemaDescriptionException(file, $"The schema '{file}' x-dashscope-uploads.form has no key field (a value starting with {{uploadDir}}/).");
        foreach (var error in Enum.GetValues<UploadError>())
        {
            _ = uploads.Error(error);
        }
    }
}
