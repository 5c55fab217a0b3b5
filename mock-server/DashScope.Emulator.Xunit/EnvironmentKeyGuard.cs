using System.Net.Http.Headers;

namespace DashScope.Emulator.Xunit;

/// <summary>
/// Stops a request to the emulator that carries the machine's real <c>DASHSCOPE_API_KEY</c> (which a client falls
/// back to when its options name no key) before it leaves the test process, unless the emulator knows that key.
/// The key would otherwise sit in the emulator's journal and logs. A recording emulator forwards the key to the
/// service it records and keeps none of it, so there the key is let through.
/// </summary>
internal sealed class EnvironmentKeyGuard(LivePortraitEmulatorFixture fixture) : DelegatingHandler
{
    /// <summary>The variable DashScope clients read their key from.</summary>
    public const string KeyVariable = "DASHSCOPE_API_KEY";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var real = Environment.GetEnvironmentVariable(KeyVariable)?.Trim();
        if (!string.IsNullOrEmpty(real)
            && request.Headers.Authorization is { Scheme: var scheme, Parameter: var sent }
            && scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)
            && string.Equals(sent?.Trim(), real, StringComparison.Ordinal)
            && !fixture.Emulator.IsRecording
            && !fixture.Emulator.Accounts.Any(a => a.ApiKeys.Contains(real, StringComparer.Ordinal)))
        {
            throw new InvalidOperationException(
                $"Refused to send the {KeyVariable} of this machine to the emulator. Set the client's key with fixture.Configure(options) or create it with fixture.CreateClient<TClient>().");
        }
        return base.SendAsync(request, cancellationToken);
    }
}
