using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DashScope.Emulator.Accounts;
using DashScope.Emulator.Http;
using DashScope.Emulator.Limits;
using DashScope.Emulator.Schema;
using DashScope.Emulator.Validation;
using DashScope.Toolkit.Description;
using Microsoft.AspNetCore.Http;

namespace DashScope.Emulator.Uploads;

/// <summary>
/// The upload-policy call (<c>GET {base}/uploads?action=getPolicy&amp;model=…</c>): checks the key, the query and
/// the per-account-and-model rate limit, hands out an upload directory bound to the account and the model, and
/// answers a policy signed by the emulator, in <c>data</c> with the wire names the schema gives each field.
/// </summary>
internal sealed class PolicyEndpoint
{
    private const string DirectoryRoot = "dashscope-instant";
    private const long BytesPerMb = 1024 * 1024;

    private readonly UploadsDescription _uploads;
    private readonly LivePortraitSchema _schema;
    private readonly AccountRegistry _accounts;
    private readonly RateLimiter _limiter;
    private readonly UploadStore _store;
    private readonly PolicySigner _signer;
    private readonly UploadLimits _limits;
    private readonly TimeProvider _time;
    private readonly HashSet<string> _models;
    private readonly EmulatorEndpoint _limitKey = EmulatorEndpoint.Of("uploads.policy");
    private Uri _uploadHost = new("http://127.0.0.1/");

    public PolicyEndpoint(UploadsDescription uploads, LivePortraitSchema schema, AccountRegistry accounts, UploadStore store, PolicySigner signer, UploadLimits limits, EmulatorOptions options)
    {
        _uploads = uploads;
        _schema = schema;
        _accounts = accounts;
        _store = store;
        _signer = signer;
        _limits = limits;
        _time = options.TimeProvider;
        var perSecond = options.DisableRateLimits ? null : uploads.Policy.RateLimit?.RequestsPerSecond;
        _limiter = new RateLimiter(_time, _ => perSecond);
        // Joined once: the uploads middleware compares every request's path with it.
        Path = schema.BasePath + uploads.Policy.Path;
        _models = schema.Description.Operations.Select(o => o.Model).OfType<string>().ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The path this endpoint answers, under the API root.</summary>
    public string Path { get; }

    /// <summary>Where the form is posted (known once the server listens).</summary>
    public void PostTo(Uri uploadHost) => _uploadHost = uploadHost;

    public void Reset() => _limiter.Reset();

    public Task HandleAsync(HttpContext http)
    {
        var requestId = Uuid.NewText();
        if (!string.Equals(http.Request.Method, _uploads.Policy.Method, StringComparison.OrdinalIgnoreCase))
        {
            return Error(http, _schema.Error(ProtocolError.InvalidUrl) with { Status = 405 }, requestId);
        }

        var authorization = http.Request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            return Error(http, _schema.Error(ProtocolError.MissingApiKey), requestId);
        }

        // The same reading of the key as the API's header stage, and the same registry the account stage asks.
        if (RequestHeaderValidator.ApiKey(authorization) is not { } key || !_accounts.TryFind(key, out var accountId))
        {
            return Error(http, _schema.Error(ProtocolError.InvalidApiKey), requestId);
        }

        string? model = null;
        foreach (var parameter in _uploads.Policy.Query)
        {
            var value = http.Request.Query[parameter.Name].ToString();
            if (parameter.Value == UploadPolicyCallDescription.ModelPlaceholder)
            {
                model = value;
            }
            else if (value != parameter.Value)
            {
                return Error(http, _schema.Error(ProtocolError.InvalidParameter), requestId);
            }
        }

        if (string.IsNullOrEmpty(model))
        {
            return Error(http, _schema.Error(ProtocolError.EmptyModel), requestId);
        }

        if (!_models.Contains(model))
        {
            return Error(http, _schema.Error(ProtocolError.ModelNotFound), requestId);
        }

        // The schema counts this call per account and model, so each pair has a bucket of its own.
        if (!_limiter.TryAcquire(accountId + "\n" + model, _limitKey))
        {
            return Error(http, _schema.Error(ProtocolError.RateQuota), requestId);
        }

        return StorageAnswers.JsonAsync(http, 200, Issue(accountId, model, requestId));
    }

    private byte[] Issue(string accountId, string model, string requestId)
    {
        var now = _time.GetUtcNow();
        var lifetime = _limits.PolicyLifetime;
        var directory = string.Join('/', DirectoryRoot, AccountPart(accountId), now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Guid.NewGuid().ToString("N"));
        var policy = new PolicyDocument(now + lifetime, directory, _limits.MaxFileBytes, Fixed(UploadPolicyField.ObjectAcl, "private"), Fixed(UploadPolicyField.ForbidOverwrite, "true"));
        var base64 = policy.ToBase64();
        _store.Issue(directory, accountId, model, policy.Expiration, _limits.DailyCapacityBytes);
        return JsonBuffer.Write(0, (w, _) =>
        {
            w.WriteString(ProtocolFields.RequestId, requestId);
            w.WriteStartObject(_uploads.Policy.DataProperty);
            w.WriteString(Wire(UploadPolicyField.Policy), base64);
            w.WriteString(Wire(UploadPolicyField.Signature), _signer.Sign(base64));
            w.WriteString(Wire(UploadPolicyField.UploadDir), directory);
            w.WriteString(Wire(UploadPolicyField.UploadHost), _uploadHost.ToString().TrimEnd('/'));
            // Numbers, as the reference's example has them (its table says strings; readers accept both).
            w.WriteNumber(Wire(UploadPolicyField.ExpireInSeconds), (long)lifetime.TotalSeconds);
            w.WriteNumber(Wire(UploadPolicyField.MaxFileSizeMb), (_limits.MaxFileBytes + BytesPerMb - 1) / BytesPerMb);
            w.WriteNumber(Wire(UploadPolicyField.CapacityLimitMb), (_limits.DailyCapacityBytes + BytesPerMb - 1) / BytesPerMb);
            w.WriteString(Wire(UploadPolicyField.AccessKeyId), _signer.AccessKeyId);
            w.WriteString(Wire(UploadPolicyField.ObjectAcl), policy.ObjectAcl);
            w.WriteString(Wire(UploadPolicyField.ForbidOverwrite), policy.ForbidOverwrite);
            w.WriteEndObject();
        });
    }

    private string Wire(UploadPolicyField field) => _uploads.Policy.Field(field).WireName;

    private string Fixed(UploadPolicyField field, string fallback) => _uploads.Policy.Field(field).Value ?? fallback;

    /// <summary>A stable, opaque directory segment per account, as the service's own ids are.</summary>
    private static string AccountPart(string accountId) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(accountId)))[..16].ToLowerInvariant();

    private Task Error(HttpContext http, DashScopeError error, string requestId) => StorageAnswers.JsonAsync(http, error.Status, DashScopeJson.ErrorBody(error, requestId));
}
