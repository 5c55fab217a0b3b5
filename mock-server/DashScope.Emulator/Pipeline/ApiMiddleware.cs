using DashScope.Emulator.Admin;
using DashScope.Emulator.Http;
using Microsoft.AspNetCore.Http;

namespace DashScope.Emulator.Pipeline;

/// <summary>
/// Answers every request outside the admin path in ASP.NET Core, ahead of WireMock's own request handling: routes it
/// once, takes a drop-connection fault (only here can a connection be aborted), runs the pipeline and writes its answer.
/// </summary>
/// <remarks>
/// WireMock.Net hosts the server and answers the admin path through its catch-all mapping. API requests skip its
/// request and response mapping (its message types, mapping scoring and body sniffing), which cost each request more
/// than the emulator's own checks do; the pipeline reads headers, query and body from ASP.NET Core directly.
/// </remarks>
internal sealed class ApiMiddleware
{
    private readonly RequestPipeline _pipeline;

    /// <summary>Answers with <paramref name="pipeline"/>, the one every API request goes through.</summary>
    public ApiMiddleware(RequestPipeline pipeline) => _pipeline = pipeline;

    /// <summary>Answers an API request here; hands an admin request on to WireMock.</summary>
    public Task InvokeAsync(HttpContext http, RequestDelegate next) =>
        AdminApi.Owns(http.Request.Path.Value ?? "/") ? next(http) : AnswerAsync(http);

    /// <summary>Answers one API request; the response is written unless the client went away or the connection was dropped.</summary>
    public async Task AnswerAsync(HttpContext http)
    {
        var context = new RequestContext(http.Request);
        if (_pipeline.Faults.HasFaults)
        {
            _pipeline.Route.Resolve(context);
            if (_pipeline.Faults.TryTakeDrop(context))
            {
                _pipeline.RecordDropped(context, context.Path + http.Request.QueryString);
                context.CloseConnection();
                return;
            }
        }

        if (await _pipeline.RunAsync(context).ConfigureAwait(false) is { } answer)
        {
            await answer.WriteAsync(http.Response).ConfigureAwait(false);
        }
    }
}
