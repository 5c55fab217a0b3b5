using System.Net;

namespace DashScope.Toolkit;

/// <summary>The bytes of one file as HTTP content, reporting how many were written as they go out.</summary>
internal sealed class ProgressContent : HttpContent
{
    private const int ChunkSize = 64 * 1024;

    private readonly Stream _source;
    private readonly long _length;
    private readonly string _fileName;
    private readonly IProgress<DashScopeUploadProgress>? _progress;

    public ProgressContent(Stream source, long length, string fileName, IProgress<DashScopeUploadProgress>? progress)
    {
        _source = source;
        _length = length;
        _fileName = fileName;
        _progress = progress;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = new byte[ChunkSize];
        long sent = 0;
        _progress?.Report(new DashScopeUploadProgress(_fileName, 0, _length));
        while (sent < _length)
        {
            var read = await _source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, _length - sent)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException($"'{_fileName}' ended after {sent} of {_length} bytes while it was being uploaded.");
            }
            await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            sent += read;
            _progress?.Report(new DashScopeUploadProgress(_fileName, sent, _length));
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }
}
