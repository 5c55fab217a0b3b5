using System.Net;
using System.Net.Sockets;
using DashScope.Emulator.Admin;
using DashScope.Emulator.Dashboard;
using DashScope.Emulator.Pipeline;
using DashScope.Emulator.Uploads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WireMock;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace DashScope.Emulator.Hosting;

/// <summary>
/// The WireMock server the emulator answers on: one catch-all mapping whose callback hands the admin path to
/// the admin API and everything else to the request pipeline, behind the connection gate middleware.
/// </summary>
/// <remarks>
/// Starting WireMock (ASP.NET Core, Kestrel) and building the emulator from its schema are independent, so they run at
/// the same time: <see cref="Listen"/> binds the port while the emulator is still being built, and
/// <see cref="Serve"/> hands over the parts that answer. A request that arrives in between waits for them.
/// </remarks>
internal sealed class EmulatorServer : IDisposable
{
    private readonly EmulatorOptions _options;
    private readonly TaskCompletionSource<bool> _served = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private AdminApi? _admin;
    private RequestPipeline? _pipeline;
    private ConnectionGate? _gate;
    private TemporaryStorage? _storage;
    private EventStream? _events;
    private Func<HttpContext, RequestDelegate, Task>? _interceptor;
    private WireMockServer? _server;

    public EmulatorServer(EmulatorOptions options) => _options = options;

    public bool IsStarted => _server?.IsStarted == true && _served.Task.IsCompletedSuccessfully && _served.Task.Result;

    /// <summary>
    /// Starts listening and returns the root URL; requests wait until <see cref="Serve"/> (or are refused with 503 if
    /// the emulator is disposed first).
    /// </summary>
    public Uri Listen()
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
                    Map(_server);
                    return new Uri($"http://{(address is { AddressFamily: AddressFamily.InterNetworkV6 } ? $"[{address}]" : _options.Host)}:{port}/");
                }

                _server.Dispose();
                _server = null;
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

    /// <summary>Hands over the parts that answer, and lets the requests that waited for them through.</summary>
    public void Serve(AdminApi admin, RequestPipeline pipeline, TemporaryStorage? storage, EventStream? events, Func<HttpContext, RequestDelegate, Task>? interceptor)
    {
        _admin = admin;
        _pipeline = pipeline;
        _gate = new ConnectionGate(pipeline, _options.MaxRequestBodyBytes);
        _storage = storage;
        _events = events;
        _interceptor = interceptor;
        _served.TrySetResult(true);
    }

    /// <summary>Answers one request the way the server does (benchmarks call it without HTTP).</summary>
    public async Task<IResponseMessage> DispatchAsync(IRequestMessage request)
    {
        if (AdminApi.Owns(request.Path))
        {
            return _admin!.Handle(request).ToResponseMessage();
        }

        var context = _gate!.Carried ?? new RequestContext(request.Method, request.Path);
        context.Message = request;
        return (await _pipeline!.RunAsync(context).ConfigureAwait(false)).ToResponseMessage();
    }

    public void Dispose()
    {
        // Requests still waiting for an emulator that was never built are refused, or stopping would wait for them.
        _served.TrySetResult(false);
        _server?.Stop();
        _server?.Dispose();
        _server = null;
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
        PreWireMockMiddlewareInit = app =>
        {
            // Registered before the parts exist (see Serve); each stage reads its part per request, after the wait.
            var builder = (IApplicationBuilder)app;

            // The dashboard's event stream never finishes, so it is written here, not as a WireMock answer.
            builder.Use(InvokeEventsAsync);

            // Recording and replaying answer API requests before the emulator's own storage and pipeline do.
            builder.Use((http, next) => _interceptor is { } interceptor ? interceptor(http, next) : next(http));

            // Uploads are binary multipart streams: they are answered here, never buffered as WireMock text.
            builder.Use((http, next) => _storage is { } storage ? storage.InvokeAsync(http, next) : next(http));
            builder.Use((http, next) => _gate!.InvokeAsync(http, next));
        },
    };

    // The first stage: holds a request that arrives while the emulator is still being built.
    private Task InvokeEventsAsync(HttpContext http, RequestDelegate next)
    {
        if (!_served.Task.IsCompleted)
        {
            return WaitThenInvokeEventsAsync(http, next);
        }

        if (!_served.Task.Result)
        {
            return RefuseAsync(http);
        }

        return _events is { } events ? events.InvokeAsync(http, next) : next(http);
    }

    private async Task WaitThenInvokeEventsAsync(HttpContext http, RequestDelegate next)
    {
        await _served.Task.ConfigureAwait(false);
        await InvokeEventsAsync(http, next).ConfigureAwait(false);
    }

    private static Task RefuseAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return Task.CompletedTask;
    }

    private void Map(WireMockServer server)
    {
        // One catch-all mapping. WireMock scores every mapping against every request, so one mapping per
        // schema path (each a regex) made each request pay for all of them; the pipeline's router decides instead.
        server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithCallback(DispatchAsync));
    }

    private static int FreePort(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
