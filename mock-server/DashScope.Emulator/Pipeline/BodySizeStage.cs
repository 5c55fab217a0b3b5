using DashScope.Emulator.Http;
using DashScope.Emulator.Schema;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Pipeline;

/// <summary>
/// Refuses, in its turn, a body over the size limit or one that could not be read (400 invalid parameter). The body is
/// read before any stage runs, by <see cref="RequestBodyReader"/>; this stage keeps the refusal in the service's order.
/// </summary>
internal sealed class BodySizeStage : IRequestStage
{
    private readonly LivePortraitSchema _schema;
    private readonly DashScopeJson _json;

    public BodySizeStage(LivePortraitSchema schema, DashScopeJson json)
    {
        _schema = schema;
        _json = json;
    }

    public ValueTask<Answer?> RunAsync(RequestContext context) =>
        ValueTask.FromResult(context.BodyRefused ? _json.ErrorAnswer(_schema.Error(ProtocolError.InvalidParameter), context.RequestId) : null);
}
