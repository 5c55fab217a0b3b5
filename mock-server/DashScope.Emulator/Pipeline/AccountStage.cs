using DashScope.Emulator.Accounts;
using DashScope.Emulator.Http;
using DashScope.Emulator.Schema;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Pipeline;

/// <summary>Finds the account the API key acts for; an absent or unregistered key is the schema's 401 invalid-key answer.</summary>
internal sealed class AccountStage : IRequestStage
{
    private readonly AccountRegistry _accounts;
    private readonly LivePortraitSchema _schema;
    private readonly DashScopeJson _json;

    public AccountStage(AccountRegistry accounts, LivePortraitSchema schema, DashScopeJson json)
    {
        _accounts = accounts;
        _schema = schema;
        _json = json;
    }

    public ValueTask<Answer?> RunAsync(RequestContext context)
    {
        if (context.ApiKey is not { } key || !_accounts.TryFind(key, out var accountId))
        {
            return ValueTask.FromResult<Answer?>(_json.ErrorAnswer(_schema.Error(ProtocolError.InvalidApiKey), context.RequestId));
        }

        context.AccountId = accountId;
        return ValueTask.FromResult<Answer?>(null);
    }
}
