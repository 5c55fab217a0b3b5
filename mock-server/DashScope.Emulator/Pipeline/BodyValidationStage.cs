using DashScope.Emulator.Http;
using DashScope.Emulator.Validation;

namespace DashScope.Emulator.Pipeline;

/// <summary>Validates the body of an operation that takes one against its schema definition; the first problem is the answer.</summary>
internal sealed class BodyValidationStage : IRequestStage
{
    private readonly RequestBodyValidator _validator;
    private readonly DashScopeJson _json;

    public BodyValidationStage(RequestBodyValidator validator, DashScopeJson json)
    {
        _validator = validator;
        _json = json;
    }

    public ValueTask<Answer?> RunAsync(RequestContext context)
    {
        var operation = context.Operation!;
        if (operation.RequestSchema is null)
        {
            // Task queries, cancels and lists take no body; whatever was sent is ignored, as before.
            return ValueTask.FromResult<Answer?>(null);
        }

        var outcome = _validator.Validate(operation, context.Body);
        if (outcome.Error is { } error)
        {
            return ValueTask.FromResult<Answer?>(_json.ErrorAnswer(error, context.RequestId));
        }

        context.ValidBody = outcome.Body;
        return ValueTask.FromResult<Answer?>(null);
    }
}
