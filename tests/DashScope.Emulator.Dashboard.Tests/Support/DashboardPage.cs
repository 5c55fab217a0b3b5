using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DashScope.Emulator.Dashboard.Tests.Support;

/// <summary>The dashboard open in a browser page, with the locators the tests use.</summary>
internal sealed class DashboardPage
{
    /// <summary>How long an expectation waits for its condition (it returns as soon as the condition holds).</summary>
    public const float ExpectTimeoutMs = 30_000;

    static DashboardPage() => SetDefaultExpectTimeout(ExpectTimeoutMs);

    private DashboardPage(IPage page) => Page = page;

    public IPage Page { get; }

    /// <summary>Opens the dashboard and waits until its event stream is live and the first update is drawn.</summary>
    public static async Task<DashboardPage> OpenAsync(IBrowserContext context, LivePortraitEmulator emulator)
    {
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(ExpectTimeoutMs);
        await page.GotoAsync(emulator.DashboardUrl.ToString());
        var dashboard = new DashboardPage(page);
        await Expect(page.GetByTestId("connection")).ToHaveAttributeAsync("data-state", "live");
        await Expect(page.Locator("body[data-version]")).ToHaveCountAsync(1);
        return dashboard;
    }

    public ILocator Card(string taskId) => Page.Locator($"[data-task-id=\"{taskId}\"]");

    public ILocator Column(string name) => Page.GetByTestId("column-" + name);

    public ILocator Errors => Page.GetByTestId("error");

    public Task ClickAsync(string testId) => Page.GetByTestId(testId).ClickAsync();

    public Task FillAsync(string testId, string value) => Page.GetByTestId(testId).FillAsync(value);
}
