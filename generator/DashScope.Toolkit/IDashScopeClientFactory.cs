namespace DashScope.Toolkit;

/// <summary>
/// Implemented by every generated client: builds one over an <see cref="HttpClient"/> with options a caller
/// adjusts, so code that works for any client (an emulator fixture, a test helper) can create it by type alone:
/// <c>fixture.CreateClient&lt;LivePortraitClient&gt;()</c>.
/// </summary>
/// <typeparam name="TSelf">The generated client.</typeparam>
public interface IDashScopeClientFactory<TSelf>
    where TSelf : IDashScopeClientFactory<TSelf>
{
    /// <summary>Creates the client over <paramref name="httpClient"/> with its own options, adjusted by <paramref name="configure"/>.</summary>
    /// <param name="httpClient">The HTTP client to send with; the caller owns it.</param>
    /// <param name="configure">Sets key, base address, clock and waiting on the client's options.</param>
    static abstract TSelf Create(HttpClient httpClient, Action<DashScopeClientOptions>? configure = null);
}
