using DashScope.Emulator.Accounts;
using DashScope.Emulator.Http;
using DashScope.Emulator.Media;
using DashScope.Emulator.Pipeline;
using DashScope.Emulator.Schema;
using DashScope.Emulator.Tasks;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Handlers;

/// <summary>
/// The asynchronous submit: creates a task and answers PENDING. Media problems never fail the submit; they
/// become a FAILED task, as on the service, which fetches the files after accepting the task.
/// </summary>
internal sealed class SubmitTaskHandler : IOperationHandler
{
    private readonly TaskBoard _board;
    private readonly AccountRegistry _accounts;
    private readonly MediaChecker _media;
    private readonly LivePortraitSchema _schema;
    private readonly DashScopeJson _json;
    private readonly int? _maxUnfinishedPerAccount;

    public SubmitTaskHandler(TaskBoard board, AccountRegistry accounts, MediaChecker media, LivePortraitSchema schema, DashScopeJson json, int? maxUnfinishedPerAccount)
    {
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
        if (_maxUnfinishedPerAccount is { } maxUnfinished && _board.Snapshot(accountId).Count(t => !t.IsTerminal) >= maxUnfinished)
        {
            return _json.ErrorAnswer(_schema.Error(ProtocolError.Throttling), context.RequestId);
        }

        var body = context.ValidBody!;
        var verdict = await _media.CheckAsync(context.Operation!, body, CancellationToken.None).ConfigureAwait(false);
        var failure = verdict.Failure ?? (verdict.NoFace ? _schema.TaskError(TaskFailure.NoHumanFace) : null);
        var task = _board.Submit(new NewTask(
            accountId,
            _accounts.KeyIdOf(context.ApiKey!),
            (string)body["model"]!,
            context.RequestId,
            (string?)body.SelectToken("input.image_url"),
            (string?)body.SelectToken("input.audio_url"),
            verdict.AudioDurationSeconds,
            failure?.Code,
            failure?.Message));

        // The service acknowledges every accepted submit as PENDING, whatever happens next.
        return Answer.Json(200, _json.Submission(task.TaskId, EmulatedTaskStatus.Pending, context.RequestId), taskId: task.TaskId);
    }
}
