using System.Net.Http;
using DashScope.Testing;

namespace DashScope.EndToEnd.Tests.Support;

/// <summary>A temporary folder of media files on disk for one test, deleted when the test ends.</summary>
public sealed class LocalFiles : IDisposable
{
    public LocalFiles() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "dashscope-e2e-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>Writes <paramref name="bytes"/> to a file called <paramref name="name"/> and answers its path.</summary>
    public string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A small portrait (a face, for the emulator, unless marked otherwise).</summary>
    public string Portrait(string name = "me.png") => Write(name, MediaFiles.Png(64, 64));

    /// <summary>Two seconds of speech as WAV.</summary>
    public string Speech(string name = "hello.wav") => Write(name, MediaFiles.Wav(2.0));

    /// <summary>A path in the folder that holds no file.</summary>
    public string Missing(string name = "missing.wav") => Path.Combine(Folder, name);

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { /* best effort: a temp folder left behind is harmless */ }
    }
}

/// <summary>Counts the requests that pass, by path, and keeps the headers of each.</summary>
public sealed class RequestLog : DelegatingHandler
{
    private readonly List<(HttpMethod Method, Uri Uri, Dictionary<string, string> Headers)> _requests = [];

    public IReadOnlyList<(HttpMethod Method, Uri Uri, Dictionary<string, string> Headers)> Requests
    {
        get { lock (_requests) { return _requests.ToList(); } }
    }

    /// <summary>How many requests went to a path ending with <paramref name="pathEnd"/>.</summary>
    public int Count(string pathEnd) => Requests.Count(r => r.Uri.AbsolutePath.TrimEnd('/').EndsWith(pathEnd.TrimEnd('/'), StringComparison.Ordinal));

    /// <summary>The headers of the last request to a path ending with <paramref name="pathEnd"/>.</summary>
    public Dictionary<string, string> LastHeaders(string pathEnd) =>
        Requests.Last(r => r.Uri.AbsolutePath.TrimEnd('/').EndsWith(pathEnd.TrimEnd('/'), StringComparison.Ordinal)).Headers;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        lock (_requests) { _requests.Add((request.Method, request.RequestUri!, headers)); }
        return base.SendAsync(request, cancellationToken);
    }
}
