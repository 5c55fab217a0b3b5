using System.Collections.Concurrent;
using System.ComponentModel;
using System.Net;

namespace DashScope.Toolkit;

/// <summary>
/// Uploads local files to DashScope's temporary storage the way the endpoint's schema describes it: asks for a
/// policy per model (reused for every file while it is valid, renewed before it expires), checks each file
/// before sending a byte of it, posts the form to the policy's upload host and answers the stored file's URL.
/// Generated clients own one and expose it as <c>UploadAsync</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public sealed class DashScopeUploader
{
    private readonly DashScopeTransport _transport;
    private readonly DashScopeUploadProtocol _protocol;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, PolicySlot> _slots = new(StringComparer.Ordinal);

    /// <summary>Creates an uploader that sends through <paramref name="transport"/>.</summary>
    /// <param name="transport">The client's transport: the policy call goes to the API with its key, the form to the upload host without it.</param>
    /// <param name="protocol">The storage protocol from the schema.</param>
    /// <param name="time">The clock that decides when a policy is too old to use.</param>
    public DashScopeUploader(DashScopeTransport transport, DashScopeUploadProtocol protocol, TimeProvider time)
    {
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
        _protocol = protocol ?? throw new ArgumentNullException(nameof(protocol));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>
    /// How long before its expiry a cached policy is replaced: an upload started with a policy about to expire
    /// could reach the storage after it did.
    /// </summary>
    public static TimeSpan PolicyRenewalMargin { get; } = TimeSpan.FromSeconds(30);

    /// <summary>The storage protocol this uploader follows.</summary>
    public DashScopeUploadProtocol Protocol => _protocol;

    /// <summary>Uploads the bytes of <paramref name="content"/> (from its current position) as <paramref name="fileName"/>.</summary>
    /// <param name="content">The file's bytes; read once, or twice when an expired policy forces a second attempt and the stream can seek.</param>
    /// <param name="fileName">The name to store it under (only its last path segment is used) and to name it in errors.</param>
    /// <param name="model">The model that will use the file; the stored file is bound to it.</param>
    /// <param name="fieldPath">The request field the file is for (e.g. <c>input.image_url</c>), or null for any media field of the model.</param>
    /// <param name="progress">Receives the bytes sent as the upload goes.</param>
    /// <param name="cancellationToken">Stops the upload.</param>
    /// <exception cref="DashScopeUploadException">The file breaks a rule (nothing was sent) or the storage refused it.</exception>
    public async Task<DashScopeUploadedFile> UploadAsync(Stream content, string fileName, string model, string? fieldPath = null,
        IProgress<DashScopeUploadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        using var span = UploadTelemetry.Start(_transport.Service.Name, model, files: 1);
        try
        {
            var stored = await UploadStreamAsync(content, fileName, model, fieldPath, progress, cancellationToken).ConfigureAwait(false);
            UploadTelemetry.Stored(span, new[] { stored });
            return stored;
        }
        catch (Exception fault) when (UploadTelemetry.Failed(span, fault))
        {
            throw; // Never reached: the filter records the fault and lets it go on.
        }
    }

    private async Task<DashScopeUploadedFile> UploadStreamAsync(Stream content, string fileName, string model, string? fieldPath,
        IProgress<DashScopeUploadProgress>? progress, CancellationToken cancellationToken)
    {
        var rules = UploadChecks.RulesFor(_protocol, fileName, model, fieldPath);
        var file = await LocalUpload.FromStreamAsync(content, fileName, MaxBytes(rules), cancellationToken).ConfigureAwait(false);
        await using (file.ConfigureAwait(false))
        {
            file.Format = UploadChecks.CheckContent(fileName, file.Head, file.Length, model, rules);
            var policy = await GetPolicyAsync(model, cancellationToken).ConfigureAwait(false);
            UploadChecks.CheckPolicy(fileName, file.Length, policy);
            return await SendAsync(file, model, policy, progress, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Uploads the file at <paramref name="filePath"/>.</summary>
    /// <param name="filePath">The file to upload.</param>
    /// <param name="model">The model that will use the file.</param>
    /// <param name="fieldPath">The request field the file is for, or null for any media field of the model.</param>
    /// <param name="progress">Receives the bytes sent as the upload goes.</param>
    /// <param name="cancellationToken">Stops the upload.</param>
    /// <exception cref="DashScopeUploadException">The file is missing, unreadable or breaks a rule (nothing was sent), or the storage refused it.</exception>
    public async Task<DashScopeUploadedFile> UploadFileAsync(string filePath, string model, string? fieldPath = null,
        IProgress<DashScopeUploadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var uploaded = await UploadFilesAsync(new[] { new DashScopeLocalFile(filePath, fieldPath) }, model, progress, cancellationToken).ConfigureAwait(false);
        return uploaded[0];
    }

    /// <summary>
    /// Uploads several files for one model, in order, after checking every one of them: a bad second file
    /// stops the call before the first is sent, so nothing is stored half-way.
    /// </summary>
    /// <param name="files">The files, each with the request field it is for.</param>
    /// <param name="model">The model that will use the files.</param>
    /// <param name="progress">Receives the bytes sent as each upload goes.</param>
    /// <param name="cancellationToken">Stops the uploads.</param>
    /// <returns>The stored files, in the order given.</returns>
    public async Task<IReadOnlyList<DashScopeUploadedFile>> UploadFilesAsync(IReadOnlyList<DashScopeLocalFile> files, string model,
        IProgress<DashScopeUploadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        using var span = UploadTelemetry.Start(_transport.Service.Name, model, files.Count);
        try
        {
            var stored = await UploadCheckedFilesAsync(files, model, progress, cancellationToken).ConfigureAwait(false);
            UploadTelemetry.Stored(span, stored);
            return stored;
        }
        catch (Exception fault) when (UploadTelemetry.Failed(span, fault))
        {
            throw; // Never reached: the filter records the fault and lets it go on.
        }
    }

    private async Task<IReadOnlyList<DashScopeUploadedFile>> UploadCheckedFilesAsync(IReadOnlyList<DashScopeLocalFile> files, string model,
        IProgress<DashScopeUploadProgress>? progress, CancellationToken cancellationToken)
    {
        var opened = new List<LocalUpload>(files.Count);
        try
        {
            foreach (var file in files)
            {
                ArgumentException.ThrowIfNullOrWhiteSpace(file?.Path, nameof(files));
                var rules = UploadChecks.RulesFor(_protocol, file!.Path, model, file.FieldPath);
                var local = await LocalUpload.FromFileAsync(file.Path, cancellationToken).ConfigureAwait(false);
                opened.Add(local);
                local.Format = UploadChecks.CheckContent(file.Path, local.Head, local.Length, model, rules);
            }
            var policy = await GetPolicyAsync(model, cancellationToken).ConfigureAwait(false);
            foreach (var local in opened) { UploadChecks.CheckPolicy(local.DisplayName, local.Length, policy); }

            var stored = new List<DashScopeUploadedFile>(opened.Count);
            foreach (var local in opened)
            {
                stored.Add(await SendAsync(local, model, await GetPolicyAsync(model, cancellationToken).ConfigureAwait(false), progress, cancellationToken).ConfigureAwait(false));
            }
            return stored;
        }
        finally
        {
            foreach (var local in opened) { await local.DisposeAsync().ConfigureAwait(false); }
        }
    }

    /// <summary>The policy for <paramref name="model"/>: the cached one while it is usable, else a new one from the policy call.</summary>
    /// <param name="model">The model the files are for.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public async Task<DashScopeUploadPolicy> GetPolicyAsync(string model, CancellationToken cancellationToken = default)
    {
        var slot = _slots.GetOrAdd(model, static _ => new PolicySlot());
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (slot.Policy is { } cached && cached.IsUsableAt(_time.GetUtcNow(), Margin(cached))) { return cached; }
            // Ends with this method, so only the policy call below is counted as one.
            AmbientOperation.Set(DashScopeOperations.UploadPolicy);
            var answer = await _transport.GetBytesAsync(_protocol.PolicyPathAndQuery(model), cancellationToken).ConfigureAwait(false);
            slot.Renew(DashScopeUploadPolicy.Read(answer, _protocol, model, _time.GetUtcNow()));
            return slot.Policy!;
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    private async Task<DashScopeUploadedFile> SendAsync(LocalUpload file, string model, DashScopeUploadPolicy policy,
        IProgress<DashScopeUploadProgress>? progress, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var storedName = _slots[model].Reserve(policy, StoredNames.Sanitize(file.DisplayName));
            var key = UploadForm.KeyOf(_protocol, policy, storedName);
            await file.RewindAsync(cancellationToken).ConfigureAwait(false);
            var contentType = DashScopeMediaFormat.ContentTypeOf(file.Format);
            using var form = UploadForm.Build(_protocol, policy, storedName, contentType, new ProgressContent(file.Stream, file.Length, file.DisplayName, progress));
            using var request = new HttpRequestMessage(HttpMethod.Post, policy.UploadHost) { Content = form };
            using var response = await _transport.SendToStorageAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return new DashScopeUploadedFile(_protocol.UrlOf(key), key, file.DisplayName, model, file.Format!, file.Length, _time.GetUtcNow() + _protocol.FileLifetime);
            }
            var error = await StorageError.ReadAsync(response, cancellationToken).ConfigureAwait(false);
            // A 403 may mean the storage's clock found the policy expired before ours did: one retry with a fresh policy.
            if (response.StatusCode == HttpStatusCode.Forbidden && attempt == 0 && file.CanRewind)
            {
                _slots[model].Forget(policy);
                policy = await GetPolicyAsync(model, cancellationToken).ConfigureAwait(false);
                continue;
            }
            throw UploadChecks.Refused(file.DisplayName, response.StatusCode, error.Code, error.Message, error.RequestId);
        }
    }

    /// <summary>The most a file may hold under any of <paramref name="rules"/>, or null when one of them sets no limit.</summary>
    private static long? MaxBytes(IReadOnlyList<DashScopeMediaRule> rules) =>
        rules.Any(r => r.ExclusiveMaxBytes is null) ? null : rules.Max(r => r.ExclusiveMaxBytes);

    private static TimeSpan Margin(DashScopeUploadPolicy policy)
    {
        // A short-lived policy keeps half its life as margin, so it is still reused at all.
        var half = TimeSpan.FromTicks((policy.ExpiresAt - policy.IssuedAt).Ticks / 2);
        return half < PolicyRenewalMargin ? half : PolicyRenewalMargin;
    }

    /// <summary>The cached policy of one model and the names already stored with it.</summary>
    private sealed class PolicySlot
    {
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public DashScopeUploadPolicy? Policy { get; private set; }

        public void Renew(DashScopeUploadPolicy policy)
        {
            lock (_names)
            {
                Policy = policy;
                _names.Clear();
            }
        }

        public void Forget(DashScopeUploadPolicy policy)
        {
            lock (_names)
            {
                if (ReferenceEquals(Policy, policy)) { Policy = null; }
            }
        }

        /// <summary>A name not yet stored with <paramref name="policy"/>: the storage forbids overwriting, so a second "me.jpg" becomes "me-2.jpg".</summary>
        public string Reserve(DashScopeUploadPolicy policy, string name)
        {
            lock (_names)
            {
                if (!ReferenceEquals(Policy, policy)) { return name; }
                var candidate = name;
                for (var n = 2; !_names.Add(candidate); n++) { candidate = StoredNames.Numbered(name, n); }
                return candidate;
            }
        }
    }
}
