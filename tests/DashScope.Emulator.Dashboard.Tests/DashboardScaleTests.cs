using System.Diagnostics;
using DashScope.Emulator.Dashboard.Tests.Support;
using DashScope.Emulator.Tasks;
using DashScope.Emulator.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace DashScope.Emulator.Dashboard.Tests;

/// <summary>The board with hundreds of tasks stays bounded and live; and the screenshot the README shows.</summary>
public sealed class DashboardScaleTests : IClassFixture<DashboardFixture>, IDisposable
{
    private const int TaskCount = 300;
    private const int CardLimit = 40;

    private readonly DashboardFixture _fixture;
    private readonly LivePortraitEmulator _emulator;
    private readonly ITestOutputHelper _output;
    private readonly HttpClient _client;

    public DashboardScaleTests(DashboardFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
        _emulator = fixture.Emulator.Reset();
        _client = Api.Client(_emulator);
    }

    public void Dispose() => _client.Dispose();

    [BrowserFact]
    public async Task HundredsOfTasksKeepTheBoardBoundedAndItsUpdatesLive()
    {
        var accounts = new[] { "demo", "scale-b", "scale-c" };
        _emulator.AddAccount("scale-b", "sk-scale-b").AddAccount("scale-c", "sk-scale-c");
        var clients = new[] { _client, Api.Client(_emulator, "sk-scale-b"), Api.Client(_emulator, "sk-scale-c") };
        var ids = new List<string>();
        for (var batch = 0; batch < TaskCount / 10; batch++)
        {
            ids.AddRange(await Task.WhenAll(Enumerable.Range(batch * 10, 10).Select(i => Api.SubmitSampleAsync(clients[i % 3], _emulator))));
        }

        await using var context = await _fixture.NewContextAsync();
        var load = Stopwatch.StartNew();
        var page = await DashboardPage.OpenAsync(context, _emulator);
        await Expect(page.Page.GetByTestId("task-total")).ToHaveTextAsync($"{TaskCount} tasks");
        load.Stop();

        // Every task is known to the page, but each column draws at most its limit.
        await Expect(page.Column("pending").Locator(".count")).ToHaveTextAsync(TaskCount.ToString());
        await Expect(page.Page.GetByTestId("task-card")).ToHaveCountAsync(CardLimit);
        await Expect(page.Column("pending").Locator(".more")).ToContainTextAsync($"showing {CardLimit} of {TaskCount}");

        // One advance starts one task per account; the update carries those three and the page shows them.
        var update = Stopwatch.StartNew();
        await page.ClickAsync("advance-10s");
        await Expect(page.Column("running").Locator(".count")).ToHaveTextAsync("3");
        update.Stop();
        Assert.Equal(3, _emulator.GetTasks().Count(t => t.Status == EmulatedTaskStatus.Running));

        // Narrowing to one account shows its own tasks only.
        await page.Page.GetByTestId("account-filter").SelectOptionAsync("scale-b");
        await Expect(page.Page.GetByTestId("task-total")).ToHaveTextAsync($"{TaskCount / 3} tasks");
        await Expect(page.Column("running").Locator(".account")).ToHaveTextAsync("scale-b");

        _output.WriteLine($"{TaskCount} tasks: page open to all drawn {load.ElapsedMilliseconds} ms; click +10 s to the running column drawn {update.ElapsedMilliseconds} ms.");
        foreach (var client in clients.Skip(1))
        {
            client.Dispose();
        }
    }

    [BrowserFact]
    public async Task TheBoardScreenshotShowsEveryColumn()
    {
        _emulator.AddAccount("team-a", "sk-screenshot-a");
        using var teamA = Api.Client(_emulator, "sk-screenshot-a");
        var done = await Api.SubmitSampleAsync(_client, _emulator);
        var failed = await Api.SubmitSampleAsync(teamA, _emulator);
        _emulator.AdvanceClock(TimeSpan.FromSeconds(6));
        _emulator.ForceFailed(failed, "InvalidImage.NoHumanFace");
        _emulator.AdvanceClock(TimeSpan.FromSeconds(14));
        var running = await Api.SubmitSampleAsync(_client, _emulator);
        var runningA = await Api.SubmitSampleAsync(teamA, _emulator);
        var queued = new[] { await Api.SubmitSampleAsync(_client, _emulator), await Api.SubmitSampleAsync(_client, _emulator) };
        _emulator.AdvanceClock(TimeSpan.FromSeconds(6));
        _emulator.OnEndpoint(EmulatorEndpoint.QueryTask).Next(2).RespondWith(503);
        await Api.QueryAsync(_client, done);

        await using var context = await _fixture.NewContextAsync();
        var page = await DashboardPage.OpenAsync(context, _emulator);
        await Expect(page.Column("finished").GetByTestId("task-card")).ToHaveCountAsync(2);
        await Expect(page.Column("running").Locator($"[data-task-id=\"{running}\"]")).ToBeVisibleAsync();
        await Expect(page.Column("running").Locator($"[data-task-id=\"{runningA}\"]")).ToBeVisibleAsync();
        foreach (var id in queued)
        {
            await Expect(page.Column("pending").Locator($"[data-task-id=\"{id}\"]")).ToBeVisibleAsync();
        }

        await Expect(page.Card(failed).GetByTestId("error-code")).ToHaveTextAsync("InvalidImage.NoHumanFace");
        await Expect(page.Card(done).GetByTestId("result-video")).ToHaveCountAsync(1);
        await Expect(page.Page.GetByTestId("fault")).ToContainTextAsync("query: answer 503 × 1");

        await page.Page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryFiles.RunScreenshot, FullPage = true });
        Assert.True(new FileInfo(RepositoryFiles.RunScreenshot).Length > 10_000);
        if (RepositoryFiles.UpdateScreenshot)
        {
            File.Copy(RepositoryFiles.RunScreenshot, RepositoryFiles.Screenshot, overwrite: true);
        }
    }
}
