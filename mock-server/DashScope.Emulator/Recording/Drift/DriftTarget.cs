using System.Net.Http.Headers;

namespace DashScope.Emulator.Recording.Drift;

/// <summary>
/// Where a drift check replays a cassette's requests: a server root, the key to send, and how time moves there (an
/// emulator's fake clock is advanced; anything else is waited for on <see cref="Clock"/>).
/// </summary>
public sealed class DriftTarget : IDisposable
{
    private readonly bool _ownsHttp;

    /// <summary>A target at <paramref name="root"/>, e.g. <c>http://127.0.0.1:5000/</c>; recorded paths are appended to it.</summary>
    /// <param name="root">The server root.</param>
    /// <param name="apiKey">The key to send where the recording sent one.</param>
    /// <param name="http">The client to send with; a new one without a system proxy when null.</param>
    public DriftTarget(Uri root, string apiKey, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        Root = new Uri(root.GetLeftPart(UriPartial.Authority) + "/");
        ApiKey = apiKey;
        Http = http ?? new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(100) };
        _ownsHttp = http is null;
    }

    /// <summary>Disposes <see cref="Http"/> when the target made it.</summary>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            Http.Dispose();
        }
    }

    /// <summary>The server root.</summary>
    public Uri Root { get; }

    /// <summary>The key sent as <c>Authorization: Bearer …</c> where the recording sent a key.</summary>
    public string ApiKey { get; }

    /// <summary>The HTTP client.</summary>
    public HttpClient Http { get; }

    /// <summary>Moves the target's clock forward; null to wait for real time to pass on <see cref="Clock"/>.</summary>
    public Func<TimeSpan, CancellationToken, Task>? AdvanceClock { get; init; }

    /// <summary>The clock waited on when <see cref="AdvanceClock"/> is null. Default the system clock.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>A running emulator as the target: its root and demo key, and its clock advanced when it is fake.</summary>
    /// <param name="emulator">The emulator.</param>
    /// <returns>The target.</returns>
    public static DriftTarget ForEmulator(LivePortraitEmulator emulator)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        return new DriftTarget(emulator.Url, emulator.DemoApiKey)
        {
            AdvanceClock = emulator.CanAdvanceClock ? (by, _) => { emulator.AdvanceClock(by); return Task.CompletedTask; } : null,
            Clock = emulator.Options.TimeProvider,
        };
    }

    internal Task WaitAsync(TimeSpan by, CancellationToken cancellationToken) =>
        by <= TimeSpan.Zero ? Task.CompletedTask
        : AdvanceClock is { } advance ? advance(by, cancellationToken)
        : Task.Delay(by, Clock, cancellationToken);

    internal AuthenticationHeaderValue Authorization(string scheme) => new(scheme == "(no scheme)" ? "Bearer" : scheme, ApiKey);
}
