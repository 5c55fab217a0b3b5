namespace DashScope.Toolkit;

/// <summary>A file stored in DashScope's temporary storage, ready to be named in a request.</summary>
/// <param name="Url">The URL to put in a request's media field (e.g. <c>oss://…</c>); the client then sends the resolve header by itself.</param>
/// <param name="Key">The stored object's key.</param>
/// <param name="FileName">The file's name as given (a path's file name, or the stream's name).</param>
/// <param name="Model">The only model that may use the file.</param>
/// <param name="Format">The format found in its content (<c>png</c>, <c>wav</c>…).</param>
/// <param name="Length">Its size in bytes.</param>
/// <param name="ExpiresAt">When the storage forgets it.</param>
public sealed record DashScopeUploadedFile(string Url, string Key, string FileName, string Model, string Format, long Length, DateTimeOffset ExpiresAt);

/// <summary>How far an upload has come.</summary>
/// <param name="FileName">The file being sent.</param>
/// <param name="BytesSent">Bytes of it sent so far.</param>
/// <param name="TotalBytes">Its size.</param>
public readonly record struct DashScopeUploadProgress(string FileName, long BytesSent, long TotalBytes)
{
    /// <summary>The part sent, from 0 to 1.</summary>
    public double Fraction => TotalBytes <= 0 ? 1 : (double)BytesSent / TotalBytes;
}

/// <summary>A local file to upload for one media field of a request.</summary>
/// <param name="Path">Where the file is.</param>
/// <param name="FieldPath">The request field the file is for (e.g. <c>input.image_url</c>), whose media rule it must keep; null to accept any media field of the model.</param>
public sealed record DashScopeLocalFile(string Path, string? FieldPath = null);
