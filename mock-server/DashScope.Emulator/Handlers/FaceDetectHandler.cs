using DashScope.Emulator.Http;
using DashScope.Emulator.Media;
using DashScope.Emulator.Pipeline;
using DashScope.Emulator.Schema;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Handlers;

/// <summary>The synchronous call (face detection): checks the portrait now and answers pass or fail.</summary>
internal sealed class FaceDetectHandler : IOperationHandler
{
    private readonly MediaChecker _media;
    private readonly LivePortraitSchema _schema;
    private readonly DashScopeJson _json;

    public FaceDetectHandler(MediaChecker media, LivePortraitSchema schema, DashScopeJson json)
    {
        _media = media;
        _schema = schema;
        _json = json;
    }

    public OperationKind Kind => OperationKind.Sync;

    public async ValueTask<Answer> HandleAsync(RequestContext context)
    {
        var verdict = await _media.CheckAsync(context.Operation!, context.ValidBody!, CancellationToken.None).ConfigureAwait(false);
        if (verdict.Failure is { } failure)
        {
            // Synchronous, so a media problem is an HTTP 400 with the task-error code, not a FAILED task.
            return _json.ErrorAnswer(failure with { Status = 400 }, context.RequestId);
        }

        return verdict.NoFace
            ? Answer.Json(200, _json.FaceDetect(false, _schema.TaskError(TaskFailure.NoHumanFace).Message, context.RequestId))
            : Answer.Json(200, _json.FaceDetect(true, "", context.RequestId));
    }
}
