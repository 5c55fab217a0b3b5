using DashScope.Emulator.Http;
using DashScope.Emulator.Media;
using DashScope.Emulator.Pipeline;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Handlers;

/// <summary>
/// A synchronous call (face detection, or any other the schema has): checks the media its request names now, and
/// answers its response model, filled from those media and the schema.
/// </summary>
internal sealed class SyncCallHandler : IOperationHandler
{
    private readonly MediaChecker _media;
    private readonly DashScopeJson _json;

    public SyncCallHandler(MediaChecker media, DashScopeJson json)
    {
        _media = media;
        _json = json;
    }

    public OperationKind Kind => OperationKind.Sync;

    public async ValueTask<Answer> HandleAsync(RequestContext context)
    {
        var operation = context.Operation!;
        var verdict = await _media.CheckAsync(operation, context.Values!, context, CancellationToken.None).ConfigureAwait(false);
        if (verdict.Refusal is { } refusal)
        {
            return _json.ErrorAnswer(refusal, context.RequestId);
        }

        if (verdict.Failure is { } failure)
        {
            // Synchronous, so a media problem is an HTTP 400 with the task-error code, not a FAILED task.
            return _json.ErrorAnswer(failure with { Status = 400 }, context.RequestId);
        }

        return Answer.Json(200, _json.SyncAnswer(operation.Endpoint, context.RequestId, verdict));
    }
}
