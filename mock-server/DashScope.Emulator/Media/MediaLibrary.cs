using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;

namespace DashScope.Emulator.Media;

/// <summary>
/// The files the emulator serves (its samples and whatever a test adds), the images registered as
/// having no face, and the one way media are fetched: from those files directly, or over HTTP from a
/// loopback address. Any other host is refused without a single packet sent.
/// </summary>
internal sealed class MediaLibrary : IDisposable
{
    public const string FilesPath = "/__emulator/files/";

    // How many URLs of the emulator's own files are remembered with the file name they name (see _ownFileNames).
    private const int MaxRememberedOwnUrls = 1_024;

    private static readonly IReadOnlyDictionary<SampleMediaFile, (string Name, string ContentType)> Samples =
        new Dictionary<SampleMediaFile, (string, string)>
        {
            [SampleMediaFile.Portrait] = ("portrait.png", "image/png"),
            [SampleMediaFile.NoFaceImage] = ("no-face.png", "image/png"),
            [SampleMediaFile.SpeechWav] = ("speech.wav", "audio/wav"),
            [SampleMediaFile.SpeechMp3] = ("speech.mp3", "audio/mpeg"),
            [SampleMediaFile.ResultVideo] = ("result.mp4", "video/mp4"),
        };

    private readonly ConcurrentDictionary<string, ServedFile> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _noFaceUrls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _noFaceContent = new(StringComparer.Ordinal);
    private readonly HttpClient _http;
    private readonly TimeSpan _downloadTimeout;

    // The file name each URL of the emulator's own files names, once parsed: clients submit the same few URLs many
    // times, and a parse allocates a Uri, its parts and the name. Only the name is kept, never the file, so serving a
    // file again under a name is seen at once. Bounded: past the cap a URL is parsed every time.
    private readonly ConcurrentDictionary<string, string> _ownFileNames = new(StringComparer.Ordinal);
    private Func<Uri, bool> _isOwnUrl = _ => false;

    public MediaLibrary(TimeSpan downloadTimeout)
    {
        _downloadTimeout = downloadTimeout;
        _http = new HttpClient(new SocketsHttpHandler
        {
            // Never through a proxy and never redirected: either could take a loopback URL off the machine.
            UseProxy = false,
            AllowAutoRedirect = false,
            ConnectTimeout = downloadTimeout,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        ResetToSamples();
    }

    public byte[] ResultVideo => _files[Samples[SampleMediaFile.ResultVideo].Name].Content;

    public static string FileName(SampleMediaFile sample) => Samples[sample].Name;

    /// <summary>Tells the library how to recognise its own server's URLs (known only once it has started).</summary>
    public void RecogniseOwnUrls(Func<Uri, bool> isOwnUrl)
    {
        _isOwnUrl = isOwnUrl;
        _ownFileNames.Clear();
    }

    public void Serve(string name, byte[] content, string contentType)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('/', StringComparison.Ordinal) || name.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException("A served file name is one path segment, without '/' or '..'.", nameof(name));
        }

        _files[name] = new ServedFile(content, contentType, new Lazy<MediaInfo>(() => MediaInspector.Inspect(content)), new Lazy<string>(() => Hash(content)));
    }

    public bool TryGetFile(string name, out ServedFile file) => _files.TryGetValue(name, out file!);

    public void MarkNoFace(string url) => _noFaceUrls[url] = 0;

    public void MarkNoFace(byte[] content) => _noFaceContent[Hash(content)] = 0;

    /// <summary>True when the image was registered as faceless, by its URL or by its bytes.</summary>
    public bool HasNoFace(string url, FetchResult fetched) =>
        _noFaceUrls.ContainsKey(url) || _noFaceContent.ContainsKey(fetched.ContentHash?.Value ?? Hash(fetched.Content!));

    public void ResetToSamples()
    {
        _files.Clear();
        _noFaceUrls.Clear();
        _noFaceContent.Clear();
        foreach (var (sample, (name, contentType)) in Samples)
        {
            Serve(name, ReadSample(name), contentType);
        }

        MarkNoFace(_files[FileName(SampleMediaFile.NoFaceImage)].Content);
    }

    /// <summary>Fetches a media URL the way the service would, but only from loopback or the emulator's own files.</summary>
    public Task<FetchResult> FetchAsync(string url, long? exclusiveMaxBytes, CancellationToken cancellationToken)
    {
        if (_ownFileNames.TryGetValue(url, out var known))
        {
            // A URL already read as one of the emulator's own files: no parse of it again.
            return Task.FromResult(Served(known, exclusiveMaxBytes));
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return Task.FromResult(FetchResult.Failed(FetchFailure.DownloadFailed));
        }

        if (!IsLoopback(uri))
        {
            // The emulator is offline by design: a public URL is a download the service could make but we must not.
            return Task.FromResult(FetchResult.Failed(FetchFailure.DownloadFailed));
        }

        if (_isOwnUrl(uri) && uri.AbsolutePath.StartsWith(FilesPath, StringComparison.Ordinal))
        {
            var name = Uri.UnescapeDataString(uri.AbsolutePath[FilesPath.Length..]);
            if (_ownFileNames.Count < MaxRememberedOwnUrls)
            {
                _ownFileNames.TryAdd(url, name);
            }

            return Task.FromResult(Served(name, exclusiveMaxBytes));
        }

        return DownloadAsync(uri, exclusiveMaxBytes, cancellationToken);
    }

    /// <summary>One of the emulator's own files, by name, as a fetch sees it now (a file served again under the name is the new one).</summary>
    private FetchResult Served(string name, long? exclusiveMaxBytes)
    {
        if (!_files.TryGetValue(name, out var file))
        {
            return FetchResult.Failed(FetchFailure.DownloadFailed);
        }

        return exclusiveMaxBytes is { } own && file.Content.Length >= own
            ? FetchResult.Failed(FetchFailure.TooLarge)
            : file.Fetched;
    }

    private async Task<FetchResult> DownloadAsync(Uri uri, long? exclusiveMaxBytes, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_downloadTimeout);
        try
        {
            using var response = await _http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return FetchResult.Failed(FetchFailure.DownloadFailed);
            }

            if (exclusiveMaxBytes is { } limit && response.Content.Headers.ContentLength >= limit)
            {
                return FetchResult.Failed(FetchFailure.TooLarge);
            }

            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, timeout.Token).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (exclusiveMaxBytes is { } max && buffer.Length >= max)
                {
                    return FetchResult.Failed(FetchFailure.TooLarge);
                }
            }

            var bytes = buffer.ToArray();
            return new FetchResult(bytes, MediaInspector.Inspect(bytes), null);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            return FetchResult.Failed(FetchFailure.DownloadFailed);
        }
    }

    public void Dispose() => _http.Dispose();

    internal static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    internal static string Hash(byte[] content) => Convert.ToHexString(SHA256.HashData(content));

    private static byte[] ReadSample(string name)
    {
        using var stream = typeof(MediaLibrary).Assembly.GetManifestResourceStream("DashScope.Emulator.SampleMedia." + name)
            ?? throw new InvalidOperationException($"The sample {name} is not embedded in the emulator assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>
    /// A file the emulator serves, with its inspection and its content hash (for the no-face registry)
    /// computed once: a served file's bytes never change (serving a name again replaces the record).
    /// </summary>
    internal sealed record ServedFile(byte[] Content, string ContentType, Lazy<MediaInfo> Info, Lazy<string> ContentHash)
    {
        private FetchResult? _fetched;

        /// <summary>What a fetch of the file gives, made once (the record is immutable).</summary>
        public FetchResult Fetched => _fetched ??= new FetchResult(Content, Info.Value, null, ContentHash);
    }
}

/// <summary>Why a fetch failed.</summary>
internal enum FetchFailure
{
    DownloadFailed,
    TooLarge,

    /// <summary>A stored-file URL the request did not ask to resolve (no resolve header): refused before any task.</summary>
    NotResolved,
}

/// <summary>The bytes of a fetched file and what they are, or why there are none; a served file brings its hash along.</summary>
internal sealed record FetchResult(byte[]? Content, MediaInfo? Info, FetchFailure? Failure, Lazy<string>? ContentHash = null)
{
    public static FetchResult Failed(FetchFailure failure) => new(null, null, failure);
}
