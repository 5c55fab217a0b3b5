using DashScope.Emulator.Media;

namespace DashScope.Emulator.Uploads;

/// <summary>Why a stored file cannot be used, or why an upload was refused.</summary>
internal enum StoreOutcome
{
    Stored,
    KeyTaken,
    CapacityExceeded,
}

/// <summary>
/// The temporary storage: the upload directories handed out (each bound to an account and a model), and the files
/// stored under them. Bounded: a directory is forgotten once its policy has expired, a file 48 h (the schema's
/// life) after its upload, and an account may store only its daily capacity. Everything happens under one lock, so
/// an upload is stored whole or not at all.
/// </summary>
internal sealed class UploadStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, IssuedDirectory> _directories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredUpload> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Account, DateOnly Day), long> _usedPerDay = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _fileLifetime;

    public UploadStore(TimeProvider time, TimeSpan fileLifetime)
    {
        _time = time;
        _fileLifetime = fileLifetime;
    }

    /// <summary>Remembers a directory handed out to <paramref name="accountId"/> for <paramref name="model"/> until <paramref name="policyExpiry"/>.</summary>
    public void Issue(string directory, string accountId, string model, DateTimeOffset policyExpiry, long capacityBytes)
    {
        lock (_gate)
        {
            Prune(_time.GetUtcNow());
            _directories[directory] = new IssuedDirectory(accountId, model, policyExpiry, capacityBytes);
        }
    }

    /// <summary>The account and model a directory was issued for, while its policy lives.</summary>
    public bool TryFindDirectory(string directory, out IssuedDirectory issued)
    {
        lock (_gate)
        {
            return _directories.TryGetValue(directory, out issued!);
        }
    }

    /// <summary>Stores a whole file, or nothing: a taken key (when overwriting is forbidden) or a full day refuses it.</summary>
    public StoreOutcome TryStore(string key, IssuedDirectory owner, byte[] content, bool forbidOverwrite)
    {
        var now = _time.GetUtcNow();
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        lock (_gate)
        {
            Prune(now);
            if (forbidOverwrite && _files.ContainsKey(key))
            {
                return StoreOutcome.KeyTaken;
            }

            // The quota counts bytes stored today, whatever happened to them since.
            var used = _usedPerDay.GetValueOrDefault((owner.AccountId, day));
            if (used + content.Length > owner.CapacityBytes)
            {
                return StoreOutcome.CapacityExceeded;
            }

            _usedPerDay[(owner.AccountId, day)] = used + content.Length;
            _files[key] = new StoredUpload(owner.AccountId, owner.Model, key, content, now, now + _fileLifetime, new Lazy<MediaInfo>(() => MediaInspector.Inspect(content)));
            return StoreOutcome.Stored;
        }
    }

    /// <summary>The file under <paramref name="key"/> if <paramref name="accountId"/> may use it for <paramref name="model"/> now; null otherwise (absent, expired, another account's, another model's).</summary>
    public StoredUpload? Find(string key, string accountId, string model)
    {
        lock (_gate)
        {
            Prune(_time.GetUtcNow());
            return _files.TryGetValue(key, out var file) && file.AccountId == accountId && file.Model == model ? file : null;
        }
    }

    /// <summary>True when a file is stored under <paramref name="key"/> (for the write-only answer to a download).</summary>
    public bool Contains(string key)
    {
        lock (_gate)
        {
            Prune(_time.GetUtcNow());
            return _files.ContainsKey(key);
        }
    }

    /// <summary>The stored files, oldest first, of one account or of all.</summary>
    public IReadOnlyList<StoredUpload> Snapshot(string? accountId)
    {
        lock (_gate)
        {
            Prune(_time.GetUtcNow());
            return _files.Values.Where(f => accountId is null || f.AccountId == accountId).OrderBy(f => f.UploadedAt).ThenBy(f => f.Key, StringComparer.Ordinal).ToList();
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _directories.Clear();
            _files.Clear();
            _usedPerDay.Clear();
        }
    }

    private void Prune(DateTimeOffset now)
    {
        if (_files.Count > 0)
        {
            foreach (var expired in _files.Values.Where(f => f.ExpiresAt <= now).Select(f => f.Key).ToList())
            {
                _files.Remove(expired);
            }
        }

        if (_directories.Count > 0)
        {
            foreach (var expired in _directories.Where(d => d.Value.PolicyExpiry <= now).Select(d => d.Key).ToList())
            {
                _directories.Remove(expired);
            }
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (_usedPerDay.Count > 0)
        {
            foreach (var past in _usedPerDay.Keys.Where(k => k.Day < today).ToList())
            {
                _usedPerDay.Remove(past);
            }
        }
    }
}

/// <summary>An upload directory handed out with a policy.</summary>
internal sealed record IssuedDirectory(string AccountId, string Model, DateTimeOffset PolicyExpiry, long CapacityBytes);

/// <summary>A stored file: whose, for which model, its bytes (inspected once) and its life.</summary>
internal sealed record StoredUpload(string AccountId, string Model, string Key, byte[] Content, DateTimeOffset UploadedAt, DateTimeOffset ExpiresAt, Lazy<MediaInfo> Info);
