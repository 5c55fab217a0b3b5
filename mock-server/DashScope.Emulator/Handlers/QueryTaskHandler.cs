using DashScope.Emulator.Http;
using DashScope.Emulator.Pipeline;
using DashScope.Emulator.Results;
using DashScope.Emulator.Schema;
using DashScope.Emulator.Tasks;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Handlers;

/// <summary>The task query: always 200; UNKNOWN for a task that never existed, has expired or belongs to another account.</summary>
internal sealed class QueryTaskHandler : IOperationHandler
{
    private readonly TaskBoard _board;
    private readonly ResultLinks _links;
    private readonly DashScopeJson _json;

    public QueryTaskHandler(TaskBoard board, ResultLinks links, DashScopeJson json)
    {
        _board = board;
        _links = links;
        _json = json;
    }

    public OperationKind Kind => OperationKind.TaskQuery;

    public ValueTask<Answer> HandleAsync(RequestContext context)
    {
        var taskId = context.PathParameter!;
        var task = _board.Find(taskId);
        if (task is not null && task.AccountId != context.AccountId)
        {
            // Another account's task does not exist as far as this key can tell.
            task = null;
        }

        var videoUrl = task is { Status: EmulatedTaskStatus.Succeeded } ? _links.LinkFor(task) : null;
        return ValueTask.FromResult(Answer.Json(200, _json.Task(taskId, task, videoUrl, context.RequestId), taskId: taskId));
    }
}
