using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using DashScope.Emulator.Admin;
using DashScope.Emulator.Accounts;
using DashScope.Emulator.Faults;
using DashScope.Emulator.Http;
using DashScope.Emulator.Limits;
using DashScope.Emulator.Media;
using DashScope.Emulator.Results;
using DashScope.Emulator.Schema;
using DashScope.Emulator.Tasks;
using DashScope.Emulator.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WireMock.Logging;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace DashScope.Emulator;

/// <summary>
/// An offline emulator of DashScope's LivePortrait API, hosted on WireMock.Net. Start one with
/// <see cref="Start(EmulatorOptions?)"/>, point a client at <see cref="BaseUrl"/> with <see cref="DemoApiKey"/>,
/// and steer it through the control methods (accounts, media, tasks, clock, faults, journal) or over
/// the admin HTTP path <c>/__emulator/</c>.
/// </summary>
public sealed partial class LivePortraitEmulator : IDisposable, IAsyncDisposable
{
    /// <summary>Path prefix of the admin HTTP surface and of the files the emulator serves.</summary>
    public const string AdminPathPrefix = "/__emulator/";

    /// <summary>JSON settings of the admin API: camelCase, enums as their names.</summary>
    public static readonly JsonSerializerOptions AdminJson = AdminAnswers.Options;

    private readonly EmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly TaskBoard _board;
    private readonly RateLimiter _rateLimiter;
    private readonly FaultScript _faults = new();
    private readonly RequestJournal _journal;
    private readonly MediaLibrary _media;
    private readonly MediaChecker _mediaChecker;
    private readonly RequestHeaderValidator _headerValidator;
    private readonly RequestBodyValidator _bodyValidator;
    private readonly EndpointRouter _router;
    private readonly DashScopeJson _json;
    private readonly AccountRegistry _accounts;

    // Made per emulator and handed to the links; a test reads it to recompute a signature.
    private readonly byte[] _signingKey = Guid.NewGuid().ToByteArray();
    private readonly ResultLinks _links;
    private readonly AdminApi _admin;
    private WireMockServer? _server;
    private int _delayedRequests;

    private LivePortraitEmulator(EmulatorOptions options)
    {
        _options = options;
        _time = options.TimeProvider;
        Schema = options.LoadSchema();
        _links = new ResultLinks(_signingKey, Schema.ResultUrlValidity);
        _journal = new RequestJournal(options.JournalCapacity);
        _media = new MediaLibrary(options.MediaDownloadTimeout);
        _mediaChecker = new MediaChecker(Schema, _media);
        _headerValidator = new RequestHeaderValidator(Schema);
        _bodyValidator = new RequestBodyValidator(Schema, options.UnknownModel);
        _router = new EndpointRouter(Schema);
        _json = new DashScopeJson(Schema);
        _rateLimiter = new RateLimiter(_time, RateLimitOf);
        _board = new TaskBoard(_time, new TaskTimings(
            options.QueueDelay,
            options.RunningBaseDuration,
            options.RunningSecondsPerAudioSecond,
            options.FailureDuration,
            Schema.RetentionPeriod,
            Schema.MaxRunningTasksPerAccount));
        _board.Transitioned += transition => TaskTransitioned?.Invoke(this, transition);
        _accounts = AccountRegistry.Create(options);
        _admin = new AdminApi(this, new FileServer(_media, _board, _links, _time));
    }

    /// <summary>Raised for every change of a task's status, as the emulator's clock reaches it.</summary>
    public event EventHandler<TaskTransition>? TaskTransitioned;

    /// <summary>The schema the emulator runs on.</summary>
    public LivePortraitSchema Schema { get; }

    /// <summary>The options it was started with.</summary>
    public EmulatorOptions Options => _options;

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>The API base to give a client (the <c>DASHSCOPE_HTTP_BASE_URL</c>), e.g. <c>http://127.0.0.1:41234/api/v1</c>.</summary>
    public Uri BaseUrl => new(Url, Schema.BasePath);

    /// <summary>The demo account's API key (<c>sk-emulator-demo</c> unless configured otherwise).</summary>
    public string DemoApiKey => _options.DemoApiKey;

    /// <summary>True from a successful start until <see cref="Dispose"/>.</summary>
    public bool IsRunning => _server?.IsStarted == true;

    /// <summary>The port the server listens on.</summary>
    public int Port => Url.Port;

    /// <summary>Starts an emulator with the given options (defaults when null).</summary>
    public static LivePortraitEmulator Start(EmulatorOptions? options = null)
    {
        var emulator = new LivePortraitEmulator(options ?? new EmulatorOptions());
        try
        {
            emulator.StartServer();
            return emulator;
        }
        catch
        {
            emulator.Dispose();
            throw;
        }
    }

    /// <summary>Starts an emulator, letting <paramref name="configure"/> adjust the default options.</summary>
    public static LivePortraitEmulator Start(Action<EmulatorOptions> configure)
    {
        var options = new EmulatorOptions();
        configure(options);
        return Start(options);
    }

    /// <summary>Stops the server and releases its resources.</summary>
    public void Dispose()
    {
        _server?.Stop();
        _server?.Dispose();
        _server = null;
        _board.Dispose();
        _media.Dispose();
        _links.Dispose();
    }

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void StartServer()
    {
        if (!IPAddress.TryParse(_options.Host, out var address) && _options.Host != "localhost")
        {
            throw new ArgumentException($"Host '{_options.Host}' is not an IP address or 'localhost'.", nameof(_options));
        }

        var isLoopback = _options.Host == "localhost" || IPAddress.IsLoopback(address!);
        if (!isLoopback && !_options.AllowRemote)
        {
            throw new InvalidOperationException(
                $"Refusing to listen on non-loopback address {_options.Host}: the emulator and its admin path are unauthenticated. Set AllowRemote to do it anyway.");
        }

        // Kestrel cannot report the port it picked for ":0" through WireMock, so pick a free one first
        // and retry if another process takes it in between.
        Exception? lastError = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var port = _options.Port != 0 ? _options.Port : FreePort(address ?? IPAddress.Loopback);
            try
            {
                _server = WireMockServer.Start(CreateSettings(port));
                if (_server.IsStarted)
                {
                    Url = new Uri($"http://{(address is { AddressFamily: AddressFamily.InterNetworkV6 } ? $"[{address}]" : _options.Host)}:{port}/");
                    _media.RecogniseOwnUrls(IsOwnUrl);
                    _links.ServeFrom(new Uri(Url, $"{AdminPathPrefix}results/"));
                    Map(_server);
                    return;
                }

                _server.Dispose();
            }
            catch (Exception e) when (e is IOException or SocketException or InvalidOperationException or TimeoutException)
            {
                lastError = e;
            }

            if (_options.Port != 0)
            {
                break;
            }
        }

        throw new InvalidOperationException($"The emulator could not start on {_options.Host}.", lastError);
    }

    private WireMockServerSettings CreateSettings(int port) => new()
    {
        Urls = new[] { $"http://{(_options.Host.Contains(':', StringComparison.Ordinal) ? $"[{_options.Host}]" : _options.Host)}:{port}" },
        StartAdminInterface = false,
        Logger = new WireMockNullLogger(),
        MaxRequestLogCount = 0,
        DisableJsonBodyParsing = true,
        DisableRequestBodyDecompressing = true,
        DoNotSaveDynamicResponseInLogEntry = true,
        PreWireMockMiddlewareInit = app => ((IApplicationBuilder)app).Use(ConnectionLevelMiddleware),
    };

    /// <summary>
    /// Runs before WireMock for the two faults that cannot be expressed as a response: a dropped
    /// connection, and a body too large to read (refused on its Content-Length, before it is buffered).
    /// </summary>
    private async Task ConnectionLevelMiddleware(HttpContext context, RequestDelegate next)
    {
        // Neither fault can apply without a scripted fault or an over-long body: most requests skip routing here.
        if (!_faults.HasRules && !(context.Request.ContentLength > _options.MaxRequestBodyBytes))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var operation = _router.Resolve(context.Request.Method, context.Request.Path.Value ?? "/", out _, out _);
        if (operation is not null && _faults.TryTake(operation.Endpoint, k => k == FaultKind.DropConnection) is { } drop)
        {
            RecordInJournal(context.Request.Method, context.Request.Path + context.Request.QueryString, operation.Endpoint, null, 0, null, null, null, drop.Kind.ToString());
            context.Abort();
            return;
        }

        if (operation is not null && context.Request.ContentLength > _options.MaxRequestBodyBytes)
        {
            var requestId = NewRequestId();
            var error = Schema.Error("invalidParameter");
            RecordInJournal(context.Request.Method, context.Request.Path + context.Request.QueryString, operation.Endpoint, null, error.Status, error.Code, requestId, null, null);
            context.Response.StatusCode = error.Status;
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(_json.Error(error, requestId)).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private void Map(WireMockServer server)
    {
        // One catch-all mapping. WireMock scores every mapping against every request, so one mapping per
        // schema path (each a regex) made each request pay for all of them; the schema's router below
        // decides instead, with the same precedence: admin path, then the API paths, then 404/405.
        server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithCallback(Dispatch));
    }

    /// <summary>Answers one request the way the server does (internal so benchmarks can time it without HTTP).</summary>
    internal Task<IResponseMessage> Dispatch(IRequestMessage request)
    {
        if (AdminApi.Owns(request.Path))
        {
            return Task.FromResult(_admin.Handle(request).ToResponseMessage());
        }

        var operation = _router.Resolve(request.Method, request.Path, out var pathKnown, out var pathParameter);
        return operation is not null
            ? HandleApiAsync(operation, pathParameter, request)
            : Task.FromResult(HandleUnmatched(request, pathKnown));
    }

    private bool IsOwnUrl(Uri uri) => uri.Port == Url.Port && MediaLibrary.IsLoopback(uri);

    private double? RateLimitOf(EmulatorEndpoint endpoint)
    {
        if (_options.DisableRateLimits)
        {
            return null;
        }

        return _options.RateLimitOverrides.TryGetValue(endpoint, out var overridden)
            ? overridden
            : Schema.Operations.TryGetValue(endpoint, out var operation) ? operation.RequestsPerSecond : null;
    }

    private static int FreePort(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string NewRequestId() => Uuid.NewText();
}
