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
internal sealed class EmulatorServer : IDisposable
{
    private readonly EmulatorOptions _options;
    private readonly AdminApi _admin;
    private readonly RequestPipeline _pipeline;
    private readonly ConnectionGate _gate;
    private readonly TemporaryStorage? _storage;
    private readonly EventStream? _events;
    private readonly Func<HttpContext, RequestDelegate, Task>? _interceptor;
    private WireMockServer? _server;

    public EmulatorServer(EmulatorOptions options, AdminApi admin, RequestPipeline pipeline, TemporaryStorage? storage = null, EventStream? events = null, Func<HttpContext, RequestDelegate, Task>? interceptor = null)
    {
        _interceptor = interceptor;
        _options = options;
        _storage = storage;
        _events = events;
        _admin = admin;
        _pipeline = pipeline;
        _gate = new ConnectionGate(pipeline, options.MaxRequestBodyBytes);
    }

    public bool IsStarted => _server?.IsStarted == true;

    /// <summary>Starts listening; <paramref name="listening"/> learns the root URL before the first request is answered.</summary>
    public void Start(Action<Uri> listening)
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
                    listening(new Uri($"http://{(address is { AddressFamily: AddressFamily.InterNetworkV6 } ? $"[{address}]" : _options.Host)}:{port}/"));
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

    /// <summary>Answers one request the way the server does (benchmarks call it without HTTP).</summary>
    public async Task<IResponseMessage> DispatchAsync(IRequestMessage request)
    {
        if (AdminApi.Owns(request.Path))
        {
            return _admin.Handle(request).ToResponseMessage();
        }

        var context = _gate.Carried ?? new RequestContext(request.Method, request.Path);
        context.Message = request;
        return (await _pipeline.RunAsync(context).ConfigureAwait(false)).ToResponseMessage();
    }

    public void Dispose()
    {
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
            var builder = (IApplicationBuilder)app;
            if (_events is not null)
            {
                // The dashboard's event stream never finishes, so it is written here, not as a WireMock answer.
                builder.Use(_events.InvokeAsync);
            }

            if (_interceptor is not null)
            {
                // Recording and replaying answer API requests before the emulator's own storage and pipeline do.
                builder.Use(_interceptor);
            }

            if (_storage is not null)
            {
                // Uploads are binary multipart streams: they are answered here, never buffered as WireMock text.
                builder.Use(_storage.InvokeAsync);
            }

            builder.Use(_gate.InvokeAsync);
        },
    };

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
