using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DashScope.Toolkit;

/// <summary>Whether a call sends <c>X-DashScope-Async: enable</c>.</summary>
public enum DashScopeCallMode
{
    /// <summary>A synchronous call, or a task query: no async header.</summary>
    Sync,

    /// <summary>An asynchronous submit: the async header is sent.</summary>
    Async,
}

/// <summary>
/// Sends one DashScope call: composes the URL, adds the headers, turns a non-success answer into a
/// <see cref="DashScopeApiException"/>. Generated clients own one; it holds no per-call state.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public sealed partial class DashScopeTransport
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly DashScopeClientOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a transport over <paramref name="httpClient"/>.</summary>
    public DashScopeTransport(HttpClient httpClient, DashScopeClientOptions options, DashScopeServiceDescription service, ILogger? logger = null)
    {
        _http = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        Service = service ?? throw new ArgumentNullException(nameof(service));
        _logger = logger ?? options.LoggerFactory?.CreateLogger("DashScope.Toolkit." + service.Name) ?? NullLogger.Instance;
    }

    /// <summary>The endpoint's facts from its schema.</summary>
    public DashScopeServiceDescription Service { get; }

    /// <summary>The API root calls go to, after options, HttpClient, environment and schema default.</summary>
    public Uri ResolveBaseAddress()
    {
        if (_options.BaseAddress is { } configured) { return configured; }
        if (_http.BaseAddress is { } fromClient) { return fromClient; }
        if (Service.BaseAddressEnvironmentVariable is { } variable
            && Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment
            && Uri.TryCreate(fromEnvironment, UriKind.Absolute, out var parsed))
        {
            return parsed;
        }
        return Service.DefaultBaseAddress;
    }

    /// <summary>Sends a call with a JSON body and reads a JSON answer.</summary>
    public async Task<TResponse> SendAsync<TRequest, TResponse>(
        HttpMethod method, string path, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType,
        DashScopeCallMode mode, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(body, requestType);
        var (operation, taskId) = OperationOf(mode);
        using var span = RequestTelemetry.StartSpan(operation, Service.Name, taskId);
        return await SendCoreAsync(method, path, payload, responseType, mode, operation, span, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a call without a body (task query, cancel, list) and reads a JSON answer.</summary>
    public async Task<TResponse> SendAsync<TResponse>(HttpMethod method, string pathAndQuery, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        var (operation, taskId) = OperationOf(DashScopeCallMode.Sync);
        using var span = RequestTelemetry.StartSpan(operation, Service.Name, taskId);
        return await SendCoreAsync(method, pathAndQuery, null, responseType, DashScopeCallMode.Sync, operation, span, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a submit, repeating it only after a 429 (which proves the service did not create the task),
    /// at most <see cref="DashScopeClientOptions.MaxSubmitRetriesOnThrottling"/> times, after the answer's
    /// Retry-After or an exponential backoff; never when the HttpClient pipeline already repeats 429s
    /// (<see cref="ThrottlingRetries"/>).
    /// </summary>
    public async Task<TResponse> SubmitAsync<TRequest, TResponse>(
        string path, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(body, requestType);
        var wait = _options.Wait;
        var delay = wait.InitialPollInterval;
        // One span for the submit, whatever the number of throttled attempts it takes.
        using var span = RequestTelemetry.StartSpan(DashScopeOperations.Submit, Service.Name);
        var pipelineRetries = new StrongBox<bool>();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await SendCoreAsync(HttpMethod.Post, path, payload, responseType, DashScopeCallMode.Async, DashScopeOperations.Submit, span, cancellationToken, pipelineRetries).ConfigureAwait(false);
            }
            catch (DashScopeApiException throttled) when ((int)throttled.StatusCode == 429 && attempt < _options.MaxSubmitRetriesOnThrottling && !pipelineRetries.Value)
            {
                // As when polling: Retry-After is a floor on top of the backoff, so "Retry-After: 0" cannot hammer the service.
                var pause = throttled.RetryAfter is { } retryAfter ? Max(Min(retryAfter, wait.MaxRetryAfter), delay) : delay;
                Log.SubmitThrottled(_logger, path, pause, attempt + 1);
                await Task.Delay(pause, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks((long)(delay.Ticks * Math.Max(1, wait.BackoffMultiplier)));
            }
        }
    }

    /// <summary>Sends an authenticated GET and answers the success body's bytes (the upload policy call, whose fields are read by name).</summary>
    /// <exception cref="DashScopeApiException">The service answered with an error.</exception>
    public async Task<byte[]> GetBytesAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        var (operation, taskId) = OperationOf(DashScopeCallMode.Sync);
        using var span = RequestTelemetry.StartSpan(operation, Service.Name, taskId);
        var (bytes, _, _) = await SendForBytesAsync(HttpMethod.Get, pathAndQuery, null, DashScopeCallMode.Sync, operation, span, cancellationToken).ConfigureAwait(false);
        return bytes;
    }

    /// <summary>
    /// Sends a request to the upload storage (an absolute URL outside the API root) through the same HttpClient,
    /// without the API key: the storage authenticates the form by its signed policy.
    /// </summary>
    public async Task<HttpResponseMessage> SendToStorageAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Log.Sending(_logger, request.Method.Method + " " + request.RequestUri?.GetLeftPart(UriPartial.Path));
        const string operation = DashScopeOperations.UploadForm;
        DashScopeOperations.Mark(request, operation);
        using var span = RequestTelemetry.StartSpan(operation, Service.Name);
        try
        {
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            RequestTelemetry.Answered(span, operation, Service.Name, request.Method, request.RequestUri, (int)response.StatusCode);
            return response;
        }
        catch (Exception fault) when (RequestTelemetry.Failed(span, operation, Service.Name, request.Method, request.RequestUri, fault))
        {
            throw; // Never reached: the filter records the fault and lets it go on.
        }
    }

    private async Task<TResponse> SendCoreAsync<TResponse>(
        HttpMethod method, string pathAndQuery, byte[]? payload, JsonTypeInfo<TResponse> responseType, DashScopeCallMode mode,
        string telemetryOperation, Activity? span, CancellationToken cancellationToken, StrongBox<bool>? pipelineRetriesThrottling = null)
    {
        var (bytes, operation, status) = await SendForBytesAsync(method, pathAndQuery, payload, mode, telemetryOperation, span, cancellationToken, pipelineRetriesThrottling).ConfigureAwait(false);
        try
        {
            var result = JsonSerializer.Deserialize(bytes, responseType)
                ?? throw new DashScopeResponseException($"DashScope answered {operation} with an empty JSON value.");
            Log.Succeeded(_logger, operation, status);
            return result;
        }
        catch (JsonException malformed)
        {
            throw new DashScopeResponseException($"DashScope's answer to {operation} does not match the schema: {malformed.Message}", malformed);
        }
    }

    private async Task<(byte[] Body, string Operation, int Status)> SendForBytesAsync(
        HttpMethod method, string pathAndQuery, byte[]? payload, DashScopeCallMode mode, string telemetryOperation, Activity? span, CancellationToken cancellationToken,
        StrongBox<bool>? pipelineRetriesThrottling = null)
    {
        var apiKey = ResolveApiKey();
        var operation = method.Method + " " + StripQuery(pathAndQuery);
        using var request = new HttpRequestMessage(method, Compose(ResolveBaseAddress(), pathAndQuery));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (mode == DashScopeCallMode.Async) { request.Headers.TryAddWithoutValidation("X-DashScope-Async", "enable"); }
        if (!string.IsNullOrEmpty(_options.WorkspaceId)) { request.Headers.TryAddWithoutValidation("X-DashScope-WorkSpace", _options.WorkspaceId); }
        if (payload is not null)
        {
            request.Content = new ByteArrayContent(payload);
            request.Content.Headers.ContentType = JsonContentType;
            // The service reads a stored file only when asked to; a request naming one always asks.
            if (Service.Uploads is { } uploads && StoredFileUrls.Occur(payload, uploads.UrlPrefix))
            {
                request.Headers.TryAddWithoutValidation(uploads.ResolveHeaderName, uploads.ResolveHeaderValue);
            }
        }

        Log.Sending(_logger, operation);
        DashScopeOperations.Mark(request, telemetryOperation);
        HttpResponseMessage answered;
        try
        {
            answered = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception fault) when (RequestTelemetry.Failed(span, telemetryOperation, Service.Name, method, request.RequestUri, fault))
        {
            throw; // Never reached: the filter records the fault and lets it go on.
        }
        using var response = answered;
        if (pipelineRetriesThrottling is not null) { pipelineRetriesThrottling.Value = ThrottlingRetries.AreRetriedByPipeline(request); }
        RequestTelemetry.Answered(span, telemetryOperation, Service.Name, method, request.RequestUri, (int)response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var failure = ReadFailure(response, bytes, operation, _options.TimeProvider);
            Log.Failed(_logger, operation, (int)response.StatusCode, failure.Code, failure.RequestId);
            throw failure;
        }
        return (bytes, operation, (int)response.StatusCode);
    }

    /// <summary>The telemetry operation of a call: a submit by its header, else what the calling code declared, else a plain call.</summary>
    private static (string Operation, string? TaskId) OperationOf(DashScopeCallMode mode)
    {
        if (mode == DashScopeCallMode.Async) { return (DashScopeOperations.Submit, null); }
        return AmbientOperation.Value is { } ambient ? (ambient.Operation, ambient.TaskId) : (DashScopeOperations.Call, null);
    }

    private string ResolveApiKey()
    {
        var key = _options.ApiKey;
        if (string.IsNullOrWhiteSpace(key)) { key = Environment.GetEnvironmentVariable(Service.ApiKeyEnvironmentVariable); }
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new DashScopeConfigurationException(
                $"No API key for {Service.Name}: set {_options.GetType().Name}.ApiKey or the environment variable {Service.ApiKeyEnvironmentVariable}.");
        }
        return key.Trim();
    }

    /// <summary>Joins the API root and a path that starts with '/', keeping the root's own path (<c>/api/v1</c>).</summary>
    public static Uri Compose(Uri baseAddress, string pathAndQuery)
    {
        var root = baseAddress.AbsoluteUri.TrimEnd('/');
        return new Uri(root + (pathAndQuery.StartsWith('/') ? pathAndQuery : "/" + pathAndQuery), UriKind.Absolute);
    }

    internal static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    internal static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string StripQuery(string pathAndQuery)
    {
        var question = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        return question < 0 ? pathAndQuery : pathAndQuery[..question];
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "DashScope {Operation}")]
        public static partial void Sending(ILogger logger, string operation);

        [LoggerMessage(2, LogLevel.Debug, "DashScope {Operation} answered {Status}")]
        public static partial void Succeeded(ILogger logger, string operation, int status);

        [LoggerMessage(3, LogLevel.Warning, "DashScope {Operation} failed with {Status} {Code} (request_id {RequestId})")]
        public static partial void Failed(ILogger logger, string operation, int status, string? code, string? requestId);

        [LoggerMessage(4, LogLevel.Information, "DashScope submit {Path} throttled; retry {Attempt} after {Delay}")]
        public static partial void SubmitThrottled(ILogger logger, string path, TimeSpan delay, int attempt);
    }
}
