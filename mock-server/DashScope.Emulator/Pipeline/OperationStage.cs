using DashScope.Emulator.Handlers;
using DashScope.Emulator.Http;
using DashScope.Emulator.Schema;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Pipeline;

/// <summary>The last stage: hands a request that passed every check to the handler of its operation's kind.</summary>
internal sealed class OperationStage : IRequestStage
{
    private readonly IOperationHandler?[] _handlers;
    private readonly LivePortraitSchema _schema;
    private readonly DashScopeJson _json;

    public OperationStage(IEnumerable<IOperationHandler> handlers, LivePortraitSchema schema, DashScopeJson json)
    {
        _handlers = new IOperationHandler?[Enum.GetValues<OperationKind>().Length];
        foreach (var handler in handlers)
        {
            _handlers[(int)handler.Kind] = handler;
        }

        _schema = schema;
        _json = json;
    }

    public ValueTask<Answer?> RunAsync(RequestContext context)
    {
        var kind = context.Operation!.Kind;
        if ((uint)kind >= (uint)_handlers.Length || _handlers[(int)kind] is not { } handler)
        {
            // An operation the emulator has no handler for is, to a client, a path it does not serve.
            return ValueTask.FromResult<Answer?>(_json.ErrorAnswer(_schema.Error(ProtocolError.InvalidUrl) with { Status = 404 }, context.RequestId));
        }

        // Queries, cancels and lists finish synchronously: no state machine for them.
        var answer = handler.HandleAsync(context);
        return answer.IsCompletedSuccessfully ? ValueTask.FromResult<Answer?>(answer.Result) : AwaitAsync(answer);
    }

    private static async ValueTask<Answer?> AwaitAsync(ValueTask<Answer> answer) => await answer.ConfigureAwait(false);
}
