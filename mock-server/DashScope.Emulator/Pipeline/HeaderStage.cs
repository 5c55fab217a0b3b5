using DashScope.Emulator.Http;
using DashScope.Emulator.Schema;
using DashScope.Emulator.Validation;

namespace DashScope.Emulator.Pipeline;

/// <summary>
/// Checks the headers against the operation's header definition and reads the API key. Like the service, it
/// answers a missing or malformed Authorization (401) at once and keeps any other header problem (403, content
/// type) for <see cref="DeferredHeaderStage"/>, which answers it after the key and the rate limit.
/// </summary>
internal sealed class HeaderStage : IRequestStage
{
    private readonly RequestHeaderValidator _validator;
    private readonly DashScopeJson _json;

    public HeaderStage(RequestHeaderValidator validator, DashScopeJson json)
    {
        _validator = validator;
        _json = json;
    }

    public ValueTask<Answer?> RunAsync(RequestContext context)
    {
        var error = _validator.Validate(context.Operation!, context.HeaderLookup);
        context.ApiKey = RequestHeaderValidator.ApiKey(context.Header(ProtocolFields.Authorization));
        if (error is { Status: 401 })
        {
            return ValueTask.FromResult<Answer?>(_json.ErrorAnswer(error, context.RequestId));
        }

        context.DeferredHeaderError = error;
        return ValueTask.FromResult<Answer?>(null);
    }
}
