namespace DashScope.Emulator.Recording;

/// <summary>
/// Makes an emulator a recording proxy: every API request is forwarded to <see cref="Upstream"/>, answered with the
/// upstream's answer, and kept, scrubbed, in a cassette (see <see cref="Cassette"/>). Set it as
/// <see cref="EmulatorOptions.Recording"/>.
/// </summary>
public sealed class RecordingOptions
{
    /// <summary>Records against <paramref name="upstream"/>.</summary>
    /// <param name="upstream">
    /// The service's root, e.g. <c>https://dashscope.aliyuncs.com/</c> (a path on it is ignored: requests keep theirs).
    /// Must be https, or http on a loopback address (a second emulator, in tests).
    /// </param>
    public RecordingOptions(Uri upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        if (!upstream.IsAbsoluteUri || (upstream.Scheme != Uri.UriSchemeHttps && !(upstream.Scheme == Uri.UriSchemeHttp && upstream.IsLoopback)))
        {
            throw new ArgumentException($"The recording upstream '{upstream}' must be an absolute https URL, or http on a loopback address.", nameof(upstream));
        }

        Upstream = new Uri(upstream.GetLeftPart(UriPartial.Authority) + "/");
    }

    /// <summary>The upstream's root, which every request's path is appended to.</summary>
    public Uri Upstream { get; }

    /// <summary>Where the cassette is written when the emulator stops; null to keep it only in memory (see <see cref="LivePortraitEmulator.RecordedCassette"/>).</summary>
    public string? CassettePath { get; set; }

    /// <summary>The clock the recording's offsets are measured on. Default the system clock; a test with a fake upstream clock passes that clock.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The handler that sends requests upstream; null for a plain <see cref="SocketsHttpHandler"/> without a system proxy.</summary>
    public HttpMessageHandler? UpstreamHandler { get; set; }

    /// <summary>How long one upstream request may take before the proxy answers 504. Default 100 s.</summary>
    public TimeSpan UpstreamTimeout { get; set; } = TimeSpan.FromSeconds(100);
}
