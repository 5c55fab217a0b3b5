using DashScope.Emulator.Handlers;
using DashScope.Emulator.Http;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Pipeline;

/// <summary>The last stage: hands a request that passed every check to the handler of its operation's kind.</summary>
internal sealed class OperationStage : IRequestStage
{
    private readonly IOperationHandler[] _handlers;

    public OperationStage(IEnumerable<IOperationHandler> handlers)
    {
        var kinds = Enum.GetValues<OperationKind>();
        var byKind = new IOperationHandler?[kinds.Length];
        foreach (var handler in handlers)
        {
            byKind[(int)handler.Kind] = handler;
        }

        // Every kind an operation can have is answered, so every operation of any schema is served.
        var missing = kinds.Where(k => byKind[(int)k] is null).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException("No handler answers operations of kind " + string.Join(", ", missing) + ".");
        }

        _handlers = byKind!;
    }

    public ValueTask<Answer?> RunAsync(RequestContext context)
    {
        // Queries, cancels and lists finish synchronously: no state machine for them.
        var answer = _handlers[(int)context.Operation!.Kind].HandleAsync(context);
        return answer.IsCompletedSuccessfully ? ValueTask.FromResult<Answer?>(answer.Result) : AwaitAsync(answer);
    }

    private static async ValueTask<Answer?> AwaitAsync(ValueTask<Answer> answer) => await answer.ConfigureAwait(false);
}
