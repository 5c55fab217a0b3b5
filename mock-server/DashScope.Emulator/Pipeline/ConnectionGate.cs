using DashScope.Emulator.Admin;
using Microsoft.AspNetCore.Http;

namespace DashScope.Emulator.Pipeline;

/// <summary>
/// The part of the pipeline that must run in ASP.NET Core, before WireMock: dropping a connection (a fault
/// no response can express), and keeping WireMock from buffering a body whose Content-Length is already over
/// the limit. The request it routed travels on to the WireMock callback, so it is routed only once.
/// </summary>
internal sealed class ConnectionGate
{
    // Flows with the request from this middleware into WireMock's callback; set only on the slow path.
    private readonly AsyncLocal<RequestContext?> _carried = new();
    private readonly RequestPipeline _pipeline;
    private readonly long _maxBodyBytes;

    public ConnectionGate(RequestPipeline pipeline, long maxBodyBytes)
    {
        _pipeline = pipeline;
        _maxBodyBytes = maxBodyBytes;
    }

    /// <summary>The context this gate began for the current request, if it began one.</summary>
    public RequestContext? Carried => _carried.Value;

    public Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        // Without a queued fault or an over-long body there is nothing to do here: most requests skip routing.
        var request = http.Request;
        if ((!_pipeline.Faults.HasFaults && !(request.ContentLength > _maxBodyBytes)) || AdminApi.Owns(request.Path.Value ?? "/"))
        {
            return next(http);
        }

        return GateAsync(http, next);
    }

    private async Task GateAsync(HttpContext http, RequestDelegate next)
    {
        var request = http.Request;
        var context = new RequestContext(request.Method, request.Path.Value ?? "/");
        _pipeline.Route.Resolve(context);
        if (_pipeline.Faults.TryTakeDrop(context))
        {
            _pipeline.RecordDropped(context, request.Path + request.QueryString);
            http.Abort();
            return;
        }

        if (context.Operation is not null && request.ContentLength > _maxBodyBytes)
        {
            // The body-size stage refuses it in its turn; until then nobody needs its bytes.
            request.Body = Stream.Null;
            context.BodyWithheld = true;
        }

        _carried.Value = context;
        await next(http).ConfigureAwait(false);
    }
}
