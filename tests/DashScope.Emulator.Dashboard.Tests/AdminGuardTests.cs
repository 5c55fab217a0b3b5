using DashScope.Emulator.Dashboard.Tests.Support;
using DashScope.Emulator.Tasks;
using DashScope.Emulator.Tests.Support;

namespace DashScope.Emulator.Dashboard.Tests;

/// <summary>The admin path refuses browser requests from other origins and requests addressed to other hosts; its own page and plain clients pass.</summary>
public sealed class AdminGuardTests : IClassFixture<DashboardFixture>, IDisposable
{
    private readonly LivePortraitEmulator _emulator;
    private readonly HttpClient _client;
    private readonly HttpClient _admin;

    public AdminGuardTests(DashboardFixture fixture)
    {
        _emulator = fixture.Emulator.Reset();
        _client = Api.Client(_emulator);
        _admin = new HttpClient { BaseAddress = new Uri(_emulator.Url, LivePortraitEmulator.AdminPathPrefix) };
    }

    public void Dispose()
    {
        _client.Dispose();
        _admin.Dispose();
    }

    private string OwnOrigin => _emulator.Url.GetLeftPart(UriPartial.Authority);

    [Theory]
    [InlineData("Origin", "https://attacker.example")]
    [InlineData("Origin", "null")]
    [InlineData("Origin", "http://localhost:1")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task AStateChangeFromAnotherOriginIsRefusedAndChangesNothing(string header, string value)
    {
        var id = await Api.SubmitSampleAsync(_client, _emulator);
        foreach (var (method, path) in new[] { (HttpMethod.Post, "reset"), (HttpMethod.Post, $"tasks/{id}/hold"), (HttpMethod.Delete, "journal"), (HttpMethod.Post, "clock/advance") })
        {
            using var request = new HttpRequestMessage(method, path) { Content = new StringContent("""{"seconds":60}""", System.Text.Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation(header, value);
            using var response = await _admin.SendAsync(request);
            Assert.Equal(403, (int)response.StatusCode);
            Assert.Contains("refused", await AdminErrors.MessageAsync(response), StringComparison.Ordinal);
        }

        var task = _emulator.FindTask(id)!;
        Assert.Equal((EmulatedTaskStatus.Pending, false), (task.Status, task.IsHeld));
        Assert.NotEmpty(_emulator.Journal);
    }

    [Fact]
    public async Task ThePagesOwnOriginAndClientsWithoutOneAreServed()
    {
        var id = await Api.SubmitSampleAsync(_client, _emulator);
        using (var own = new HttpRequestMessage(HttpMethod.Post, $"tasks/{id}/hold"))
        {
            own.Headers.TryAddWithoutValidation("Origin", OwnOrigin);
            own.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "same-origin");
            Assert.Equal(200, (int)(await _admin.SendAsync(own)).StatusCode);
        }

        Assert.True(_emulator.FindTask(id)!.IsHeld);
        Assert.Equal(200, (int)(await _admin.PostAsync($"tasks/{id}/release", null)).StatusCode);
        Assert.False(_emulator.FindTask(id)!.IsHeld);
    }

    [Fact]
    public async Task ARequestAddressedToAnotherHostNameIsRefusedEvenToRead()
    {
        // A site whose name was re-pointed at 127.0.0.1 (DNS rebinding) sends its own name as Host.
        await Api.SubmitSampleAsync(_client, _emulator);
        foreach (var path in new[] { "tasks", "board", "accounts", "ui/", "events" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = "attacker.example:" + _emulator.Port;
            using var response = await _admin.SendAsync(request);
            Assert.Equal(403, (int)response.StatusCode);
            Assert.Contains("not this emulator's address", await AdminErrors.MessageAsync(response), StringComparison.Ordinal);
        }

        using var local = new HttpRequestMessage(HttpMethod.Get, "board");
        local.Headers.Host = "localhost:" + _emulator.Port;
        Assert.Equal(200, (int)(await _admin.SendAsync(local)).StatusCode);
    }

    [Fact]
    public async Task ThePageCannotBeFramedOrLoadScriptsFromElsewhere()
    {
        using var page = await _admin.GetAsync("ui/");
        Assert.Equal(200, (int)page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Equal("DENY", Assert.Single(page.Headers.GetValues("X-Frame-Options")));
        var policy = Assert.Single(page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("/__emulator/ui/main.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var script = await _admin.GetAsync("ui/main.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        Assert.Equal(404, (int)(await _admin.GetAsync("ui/missing.js")).StatusCode);
    }
}
