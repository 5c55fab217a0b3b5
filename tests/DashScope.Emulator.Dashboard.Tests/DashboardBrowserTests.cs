using System.Text.Json;
using DashScope.Emulator.Dashboard.Tests.Support;
using DashScope.Emulator.Tasks;
using DashScope.Emulator.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DashScope.Emulator.Dashboard.Tests;

/// <summary>The dashboard in a real headless Chromium: tasks appear and move, and the page's controls steer the emulator.</summary>
public sealed class DashboardBrowserTests : IClassFixture<DashboardFixture>, IDisposable
{
    private readonly DashboardFixture _fixture;
    private readonly LivePortraitEmulator _emulator;
    private readonly HttpClient _client;

    public DashboardBrowserTests(DashboardFixture fixture)
    {
        _fixture = fixture;
        _emulator = fixture.Emulator.Reset();
        _client = Api.Client(_emulator);
    }

    public void Dispose() => _client.Dispose();

    [BrowserFact]
    public async Task ATaskSubmittedOverHttpAppearsAndSucceedsAsTheClockIsAdvancedFromThePage()
    {
        await using var context = await _fixture.NewContextAsync();
        var page = await DashboardPage.OpenAsync(context, _emulator);
        await Expect(page.Page.GetByTestId("clock-kind")).ToHaveAttributeAsync("data-kind", "fake");

        var id = await Api.SubmitSampleAsync(_client, _emulator);
        var card = page.Card(id);
        await Expect(page.Column("pending").Locator($"[data-task-id=\"{id}\"]")).ToBeVisibleAsync();
        await Expect(page.Page.GetByTestId("journal-row").Filter(new() { HasText = "VideoSynthesis" })).ToContainTextAsync("200");

        var before = _emulator.Now;
        await page.ClickAsync("advance-1s");
        await Expect(page.Page.GetByTestId("clock-now")).ToHaveTextAsync((before + TimeSpan.FromSeconds(1)).UtcDateTime.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(EmulatedTaskStatus.Pending, _emulator.FindTask(id)!.Status);

        await page.ClickAsync("advance-10s");
        await Expect(page.Column("running").Locator($"[data-task-id=\"{id}\"]")).ToHaveAttributeAsync("data-status", "RUNNING");
        await page.ClickAsync("advance-10s");
        await Expect(page.Column("finished").Locator($"[data-task-id=\"{id}\"]")).ToHaveAttributeAsync("data-status", "SUCCEEDED");
        Assert.Equal(EmulatedTaskStatus.Succeeded, _emulator.FindTask(id)!.Status);

        // The timeline shows the emulator's own durations: 5 s queued, then the run the audio asks for.
        var task = _emulator.FindTask(id)!;
        await Expect(card.Locator(".timeline")).ToContainTextAsync("after 5 s queued");
        await Expect(card.Locator(".timeline")).ToContainTextAsync(Math.Round((task.EndTime!.Value - task.ScheduledTime!.Value).TotalSeconds, 3) + " s running");
        await Expect(card.Locator(".audio")).ToContainTextAsync("2.528 s");

        // The video's source answers, in the browser, 200 with an MP4 (an ISO media file starts with an ftyp box).
        var source = await card.GetByTestId("result-video").GetAttributeAsync("src");
        Assert.StartsWith(_emulator.Url.ToString(), source);
        var fetched = await page.Page.EvaluateAsync<JsonElement>(
            """async src => { const r = await fetch(src); const b = new Uint8Array(await r.arrayBuffer()); return { status: r.status, type: r.headers.get('content-type'), box: String.fromCharCode(...b.slice(4, 8)), size: b.length }; }""",
            source);
        Assert.Equal(200, fetched.GetProperty("status").GetInt32());
        Assert.Equal("video/mp4", fetched.GetProperty("type").GetString());
        Assert.Equal("ftyp", fetched.GetProperty("box").GetString());
        Assert.True(fetched.GetProperty("size").GetInt32() > 1000);
    }

    [BrowserFact]
    public async Task ForcingFailedFromThePageShowsTheCode()
    {
        var id = await Api.SubmitSampleAsync(_client, _emulator);
        await using var context = await _fixture.NewContextAsync();
        var page = await DashboardPage.OpenAsync(context, _emulator);
        var card = page.Card(id);
        await Expect(card).ToHaveAttributeAsync("data-status", "PENDING");

        await card.GetByTestId("force-status").SelectOptionAsync("Failed");
        await card.GetByTestId("force-code").FillAsync("InvalidImage.NoHumanFace");
        await card.GetByTestId("force").ClickAsync();

        var failed = page.Column("finished").Locator($"[data-task-id=\"{id}\"]");
        await Expect(failed).ToHaveAttributeAsync("data-status", "FAILED");
        await Expect(failed.GetByTestId("error-code")).ToHaveTextAsync("InvalidImage.NoHumanFace");
        await Expect(failed.Locator(".error-message")).ToContainTextAsync("No human face detected.");

        // The page used the admin operation: the API itself now answers FAILED with that code.
        var query = await Api.QueryAsync(_client, id);
        Assert.Equal(("FAILED", "InvalidImage.NoHumanFace"), (query.TaskStatus, query.OutputString("code")));
    }

    [BrowserFact]
    public async Task AScripted503AddedFromThePageIsAnsweredToTheNextPoll()
    {
        var id = await Api.SubmitSampleAsync(_client, _emulator);
        await using var context = await _fixture.NewContextAsync();
        var page = await DashboardPage.OpenAsync(context, _emulator);

        await page.Page.GetByTestId("fault-endpoint").SelectOptionAsync("query");
        await page.Page.GetByTestId("fault-kind").SelectOptionAsync("Respond");
        await page.FillAsync("fault-count", "1");
        await page.FillAsync("fault-status", "503");
        await page.ClickAsync("add-fault");
        await Expect(page.Page.GetByTestId("fault")).ToContainTextAsync("query: answer 503 × 1");

        var faulted = await Api.QueryAsync(_client, id);
        Assert.Equal(503, faulted.Status);
        Assert.Equal(200, (await Api.QueryAsync(_client, id)).Status);

        // Used up, the fault leaves the list, and the journal shows the 503 with the fault applied.
        await Expect(page.Page.GetByTestId("fault")).ToHaveCountAsync(0);
        var statusCells = page.Page.Locator("[data-testid=journal-row] td:nth-child(7)");
        await Expect(statusCells.Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^503$") })).ToHaveCountAsync(1);
        await Expect(page.Page.Locator("[data-testid=journal-row] td:nth-child(10)").Filter(new() { HasText = "Respond 503" })).ToHaveCountAsync(1);
    }

    [BrowserFact]
    public async Task HoldFromThePageKeepsATaskPendingAndReleaseLetsItRun()
    {
        var id = await Api.SubmitSampleAsync(_client, _emulator);
        await using var context = await _fixture.NewContextAsync();
        var page = await DashboardPage.OpenAsync(context, _emulator);

        await page.Card(id).GetByTestId("hold").ClickAsync();
        await Expect(page.Card(id).Locator(".badge.held")).ToBeVisibleAsync();
        // The expected time is taken before the click: the click returns before the page's request reaches the emulator.
        var advanced = _emulator.Now + TimeSpan.FromMinutes(1);
        await page.ClickAsync("advance-1min");
        await Expect(page.Page.GetByTestId("clock-now")).ToHaveTextAsync(advanced.UtcDateTime.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Card(id)).ToHaveAttributeAsync("data-status", "PENDING");

        // Released, it queues again; the board replays its queue from the submit, so with a minute gone it has
        // already run its course.
        await page.Card(id).GetByTestId("release").ClickAsync();
        await Expect(page.Card(id).Locator(".badge.held")).ToHaveCountAsync(0);
        await Expect(page.Column("finished").Locator($"[data-task-id=\"{id}\"]")).ToHaveAttributeAsync("data-status", "SUCCEEDED");
        Assert.Equal(EmulatedTaskStatus.Succeeded, _emulator.FindTask(id)!.Status);
    }

    [BrowserFact]
    public async Task PlansForTheNextTasksAreShownAndApplied()
    {
        await using var context = await _fixture.NewContextAsync();
        var page = await DashboardPage.OpenAsync(context, _emulator);

        await page.FillAsync("fail-next-count", "1");
        await page.FillAsync("fail-next-code", "InternalError.Algo");
        await page.ClickAsync("fail-next");
        await Expect(page.Page.GetByTestId("plans")).ToHaveTextAsync("fail next 1 with InternalError.Algo");

        var id = await Api.SubmitSampleAsync(_client, _emulator);
        await Expect(page.Page.GetByTestId("plans")).ToHaveTextAsync("none planned");
        await Expect(page.Card(id)).ToContainTextAsync("will fail: InternalError.Algo");
        await page.ClickAsync("advance-10s");
        await Expect(page.Card(id).GetByTestId("error-code")).ToHaveTextAsync("InternalError.Algo");
    }
}
