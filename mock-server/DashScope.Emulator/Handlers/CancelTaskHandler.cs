using DashScope.Emulator.Http;
using DashScope.Emulator.Pipeline;
using DashScope.Emulator.Schema;
using DashScope.Emulator.Tasks;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Handlers;

/// <summary>The task cancel: accepted in the schema's cancelable statuses, otherwise (or for a task this account cannot see) unsupported.</summary>
internal sealed class CancelTaskHandler : IOperationHandler
{
    private readonly TaskBoard _board;
    private readonly LivePortraitSchema _schema;
    private readonly DashScopeJson _json;
    private readonly HashSet<string> _cancelable;

    public CancelTaskHandler(TaskBoard board, LivePortraitSchema schema, DashScopeJson json)
    {
        _board = board;
        _schema = schema;
        _json = json;
        _cancelable = schema.CancelableStatuses.ToHashSet(StringComparer.Ordinal);
    }

    public OperationKind Kind => OperationKind.TaskCancel;

    public ValueTask<Answer> HandleAsync(RequestContext context)
    {
        var taskId = context.PathParameter!;
        return ValueTask.FromResult(_board.Cancel(context.AccountId!, taskId, _cancelable)
            ? Answer.Json(200, _json.CancelAccepted(context.RequestId), taskId: taskId)
            : _json.ErrorAnswer(_schema.Error(ProtocolError.UnsupportedOperation), context.RequestId) with { TaskId = taskId });
    }
}
