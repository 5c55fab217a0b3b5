namespace DashScope.Emulator;

/// <summary>A file in the emulated temporary storage, as the admin surface lists it: never its bytes.</summary>
/// <param name="AccountId">The account that uploaded it (any of its keys may use it).</param>
/// <param name="Model">The model it was uploaded for (the only one that may use it).</param>
/// <param name="Key">Its key; a request names it as <c>oss://</c> and the key.</param>
/// <param name="SizeBytes">Its size.</param>
/// <param name="UploadedAt">When it was stored, on the emulator clock.</param>
/// <param name="ExpiresAt">When it stops being usable (48 h later in the shipped schema).</param>
public sealed record StoredUploadInfo(string AccountId, string Model, string Key, long SizeBytes, DateTimeOffset UploadedAt, DateTimeOffset ExpiresAt);
