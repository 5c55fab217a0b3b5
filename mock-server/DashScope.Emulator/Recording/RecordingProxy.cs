using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DashScope.Emulator.Http;
using DashScope.Emulator.Schema;
using DashScope.Toolkit.Description;
using Microsoft.AspNetCore.Http;

namespace DashScope.Emulator.Recording;

/// <summary>
/// The recording proxy: an ASP.NET Core middleware, ahead of the emulator's own answers, that forwards every API
/// request to the upstream unchanged and hands each exchange to the <see cref="CassetteRecorder"/>. The upload policy's
/// answer has its upload host pointed at this proxy, so the storage form posts pass through it too. The admin path
/// stays the emulator's.
/// </summary>
internal sealed class RecordingProxy : IDisposable
{
    /// <summary>Where form posts to the upstream's temporary storage arrive, followed by the index of the host they go to.</summary>
    public const string StorageForwardPath = LivePortraitEmulator.AdminPathPrefix + "record-storage/";

    // Hop-by-hop and framing headers are the proxy's own business on each side. Accept-Encoding is not passed on so the
    // upstream answers uncompressed, which the cassette can keep as JSON (the client gets the same bytes either way).
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Proxy-Connection", "Proxy-Authorization", "Content-Length",
        "Accept-Encoding",
    };

    private readonly RecordingOptions _options;
    private readonly LivePortraitSchema _schema;
    private readonly long _maxBodyBytes;
    private readonly HttpClient _upstream;
    private readonly List<Uri> _storageHosts = [];
    private Uri? _self;

    public RecordingProxy(RecordingOptions options, LivePortraitSchema schema, long maxBodyBytes)
    {
        _options = options;
        _schema = schema;
        _maxBodyBytes = maxBodyBytes;
        _upstream = new HttpClient(options.UpstreamHandler ?? new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }, disposeHandler: options.UpstreamHandler is null)
        {
            Timeout = options.UpstreamTimeout,
        };
        Recorder = new CassetteRecorder(schema, options.Clock.GetUtcNow(), options.Upstream);
    }

    public CassetteRecorder Recorder { get; }

    public RecordingOptions Options => _options;

    public void ServeFrom(Uri root) => _self = root;

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var path = http.Request.Path.Value ?? "/";
        if (path.StartsWith(StorageForwardPath, StringComparison.Ordinal))
        {
            await ForwardAsync(http, path, StorageTarget(path[StorageForwardPath.Length..])).ConfigureAwait(false);
            return;
        }

        if (path.StartsWith(LivePortraitEmulator.AdminPathPrefix, StringComparison.Ordinal))
        {
            await next(http).ConfigureAwait(false);
            return;
        }

        await ForwardAsync(http, path, new Uri(_options.Upstream, path.TrimStart('/') + http.Request.QueryString.Value)).ConfigureAwait(false);
    }

    public void Dispose() => _upstream.Dispose();

    private Uri? StorageTarget(string index)
    {
        lock (_storageHosts)
        {
            return int.TryParse(index.TrimEnd('/'), out var i) && i >= 0 && i < _storageHosts.Count ? _storageHosts[i] : null;
        }
    }

    private async Task ForwardAsync(HttpContext http, string path, Uri? target)
    {
        var at = _options.Clock.GetUtcNow();
        var body = await ReadBodyAsync(http).ConfigureAwait(false);
        if (body is null)
        {
            await WriteErrorAsync(http, HttpStatusCode.RequestEntityTooLarge, "RequestTooLarge", $"The recording proxy keeps request bodies up to {_maxBodyBytes} bytes.").ConfigureAwait(false);
            return;
        }

        if (target is null)
        {
            await WriteErrorAsync(http, HttpStatusCode.NotFound, "UnknownStorageHost", $"No upload policy recorded here named the storage host '{path}'.").ConfigureAwait(false);
            return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(http.Request.Method), target);
        if (body.Length > 0 || http.Request.ContentType is not null)
        {
            request.Content = new ByteArrayContent(body);
        }

        foreach (var (name, values) in http.Request.Headers)
        {
            if (!NotForwarded.Contains(name) && !request.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await _upstream.SendAsync(request, http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !http.RequestAborted.IsCancellationRequested)
        {
            var timedOut = e is TaskCanceledException;
            await WriteErrorAsync(
                http,
                timedOut ? HttpStatusCode.GatewayTimeout : HttpStatusCode.BadGateway,
                timedOut ? "UpstreamTimeout" : "UpstreamUnavailable",
                $"The recording proxy could not get an answer from {target.GetLeftPart(UriPartial.Authority)}: {e.Message}").ConfigureAwait(false);
            return;
        }

        using (response)
        {
            var answer = await response.Content.ReadAsByteArrayAsync(http.RequestAborted).ConfigureAwait(false);
            var headers = ResponseHeaders(response);
            var isStorage = path.StartsWith(StorageForwardPath, StringComparison.Ordinal);
            Recorder.Add(new ObservedExchange(
                at,
                http.Request.Method,
                isStorage ? CassetteRequest.StoragePath : path,
                isStorage ? null : NullIfEmpty(http.Request.QueryString.Value?.TrimStart('?')),
                AuthorizationScheme(http.Request.Headers.Authorization.ToString(), out var key),
                key,
                http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                isStorage ? [] : body,
                isStorage ? await FormFields.ReadAsync(http.Request.ContentType, body).ConfigureAwait(false) : null,
                (int)response.StatusCode,
                headers,
                answer));

            var live = UploadCalls.IsPolicyCall(_schema, http.Request.Method, path) && response.IsSuccessStatusCode ? PointStorageHere(answer) : answer;
            http.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, value) in headers.Where(h => !NotForwarded.Contains(h.Key)))
            {
                http.Response.Headers[name] = value;
            }

            http.Response.ContentLength = live.Length;
            await http.Response.Body.WriteAsync(live, http.RequestAborted).ConfigureAwait(false);
        }
    }

    private async Task<byte[]?> ReadBodyAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > _maxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    // The client must post its form through the proxy to have it recorded: the live answer names this proxy as the
    // upload host (the cassette keeps the upstream's own).
    private byte[] PointStorageHere(byte[] answer)
    {
        var uploads = _schema.Description.Uploads!;
        try
        {
            if (JsonNode.Parse(answer) is JsonObject root
                && root[uploads.Policy.DataProperty] is JsonObject data
                && data[uploads.Policy.Field(UploadPolicyField.UploadHost).WireName] is JsonValue host
                && host.TryGetValue<string>(out var hostText)
                && Uri.TryCreate(hostText, UriKind.Absolute, out var hostUri)
                && _self is not null)
            {
                int index;
                lock (_storageHosts)
                {
                    index = _storageHosts.IndexOf(hostUri);
                    if (index < 0)
                    {
                        _storageHosts.Add(hostUri);
                        index = _storageHosts.Count - 1;
                    }
                }

                data[uploads.Policy.Field(UploadPolicyField.UploadHost).WireName] = new Uri(_self, StorageForwardPath + index).ToString();
                return Encoding.UTF8.GetBytes(root.ToJsonString());
            }
        }
        catch (JsonException)
        {
            // An answer that is not the documented JSON is passed on as it came.
        }

        return answer;
    }

    private static Dictionary<string, string> ResponseHeaders(HttpResponseMessage response) =>
        response.Headers.Concat(response.Content.Headers)
            .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.SelectMany(h => h.Value)), StringComparer.OrdinalIgnoreCase);

    private static string? AuthorizationScheme(string header, out string? key)
    {
        key = null;
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var space = header.IndexOf(' ', StringComparison.Ordinal);
        key = space < 0 ? header : header[(space + 1)..].Trim();
        return space < 0 ? "(no scheme)" : header[..space];
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private async Task WriteErrorAsync(HttpContext http, HttpStatusCode status, string code, string message)
    {
        http.Response.StatusCode = (int)status;
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(DashScopeJson.ErrorBody(new DashScopeError((int)status, code, message), Uuid.NewText()), http.RequestAborted).ConfigureAwait(false);
    }
}
