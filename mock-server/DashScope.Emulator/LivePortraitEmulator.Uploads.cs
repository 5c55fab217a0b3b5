namespace DashScope.Emulator;

/// <summary>The emulated temporary upload storage, as the control surface shows it.</summary>
public sealed partial class LivePortraitEmulator
{
    /// <summary>Where the upload form is posted (the policies' <c>upload_host</c>); null when the schema describes no storage.</summary>
    public Uri? UploadHost => _storage is null ? null : new Uri(Url, Uploads.TemporaryStorage.StoragePath);

    /// <summary>The files stored now (expired ones are gone), oldest first, of one account or of all; never their bytes.</summary>
    /// <param name="accountId">An account id, or null for every account.</param>
    public IReadOnlyList<StoredUploadInfo> GetUploads(string? accountId = null) =>
        _storage is null
            ? []
            : _storage.Store.Snapshot(accountId).Select(f => new StoredUploadInfo(f.AccountId, f.Model, f.Key, f.Content.Length, f.UploadedAt, f.ExpiresAt)).ToList();
}
