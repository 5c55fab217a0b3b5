using DashScope.Emulator.Admin;
using DashScope.Emulator.Http;

namespace DashScope.Emulator.Dashboard;

/// <summary>
/// The dashboard's static files (<c>/__emulator/ui/</c>), embedded in the assembly: plain HTML, CSS and JavaScript,
/// no build step. Every answer forbids framing and loading scripts from elsewhere, so another site can neither
/// show the page in a frame to steer clicks nor inject code into it.
/// </summary>
internal static class DashboardAssets
{
    /// <summary>The page's address under the admin prefix.</summary>
    public const string PagePath = LivePortraitEmulator.AdminPathPrefix + "ui/";

    private const string ResourcePrefix = "DashScope.Emulator.Dashboard.ui.";

    private static readonly KeyValuePair<string, string>[] SecurityHeaders =
    [
        new("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src http: https: data:; media-src http: https:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"),
        new("X-Frame-Options", "DENY"),
        new("X-Content-Type-Options", "nosniff"),
        new("Referrer-Policy", "no-referrer"),
        new("Cache-Control", "no-store"),
    ];

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    // Every file, read once: a handful of small texts.
    private static readonly Lazy<Dictionary<string, byte[]>> Files = new(LoadAll);

    /// <summary>The file <paramref name="name"/> (the page itself for an empty name), or a 404.</summary>
    public static Answer Serve(string name)
    {
        name = name.Length == 0 ? "index.html" : name;
        var extension = System.IO.Path.GetExtension(name);
        if (!ContentTypes.TryGetValue(extension, out var contentType) || !Files.Value.TryGetValue(name, out var content))
        {
            return AdminAnswers.NotFound($"The dashboard has no file '{name}'.");
        }

        return new Answer(200, content, contentType) { Headers = SecurityHeaders };
    }

    private static Dictionary<string, byte[]> LoadAll()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[resource[ResourcePrefix.Length..]] = copy.ToArray();
        }

        return files;
    }
}
