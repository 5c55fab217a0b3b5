using System.Net;
using System.Net.Sockets;
using DashScope.Emulator.Admin;
using DashScope.Emulator.Dashboard;
using DashScope.Emulator.Http;
using DashScope.Emulator.Pipeline;
using DashScope.Emulator.Schema;
using DashScope.Emulator.Uploads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace DashScope.Emulator.Hosting;

/// <summary>
/// The WireMock server the emulator answers on: middleware ahead of WireMock answers the API (<see cref="ApiMiddleware"/>),
/// uploads, recording and the event stream; WireMock's one catch-all mapping answers the admin path.
/// </summary>
/// <remarks>
/// Starting WireMock (ASP.NET Core, Kestrel) and building the emulator from its schema are independent, so they run at
/// the same time: <see cref="Listen"/> binds the port while the emulator is still being built, and
/// <see cref="Serve"/> hands over the parts that answer. A request that arrives in between waits for them.
/// The parts are published once, as one immutable <see cref="ServedParts"/>, so a request sees all of them or none.
/// </remarks>
internal sealed class EmulatorServer : IDisposable
{
    private readonly EmulatorOptions _options;

    // Completed once: with the parts by Serve, or with null by Dispose when the emulator was never built.
    private readonly TaskCompletionSource<ServedParts?> _served = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WireMockServer? _server;

    public EmulatorServer(EmulatorOptions options) => _options = options;

    public bool IsStarted => _server?.IsStarted == true && _served.Task is { IsCompletedSuccessfully: true, Result: not null };

    /// <summary>
    /// Starts listening and returns the root URL; requests wait until <see cref="Serve"/> (or are refused with 503 in
    /// DashScope's error envelope if the emulator is disposed first).
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
            if (_options.Port != 0)
            {
                ProbeFixedPort(address, port);
            }

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
        // Once disposed, the server keeps refusing: the parts are not published.
        _served.TrySetResult(new ServedParts(admin, new ApiMiddleware(pipeline), storage, events, interceptor));
    }

    /// <summary>Answers one API request the way the server does (benchmarks call it without a socket).</summary>
    public Task AnswerApiAsync(HttpContext http) => Served.Api.AnswerAsync(http);

    public void Dispose()
    {
        // Requests still waiting for an emulator that was never built are refused, or stopping would wait for them.
        _served.TrySetResult(null);
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
            // Registered before the parts exist (see Serve). The first stage waits for them; the later ones run only
            // after it, so they read the parts already published.
            var builder = (IApplicationBuilder)app;

            // The dashboard's event stream never finishes, so it is written here, not as a WireMock answer.
            builder.Use(InvokeEventsAsync);

            // Recording and replaying answer API requests before the emulator's own storage and pipeline do.
            builder.Use((http, next) => Served.Interceptor is { } interceptor ? interceptor(http, next) : next(http));

            // Uploads are binary multipart streams: they are answered here, never buffered as WireMock text.
            builder.Use((http, next) => Served.Storage is { } storage ? storage.InvokeAsync(http, next) : next(http));
            builder.Use((http, next) => Served.Api.InvokeAsync(http, next));
        },
    };

    /// <summary>The parts that answer; only read once the first stage has let the request through.</summary>
    private ServedParts Served => _served.Task is { IsCompletedSuccessfully: true, Result: { } parts }
        ? parts
        : throw new InvalidOperationException("The emulator does not serve yet.");

    // The first stage: holds a request that arrives while the emulator is still being built.
    private Task InvokeEventsAsync(HttpContext http, RequestDelegate next)
    {
        if (!_served.Task.IsCompleted)
        {
            return WaitThenInvokeEventsAsync(http, next);
        }

        if (_served.Task.Result is not { } parts)
        {
            return RefuseAsync(http);
        }

        return parts.Events is { } events ? events.InvokeAsync(http, next) : next(http);
    }

    private async Task WaitThenInvokeEventsAsync(HttpContext http, RequestDelegate next)
    {
        _options.StartHold?.OnRequestWaiting();
        await _served.Task.ConfigureAwait(false);
        await InvokeEventsAsync(http, next).ConfigureAwait(false);
    }

    // The schema may be what failed, so the refusal is DashScope's flat envelope with a code of the emulator's own.
    private static Task RefuseAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.ContentType = "application/json";
        var refusal = new DashScopeError(StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable", "The emulator did not start; it is stopping.");
        return http.Response.Body.WriteAsync(DashScopeJson.ErrorBody(refusal, Uuid.NewText()), http.RequestAborted).AsTask();
    }

    private void Map(WireMockServer server)
    {
        // Only the admin path gets this far: the API middleware answers every other request.
        server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithCallback(request => Served.Admin.Handle(request).ToResponseMessage()));
    }

    /// <summary>
    /// Fails at once, naming the address and port, when a fixed port cannot be listened on. WireMock reports a bind
    /// failure only when its start timeout (10 s) has passed. For <c>localhost</c>, as Kestrel binds both loopback
    /// addresses, both are tried (IPv6 only where the machine has it).
    /// </summary>
    private void ProbeFixedPort(IPAddress? address, int port)
    {
        if (address is not null)
        {
            var endpoint = new IPEndPoint(address, port);
            Probe(endpoint, endpoint.ToString());
            return;
        }

        var named = $"{_options.Host}:{port}";
        Probe(new IPEndPoint(IPAddress.Loopback, port), named);
        if (Socket.OSSupportsIPv6)
        {
            Probe(new IPEndPoint(IPAddress.IPv6Loopback, port), named, onlyWhenInUse: true);
        }
    }

    private static void Probe(IPEndPoint endpoint, string named, bool onlyWhenInUse = false)
    {
        // A plain bind, as Kestrel's: on Linux .NET binds with SO_REUSEADDR itself, so a closed connection lingering in
        // TIME_WAIT does not count as taken, and a listener does. Exclusive use keeps Windows from binding over a
        // listener that did not ask for it.
        using var probe = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (OperatingSystem.IsWindows())
        {
            probe.ExclusiveAddressUse = true;
        }

        try
        {
            probe.Bind(endpoint);
            probe.Listen(1);
        }
        catch (SocketException e) when (!onlyWhenInUse || e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new InvalidOperationException($"The emulator could not listen on {named}: {e.Message}.", e);
        }
        catch (SocketException)
        {
            // Loopback IPv6 unusable here (no address configured): Kestrel will do without it too.
        }
    }

    private static int FreePort(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Everything that answers, handed over at once by <see cref="Serve"/>.</summary>
    private sealed record ServedParts(
        AdminApi Admin,
        ApiMiddleware Api,
        TemporaryStorage? Storage,
        EventStream? Events,
        Func<HttpContext, RequestDelegate, Task>? Interceptor);
}
