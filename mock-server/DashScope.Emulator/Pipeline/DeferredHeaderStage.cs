using DashScope.Emulator.Http;

namespace DashScope.Emulator.Pipeline;

/// <summary>Answers the header problem <see cref="HeaderStage"/> found but kept back until the key and the rate limit were checked.</summary>
internal sealed class DeferredHeaderStage : IRequestStage
{
    private readonly DashScopeJson _json;

    public DeferredHeaderStage(DashScopeJson json) => _json = json;

    public ValueTask<Answer?> RunAsync(RequestContext context) => ValueTask.FromResult(
        context.DeferredHeaderError is { } error ? _json.ErrorAnswer(error, context.RequestId) : null);
}
