namespace DashScope.Emulator.Dashboard.Tests.Support;

/// <summary>A test that needs a real browser: skipped, with the reason, only when no Chromium is installed.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason when no browser is present.</summary>
    public BrowserFactAttribute()
    {
        if (SystemBrowser.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
