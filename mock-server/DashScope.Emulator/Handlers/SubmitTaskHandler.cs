using DashScope.Emulator.Accounts;
using DashScope.Emulator.Http;
using DashScope.Emulator.Media;
using DashScope.Emulator.Pipeline;
using DashScope.Emulator.Schema;
using DashScope.Emulator.Tasks;
using DashScope.Emulator.Validation;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Handlers;

/// <summary>
/// The asynchronous submit: creates a task and answers PENDING. By default media problems never fail the submit; they
/// become a FAILED task, as on the service, which fetches the files after accepting the task
/// (<see cref="MediaProblemAnswer"/> chooses).
/// </summary>
internal sealed class SubmitTaskHandler : IOperationHandler
{
    private readonly TaskBoard _board;
    private readonly AccountRegistry _accounts;
    private readonly MediaChecker _media;
    private readonly LivePortraitSchema _schema;
    private readonly DashScopeJson _json;
    private readonly int? _maxUnfinishedPerAccount;
    private readonly MediaProblemAnswer _mediaProblem;

    public SubmitTaskHandler(
        TaskBoard board,
        AccountRegistry accounts,
        MediaChecker media,
        LivePortraitSchema schema,
        DashScopeJson json,
        int? maxUnfinishedPerAccount,
        MediaProblemAnswer mediaProblem = MediaProblemAnswer.FailedTask)
    {
        _mediaProblem = mediaProblem;
        _board = board;
        _accounts = accounts;
        _media = media;
        _schema = schema;
        _json = json;
        _maxUnfinishedPerAccount = maxUnfinishedPerAccount;
    }

    public OperationKind Kind => OperationKind.Async;

    public async ValueTask<Answer> HandleAsync(RequestContext context)
    {
        var accountId = context.AccountId!;
        if (_maxUnfinishedPerAccount is { } maxUnfinished && _board.CountUnfinished(accountId) >= maxUnfinished)
        {
            return _json.ErrorAnswer(_schema.Error(ProtocolError.Throttling), context.RequestId);
        }

        var body = context.Values!;
        var operation = context.Operation!;
        // A task already failing on its URL is not fetched: the service would never reach its media.
        var verdict = context.UrlTaskFailure is null
            ? await _media.CheckAsync(operation, body, context, CancellationToken.None).ConfigureAwait(false)
            : new MediaVerdict(context.UrlTaskFailure, new double?[operation.MediaRules.Count], null);
        if (verdict.Refusal is { } refusal)
        {
            // Refused before a task exists, as the service refuses a stored-file URL it was not asked to resolve.
            return _json.ErrorAnswer(refusal, context.RequestId);
        }

        if (_mediaProblem == MediaProblemAnswer.RefuseSubmit400 && context.UrlTaskFailure is null && verdict.Failure is { } mediaFailure)
        {
            // The face is the algorithm's finding, so a faceless image still makes a FAILED task; only fetch and limits refuse.
            return _json.ErrorAnswer(mediaFailure with { Status = 400 }, context.RequestId);
        }

        var failure = verdict.Failure ?? (verdict.NoFace ? _schema.TaskError(TaskFailure.NoHumanFace) : null);
        var taskId = _board.SubmitForId(new NewTask(
            operation.Endpoint,
            operation.MaxRunningTasksPerAccount,
            accountId,
            _accounts.KeyIdOf(context.ApiKey!),
            body.Model ?? operation.Model ?? string.Empty,
            context.RequestId,
            FirstUrl(operation, body, MediaKind.Image),
            FirstUrl(operation, body, MediaKind.Audio),
            verdict.AudioDurationSeconds,
            failure?.Code,
            failure?.Message,
            verdict.Seconds));

        // The service acknowledges every accepted submit as PENDING, whatever happens next.
        return Answer.Json(200, _json.Submission(taskId, EmulatedTaskStatus.Pending, context.RequestId, operation.Endpoint), taskId: taskId);
    }

    /// <summary>The URL the request gives for the first media rule of <paramref name="kind"/>, shown on the task.</summary>
    private static string? FirstUrl(OperationDefinition operation, ValidatedBody body, MediaKind kind)
    {
        for (var i = 0; i < operation.MediaRules.Count; i++)
        {
            if (operation.MediaRules[i].Kind == kind)
            {
                return body.MediaUrl(i);
            }
        }

        return null;
    }
}
