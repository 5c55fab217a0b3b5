using System.Net;

namespace DashScope.Emulator.Admin;

/// <summary>
/// Keeps web pages the developer visits from driving the admin path through their browser. The admin path has
/// no key, so a browser is the one client that could be tricked into calling it; two rules stop it:
/// <list type="bullet">
/// <item>the <c>Host</c> must name this emulator (a loopback name or the configured host), so a page whose
/// own name has been re-pointed at 127.0.0.1 (DNS rebinding) reads nothing;</item>
/// <item>a request that changes state and comes from a browser (it carries <c>Origin</c> or
/// <c>Sec-Fetch-Site</c>) must come from the emulator's own origin: the dashboard's requests pass, a form or
/// <c>fetch</c> on another site is refused. Clients that are not browsers (curl, HttpClient) send neither
/// header and are not affected.</item>
/// </list>
/// </summary>
internal sealed class CrossOriginGuard
{
    private readonly EmulatorOptions _options;

    public CrossOriginGuard(EmulatorOptions options) => _options = options;

    /// <summary>Why the request is refused, or null when it may go on.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="header">Looks a request header up by name (any case); null when absent.</param>
    public string? Refusal(string method, Func<string, string?> header)
    {
        var host = header("Host");
        if (host is not null && !IsOwnHost(host))
        {
            return $"The Host '{host}' is not this emulator's address; the admin path answers only requests addressed to it.";
        }

        if (!ChangesState(method))
        {
            return null;
        }

        var origin = header("Origin");
        if (origin is not null && (host is null || !string.Equals(origin, "http://" + host, StringComparison.OrdinalIgnoreCase)))
        {
            return $"Cross-origin request refused: the origin '{origin}' is not the emulator's own; only the dashboard it serves may change its state from a browser.";
        }

        var site = header("Sec-Fetch-Site");
        if (site is not null && site is not ("same-origin" or "none"))
        {
            return $"Cross-site request refused (Sec-Fetch-Site: {site}); only the dashboard the emulator serves may change its state from a browser.";
        }

        return null;
    }

    /// <summary>GET, HEAD and OPTIONS read; every other method changes something.</summary>
    public static bool ChangesState(string method) =>
        !(IsMethod(method, "GET") || IsMethod(method, "HEAD") || IsMethod(method, "OPTIONS"));

    private bool IsOwnHost(string hostHeader)
    {
        if (_options.AllowRemote)
        {
            return true;
        }

        var name = HostName(hostHeader);
        return string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, _options.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(name, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>The name part of a Host header: <c>127.0.0.1:8080</c>, <c>[::1]:8080</c>, <c>localhost</c>.</summary>
    private static string HostName(string hostHeader)
    {
        if (hostHeader.StartsWith('['))
        {
            var close = hostHeader.IndexOf(']', StringComparison.Ordinal);
            return close > 0 ? hostHeader[1..close] : hostHeader;
        }

        var colon = hostHeader.LastIndexOf(':');
        return colon >= 0 ? hostHeader[..colon] : hostHeader;
    }

    private static bool IsMethod(string method, string expected) => string.Equals(method, expected, StringComparison.OrdinalIgnoreCase);
}
