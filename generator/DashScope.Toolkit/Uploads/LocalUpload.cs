namespace DashScope.Toolkit;

/// <summary>One file being uploaded: its stream, size and first bytes, opened so that it can be checked before it is sent.</summary>
internal sealed class LocalUpload : IAsyncDisposable
{
    private readonly long _start;
    private readonly bool _owned;

    private LocalUpload(string displayName, Stream stream, long length, byte[] head, bool owned)
    {
        DisplayName = displayName;
        Stream = stream;
        Length = length;
        Head = head;
        _owned = owned;
        _start = stream.CanSeek ? stream.Position : 0;
    }

    /// <summary>The file as the caller named it.</summary>
    public string DisplayName { get; }

    public Stream Stream { get; }

    public long Length { get; }

    /// <summary>The first bytes, for telling the format.</summary>
    public byte[] Head { get; }

    /// <summary>The format found in the content, once checked.</summary>
    public string? Format { get; set; }

    public bool CanRewind => Stream.CanSeek;

    /// <summary>Opens a file, naming it in every failure.</summary>
    public static async Task<LocalUpload> FromFileAsync(string path, CancellationToken cancellationToken)
    {
        FileStream stream;
        try
        {
            if (Directory.Exists(path))
            {
                throw new DashScopeUploadException(path, DashScopeUploadFailure.FileUnreadable, $"'{path}' is a directory, not a file.");
            }
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);
        }
        catch (Exception missing) when (missing is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DashScopeUploadException(path, DashScopeUploadFailure.FileNotFound, $"'{path}' does not exist (full path: {Path.GetFullPath(path)}).", innerException: missing);
        }
        catch (Exception unreadable) when (unreadable is UnauthorizedAccessException or IOException or NotSupportedException or ArgumentException)
        {
            throw new DashScopeUploadException(path, DashScopeUploadFailure.FileUnreadable, $"'{path}' cannot be read: {unreadable.Message}", innerException: unreadable);
        }
        try
        {
            var head = await ReadHeadAsync(stream, cancellationToken).ConfigureAwait(false);
            return new LocalUpload(path, stream, stream.Length, head, owned: true);
        }
        catch (IOException unreadable)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw new DashScopeUploadException(path, DashScopeUploadFailure.FileUnreadable, $"'{path}' cannot be read: {unreadable.Message}", innerException: unreadable);
        }
    }

    /// <summary>
    /// Wraps a caller's stream. One that cannot seek is read into memory first, up to <paramref name="maxBytes"/>,
    /// because its length must be known before the upload and the form states it.
    /// </summary>
    public static async Task<LocalUpload> FromStreamAsync(Stream content, string fileName, long? maxBytes, CancellationToken cancellationToken)
    {
        if (content.CanSeek)
        {
            // ReadHeadAsync puts the position back where it found it.
            var head = await ReadHeadAsync(content, cancellationToken).ConfigureAwait(false);
            return new LocalUpload(fileName, content, content.Length - content.Position, head, owned: false);
        }
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (maxBytes is { } max && buffer.Length >= max)
            {
                throw new DashScopeUploadException(fileName, DashScopeUploadFailure.TooLarge, $"'{fileName}' is at least {buffer.Length} bytes; the media rules of this model take files under {max} bytes.");
            }
        }
        buffer.Position = 0;
        var bufferedHead = buffer.GetBuffer().AsSpan(0, (int)Math.Min(buffer.Length, DashScopeMediaFormat.HeaderLength)).ToArray();
        return new LocalUpload(fileName, buffer, buffer.Length, bufferedHead, owned: true);
    }

    /// <summary>Goes back to where the file's bytes start, before a (second) attempt.</summary>
    public Task RewindAsync(CancellationToken cancellationToken)
    {
        if (Stream.CanSeek) { Stream.Position = _start; }
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => _owned ? Stream.DisposeAsync() : ValueTask.CompletedTask;

    private static async Task<byte[]> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new byte[DashScopeMediaFormat.HeaderLength];
        var filled = 0;
        while (filled < head.Length)
        {
            var read = await stream.ReadAsync(head.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0) { break; }
            filled += read;
        }
        stream.Position -= filled;
        return head[..filled];
    }
}
