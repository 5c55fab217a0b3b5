using DashScope.Emulator.Http;
using DashScope.Emulator.Schema;
using DashScope.Emulator.Validation;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Pipeline;

/// <summary>
/// Validates the body of an operation that takes one against its schema definition; the first problem is the answer.
/// The compiled validator answers; the NJsonSchema one answers what it leaves undecided.
/// </summary>
internal sealed class BodyValidationStage : IRequestStage
{
    private readonly CompiledBodyValidator _compiled;
    private readonly RequestBodyValidator _validator;
    private readonly DashScopeJson _json;
    private readonly DashScopeError? _urlTaskFailure;

    /// <param name="compiled">The compiled body validator.</param>
    /// <param name="validator">The NJsonSchema body validator, for the bodies the compiled one leaves undecided.</param>
    /// <param name="json">The answer writer.</param>
    /// <param name="urlTaskFailure">
    /// When set, a submit whose first problem is a media URL is let through with this as its task's failure
    /// (<see cref="MalformedMediaUrlAnswer.FailedTask"/>); null answers it at once.
    /// </param>
    public BodyValidationStage(CompiledBodyValidator compiled, RequestBodyValidator validator, DashScopeJson json, DashScopeError? urlTaskFailure = null)
    {
        _compiled = compiled;
        _validator = validator;
        _json = json;
        _urlTaskFailure = urlTaskFailure;
    }

    public ValueTask<Answer?> RunAsync(RequestContext context)
    {
        var operation = context.Operation!;
        // The description says whether there is a body to check; asking NJsonSchema would make it read the file.
        if (operation.Description.RequestModel is null)
        {
            // Task queries, cancels and lists take no body; whatever was sent is ignored, as before.
            return ValueTask.FromResult<Answer?>(null);
        }

        if (!_compiled.TryValidate(operation, context.Body, out var outcome))
        {
            outcome = _validator.Validate(operation, context.Body);
        }

        if (outcome.IsUrlProblem && _urlTaskFailure is not null && operation.Kind == OperationKind.Async)
        {
            // The task is accepted and fails once it runs; problems ranked below the URL do not matter to a failed task.
            context.Values = outcome.Body;
            context.UrlTaskFailure = _urlTaskFailure;
            return ValueTask.FromResult<Answer?>(null);
        }

        if (outcome.Error is { } error)
        {
            return ValueTask.FromResult<Answer?>(_json.ErrorAnswer(error, context.RequestId));
        }

        context.Values = outcome.Body;
        return ValueTask.FromResult<Answer?>(null);
    }
}
