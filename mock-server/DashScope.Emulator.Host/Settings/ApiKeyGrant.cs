namespace DashScope.Emulator.Host.Settings;

/// <summary>An API key the host registers for an account besides the demo key.</summary>
/// <param name="Account">The account id; a task is visible to every key of its account.</param>
/// <param name="Key">The key clients send as <c>Authorization: Bearer &lt;key&gt;</c>.</param>
public sealed record ApiKeyGrant(string Account, string Key)
{
    /// <summary>Hides the key: settings are printed in messages, and a key must never reach a log.</summary>
    public override string ToString() => $"{Account}=***";
}
