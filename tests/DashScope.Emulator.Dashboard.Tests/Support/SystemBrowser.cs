namespace DashScope.Emulator.Dashboard.Tests.Support;

/// <summary>
/// The Chromium the browser tests drive: the system's package (Playwright's own browser downloads are not used).
/// <c>DASHBOARD_TEST_BROWSER</c> names another executable.
/// </summary>
internal static class SystemBrowser
{
    /// <summary>The variable that names a browser executable other than the usual places.</summary>
    public const string Variable = "DASHBOARD_TEST_BROWSER";

    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    /// <summary>
    /// Flags for a headless Chromium on a closed network: no sandbox (CI runs as root), no GPU, and none of the
    /// background calls to Google's services that otherwise stall it.
    /// </summary>
    public static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <summary>The executable, or null when none is installed.</summary>
    public static string? ExecutablePath { get; } = Find();

    /// <summary>Why browser tests are skipped, or null when a browser is present.</summary>
    public static string? SkipReason => ExecutablePath is null
        ? $"No Chromium found at {string.Join(", ", Candidates)} or in {Variable}: install it (apt-get install chromium; .ci/run does so) to run the dashboard's browser tests."
        : null;

    private static string? Find()
    {
        var named = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(named))
        {
            return File.Exists(named) ? named : null;
        }

        return Candidates.FirstOrDefault(File.Exists);
    }
}
