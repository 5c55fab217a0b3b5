using DashScope.Emulator.Xunit;
using Microsoft.Playwright;

namespace DashScope.Emulator.Dashboard.Tests.Support;

/// <summary>
/// One emulator on a fake clock (rate limits off, so a test can submit hundreds of tasks) and, when a Chromium is
/// installed, one headless browser, both for a test class. Each test opens its own browser context.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private readonly NoLimitsEmulatorFixture _emulator = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The running emulator.</summary>
    public LivePortraitEmulator Emulator => _emulator.Emulator;

    /// <summary>Starts the emulator; the browser starts on first use.</summary>
    public Task InitializeAsync() => _emulator.InitializeAsync();

    /// <summary>A fresh browser context (its own cookies and cache) on the shared browser.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        if (_browser is null)
        {
            var path = SystemBrowser.ExecutablePath ?? throw new InvalidOperationException(SystemBrowser.SkipReason);
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = path,
                Headless = true,
                Args = SystemBrowser.Arguments,
            });
        }

        return await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
    }

    /// <summary>Closes the browser and its driver, then stops the emulator.</summary>
    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        await _emulator.DisposeAsync();
    }

    private sealed class NoLimitsEmulatorFixture : LivePortraitEmulatorFixture
    {
        protected override void Configure(EmulatorOptions options) => options.DisableRateLimits = true;
    }
}
