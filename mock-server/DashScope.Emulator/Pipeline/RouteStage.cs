using DashScope.Emulator.Http;
using DashScope.Emulator.Schema;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Pipeline;

/// <summary>
/// Finds the schema operation for the method and path, once per request (the API middleware may already have
/// done it, to take a drop-connection fault), and answers a request that names none: 404 for an unknown path, 405 for a known
/// path with the wrong method, both in the schema's invalid-URL envelope.
/// </summary>
internal sealed class RouteStage : IRequestStage
{
    private readonly EndpointRouter _router;
    private readonly LivePortraitSchema _schema;
    private readonly DashScopeJson _json;

    public RouteStage(EndpointRouter router, LivePortraitSchema schema, DashScopeJson json)
    {
        _router = router;
        _schema = schema;
        _json = json;
    }

    /// <summary>Looks the route up unless it already has been.</summary>
    public void Resolve(RequestContext context)
    {
        if (!context.IsRouted)
        {
            var operation = _router.Resolve(context.Method, context.Path, out var pathKnown, out var parameter);
            context.SetRoute(operation, pathKnown, parameter);
        }
    }

    public ValueTask<Answer?> RunAsync(RequestContext context)
    {
        Resolve(context);
        if (context.Operation is not null)
        {
            return ValueTask.FromResult<Answer?>(null);
        }

        var error = _schema.Error(ProtocolError.InvalidUrl) with { Status = context.PathKnown ? 405 : 404 };
        return ValueTask.FromResult<Answer?>(_json.ErrorAnswer(error, context.RequestId));
    }
}
