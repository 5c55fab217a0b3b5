using System.Text.Json;
using DashScope.Emulator.Dashboard.Tests.Support;
using DashScope.Emulator.Media;
using DashScope.Emulator.Tasks;
using DashScope.Emulator.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DashScope.Emulator.Dashboard.Tests;

/// <summary>In a real browser: no key reaches the page, bad input is a visible error, and another site cannot steer the emulator.</summary>
public sealed class DashboardSafetyTests : IClassFixture<DashboardFixture>, IDisposable
{
    private const string SecretKey = "sk-dashboard-secret-7f3a91";

    private readonly DashboardFixture _fixture;
    private readonly LivePortraitEmulator _emulator;
    private readonly HttpClient _client;

    public DashboardSafetyTests(DashboardFixture fixture)
    {
        _fixture = fixture;
        _emulator = fixture.Emulator.Reset().AddAccount("team-secret", SecretKey);
        _client = Api.Client(_emulator);
    }

    public void Dispose() => _client.Dispose();

    [BrowserFact]
    public async Task NoApiKeyAppearsInThePageOrItsTraffic()
    {
        using var secretClient = Api.Client(_emulator, SecretKey);
        var demoTask = await Api.SubmitSampleAsync(_client, _emulator);
        var secretTask = await Api.SubmitSampleAsync(secretClient, _emulator);
        using var download = new HttpClient();
        var portrait = await download.GetByteArrayAsync(_emulator.SampleUrl(SampleMediaFile.Portrait));
        var stored = await Uploader.UploadAsync(secretClient, "liveportrait", "portrait.png", portrait);

        await using var context = await _fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(DashboardPage.ExpectTimeoutMs);
        var traffic = new List<string>();
        var responses = new List<IResponse>();
        page.Request += (_, request) => traffic.Add(request.Method + " " + request.Url + " " + string.Join(';', request.Headers) + " " + request.PostData);
        page.Response += (_, response) => responses.Add(response);
        var streamed = new List<string>();
        var cdp = await context.NewCDPSessionAsync(page);
        cdp.Event("Network.eventSourceMessageReceived").OnEvent += (_, message) =>
        {
            lock (streamed)
            {
                streamed.Add(message?.GetRawText() ?? "");
            }
        };
        await cdp.SendAsync("Network.enable");

        await page.GotoAsync(_emulator.DashboardUrl.ToString());
        var dashboard = page.GetByTestId("column-pending");
        await Expect(dashboard.Locator($"[data-task-id=\"{secretTask}\"]")).ToBeVisibleAsync();
        await Expect(dashboard.Locator($"[data-task-id=\"{demoTask}\"]")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("uploads")).ToContainTextAsync(stored["oss://".Length..]);
        await Expect(page.GetByTestId("accounts")).ToContainTextAsync("team-secret (1 key)");
        await page.GetByTestId("advance-10s").ClickAsync();
        await Expect(page.Locator($"[data-task-id=\"{demoTask}\"]")).ToHaveAttributeAsync("data-status", "RUNNING");

        var bodies = new List<string>();
        foreach (var response in responses.ToArray())
        {
            traffic.Add(response.Url + " " + string.Join(';', response.Headers));
            if (response.Headers.TryGetValue("content-type", out var type) && !type.StartsWith("text/event-stream", StringComparison.Ordinal))
            {
                bodies.Add(await response.TextAsync());
            }
        }

        var dom = await page.EvaluateAsync<string>("() => document.documentElement.outerHTML + [...document.querySelectorAll('input, select')].map(i => i.value).join('|')");
        string[] streamedNow;
        lock (streamed)
        {
            streamedNow = streamed.ToArray();
        }

        // The capture saw the real data (the tasks and the stored file), so its silence about keys means something.
        Assert.Contains(streamedNow, m => m.Contains(secretTask, StringComparison.Ordinal));
        Assert.Contains(bodies, b => b.Contains("main.js", StringComparison.Ordinal));
        Assert.Contains(secretTask, dom, StringComparison.Ordinal);
        foreach (var key in new[] { SecretKey, _emulator.DemoApiKey })
        {
            Assert.DoesNotContain(key, dom, StringComparison.Ordinal);
            Assert.DoesNotContain(traffic, t => t.Contains(key, StringComparison.Ordinal));
            Assert.DoesNotContain(bodies, b => b.Contains(key, StringComparison.Ordinal));
            Assert.DoesNotContain(streamedNow, m => m.Contains(key, StringComparison.Ordinal));
        }
    }

    [BrowserFact]
    public async Task EveryControlShowsTheAdminApisRefusalAndNeverA500()
    {
        var id = await Api.SubmitSampleAsync(_client, _emulator);
        _emulator.ForceStatus(id, EmulatedTaskStatus.Succeeded);
        await using var context = await _fixture.NewContextAsync();
        var page = await DashboardPage.OpenAsync(context, _emulator);
        var statuses = new List<int>();
        page.Page.Response += (_, response) =>
        {
            if (response.Url.Contains(LivePortraitEmulator.AdminPathPrefix, StringComparison.Ordinal) && response.Request.Method != "GET")
            {
                lock (statuses)
                {
                    statuses.Add(response.Status);
                }
            }
        };

        async Task Refused(Func<Task> act, params string[] expected)
        {
            var before = await page.Errors.CountAsync();
            await act();
            await Expect(page.Errors).ToHaveCountAsync(Math.Min(before + 1, 5));
            foreach (var text in expected)
            {
                await Expect(page.Errors.First).ToContainTextAsync(text);
            }
        }

        await Refused(async () => { await page.FillAsync("fail-next-count", "-3"); await page.ClickAsync("fail-next"); }, "Fail next (400)", "\"count\" must be between 1 and 10000");
        await Refused(async () => { await page.FillAsync("fail-next-count", "1"); await page.FillAsync("fail-next-code", ""); await page.ClickAsync("fail-next"); }, "Fail next (400)", "\"code\" is missing");
        await Refused(async () => { await page.FillAsync("hold-next-count", ""); await page.ClickAsync("hold-next"); }, "Hold next (400)");
        await Refused(async () => { await page.FillAsync("fault-status", "42"); await page.ClickAsync("add-fault"); }, "Add fault (400)", "\"statusCode\" 42 is not a final HTTP status");
        await Refused(async () => { await page.FillAsync("fault-status", "503"); await page.FillAsync("fault-count", "0"); await page.ClickAsync("add-fault"); }, "Add fault (400)", "\"count\" must be between");
        await Refused(async () => { await page.FillAsync("fault-count", "1"); await page.Page.GetByTestId("fault-kind").SelectOptionAsync("Delay"); await page.ClickAsync("add-fault"); }, "Add fault (400)", "delayMilliseconds");
        await Refused(async () => { await page.FillAsync("no-face-url", "not a url"); await page.ClickAsync("mark-no-face"); }, "Mark faceless (400)", "absolute http(s) URL");
        await Refused(async () => { await page.Card(id).GetByTestId("force-status").SelectOptionAsync("Running"); await page.Card(id).GetByTestId("force").ClickAsync(); }, "(409)", "cannot move from SUCCEEDED to RUNNING");
        await Refused(() => page.Card(id).GetByTestId("hold").ClickAsync(), "(409)", "only a PENDING task can be held");

        // Nothing was planned or scripted by the refused requests, and none was answered with a 5xx.
        await Expect(page.Page.GetByTestId("plans")).ToHaveTextAsync("none planned");
        Assert.Empty(_emulator.Faults);
        Assert.Equal(EmulatedTaskStatus.Succeeded, _emulator.FindTask(id)!.Status);
        lock (statuses)
        {
            Assert.Equal(9, statuses.Count);
            Assert.All(statuses, s => Assert.InRange(s, 400, 499));
        }
    }

    [BrowserFact]
    public async Task APageOnAnotherOriginCannotDriveTheEmulatorThroughTheBrowser()
    {
        var id = await Api.SubmitSampleAsync(_client, _emulator);
        var admin = new Uri(_emulator.Url, LivePortraitEmulator.AdminPathPrefix);

        // Served by the emulator but visited as http://localhost:<port>: to the browser another origin than
        // http://127.0.0.1:<port>, as any web page the developer might have open.
        var html = $$"""
            <!doctype html><title>elsewhere</title>
            <form id="form" method="post" action="{{admin}}tasks/{{id}}/force" enctype="text/plain"><input name='{"status":"Failed","x":"' value='"}'></form>
            <script>window.tryReset = () => fetch('{{admin}}reset', { method: 'POST', mode: 'no-cors' }).then(() => 'sent', e => 'failed: ' + e);</script>
            """;
        var foreign = _emulator.ServeFile("elsewhere.html", System.Text.Encoding.UTF8.GetBytes(html), "text/html");
        var foreignPage = new UriBuilder(foreign) { Host = "localhost" }.Uri;

        await using var context = await _fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(DashboardPage.ExpectTimeoutMs);
        await page.GotoAsync(foreignPage.ToString());

        var reset = page.WaitForResponseAsync(r => r.Url == admin + "reset");
        Assert.Equal("sent", await page.EvaluateAsync<string>("() => window.tryReset()"));
        Assert.Equal(403, (await reset).Status);

        var force = page.WaitForResponseAsync(r => r.Url.EndsWith("/force", StringComparison.Ordinal));
        await page.EvaluateAsync("() => document.getElementById('form').submit()");
        Assert.Equal(403, (await force).Status);
        await Expect(page.Locator("body")).ToContainTextAsync("Cross-origin request refused");

        // Neither request changed anything; the same reset from the dashboard's own page goes through.
        Assert.Equal(EmulatedTaskStatus.Pending, _emulator.FindTask(id)!.Status);
        var own = await DashboardPage.OpenAsync(context, _emulator);
        await Expect(own.Card(id)).ToBeVisibleAsync();
        await own.ClickAsync("reset");
        await Expect(own.Card(id)).ToHaveCountAsync(0);
        Assert.Null(_emulator.FindTask(id));
    }
}
