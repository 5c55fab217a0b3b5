using System.Text;
using DashScope.Emulator.Http;
using DashScope.Emulator.Schema;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Pipeline;

/// <summary>
/// Reads the body as text and refuses one over the size limit (400 invalid parameter). A body whose
/// Content-Length was already over the limit never reached WireMock (see <see cref="ConnectionGate"/>); one
/// sent without a length (chunked) is measured here.
/// </summary>
internal sealed class BodySizeStage : IRequestStage
{
    private readonly long _maxBytes;
    private readonly LivePortraitSchema _schema;
    private readonly DashScopeJson _json;

    public BodySizeStage(long maxBytes, LivePortraitSchema schema, DashScopeJson json)
    {
        _maxBytes = maxBytes;
        _schema = schema;
        _json = json;
    }

    public ValueTask<Answer?> RunAsync(RequestContext context)
    {
        var data = context.Message?.BodyData;
        var body = data?.BodyAsString ?? (data?.BodyAsBytes is { } bytes ? Encoding.UTF8.GetString(bytes) : null);
        if (context.BodyWithheld || (body is not null && Encoding.UTF8.GetByteCount(body) > _maxBytes))
        {
            return ValueTask.FromResult<Answer?>(_json.ErrorAnswer(_schema.Error(ProtocolError.InvalidParameter), context.RequestId));
        }

        context.Body = body;
        return ValueTask.FromResult<Answer?>(null);
    }
}
