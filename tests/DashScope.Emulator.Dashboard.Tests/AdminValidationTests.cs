using DashScope.Emulator.Dashboard.Tests.Support;
using DashScope.Emulator.Tests.Support;

namespace DashScope.Emulator.Dashboard.Tests;

/// <summary>Every admin control the page offers answers bad input with a 4xx naming the problem, never a 500.</summary>
public sealed class AdminValidationTests : IClassFixture<DashboardFixture>, IDisposable
{
    private readonly LivePortraitEmulator _emulator;
    private readonly HttpClient _admin;

    public AdminValidationTests(DashboardFixture fixture)
    {
        _emulator = fixture.Emulator.Reset();
        _admin = new HttpClient { BaseAddress = new Uri(_emulator.Url, LivePortraitEmulator.AdminPathPrefix) };
    }

    public void Dispose() => _admin.Dispose();

    public static TheoryData<string, string, string> BadBodies() => new()
    {
        { "tasks/fail-next", """{"count":0,"code":"InternalError.Algo"}""", "\"count\" must be between 1 and 10000" },
        { "tasks/fail-next", """{"count":1}""", "\"code\" is missing" },
        { "tasks/fail-next", """{"count":99999999999,"code":"X"}""", "count" },
        { "tasks/hold-next", """{"count":-1}""", "\"count\" must be between" },
        { "tasks/hold-next", """{"count":null}""", "count" },
        { "clock/advance", """{"seconds":-5}""", "\"seconds\" must be between 0 and" },
        { "clock/advance", """{"seconds":1e300}""", "\"seconds\" must be between 0 and" },
        { "faults", """{"endpoint":"query","kind":"Respond","statusCode":42}""", "\"statusCode\" 42 is not a final HTTP status" },
        { "faults", """{"endpoint":"query","kind":"Respond","statusCode":101}""", "\"statusCode\" 101 is not a final HTTP status" },
        { "faults", """{"endpoint":"query","kind":"Respond","count":0}""", "\"count\" must be between" },
        { "faults", """{"endpoint":"query","kind":"Delay"}""", "A Delay fault needs delayMilliseconds" },
        { "faults", """{"endpoint":"query","kind":"Delay","delayMilliseconds":-1}""", "\"delayMilliseconds\" must be between" },
        { "faults", """{"endpoint":"nowhere","kind":"Respond"}""", "Unknown endpoint 'nowhere'" },
        { "media/no-face", """{"url":"not a url"}""", "absolute http(s) URL" },
        { "media/no-face", """{"url":"file:///etc/passwd"}""", "absolute http(s) URL" },
        { "media/no-face", """{}""", "url" },
        { "tasks/fail-next", "not json", "" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task ABadValueIsA400NamingItAndPlansNothing(string path, string body, string expected)
    {
        using var response = await _admin.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var message = await AdminErrors.MessageAsync(response);
        Assert.True((int)response.StatusCode == 400, $"{path} {body}: {(int)response.StatusCode} {message}");
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.Empty(_emulator.Faults);
        Assert.Equal(DashScope.Emulator.Xunit.LivePortraitEmulatorFixture.DefaultStart, _emulator.Now);
    }

    [Theory]
    [InlineData("""{"status":"Unknown"}""", 400, "\"status\" must be one of")]
    [InlineData("""{"status":42}""", 400, "\"status\" must be one of")]
    [InlineData("""{"status":"Failed","code":" "}""", 400, "\"code\" is blank")]
    [InlineData("""{"status":"Running"}""", 409, "cannot move from SUCCEEDED to RUNNING")]
    public async Task ForcingATaskChecksTheStatusAndTheMove(string body, int status, string expected)
    {
        using var client = Api.Client(_emulator);
        var id = await Api.SubmitSampleAsync(client, _emulator);
        _emulator.ForceStatus(id, Tasks.EmulatedTaskStatus.Succeeded);

        using var response = await _admin.PostAsync($"tasks/{id}/force", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(expected, await AdminErrors.MessageAsync(response), StringComparison.Ordinal);
        Assert.Equal(Tasks.EmulatedTaskStatus.Succeeded, _emulator.FindTask(id)!.Status);
    }
}
