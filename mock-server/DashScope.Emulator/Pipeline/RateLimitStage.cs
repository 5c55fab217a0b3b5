using DashScope.Emulator.Http;
using DashScope.Emulator.Limits;
using DashScope.Emulator.Schema;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Pipeline;

/// <summary>Spends one of the account's tokens for the endpoint; none left is the schema's 429 rate-quota answer.</summary>
internal sealed class RateLimitStage : IRequestStage
{
    private readonly RateLimiter _limiter;
    private readonly LivePortraitSchema _schema;
    private readonly DashScopeJson _json;

    public RateLimitStage(RateLimiter limiter, LivePortraitSchema schema, DashScopeJson json)
    {
        _limiter = limiter;
        _schema = schema;
        _json = json;
    }

    public ValueTask<Answer?> RunAsync(RequestContext context) => ValueTask.FromResult(
        _limiter.TryAcquire(context.AccountId!, context.Operation!.Endpoint)
            ? null
            : _json.ErrorAnswer(_schema.Error(ProtocolError.RateQuota), context.RequestId));
}
