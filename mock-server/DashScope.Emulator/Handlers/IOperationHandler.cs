using DashScope.Emulator.Http;
using DashScope.Emulator.Pipeline;
using DashScope.Emulator.Schema;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Handlers;

/// <summary>Answers the requests of one kind of operation, once the pipeline's checks have passed.</summary>
internal interface IOperationHandler
{
    /// <summary>The kind of operation it answers.</summary>
    OperationKind Kind { get; }

    /// <summary>The answer to a request that passed every check; the context holds the account, body and path parameter.</summary>
    ValueTask<Answer> HandleAsync(RequestContext context);
}
