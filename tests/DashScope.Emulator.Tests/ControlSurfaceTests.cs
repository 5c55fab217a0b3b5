using System.Net.Http.Json;
using System.Text.Json;
using DashScope.Emulator.Control;
using DashScope.Emulator.Faults;
using DashScope.Emulator.Tasks;
using DashScope.Emulator.Tests.Support;
using DashScope.Emulator.Xunit;

namespace DashScope.Emulator.Tests;

/// <summary>Tasks can be inspected, forced and reset, the clock advanced and the journal read, in process and over the admin path.</summary>
public sealed class ControlSurfaceTests : IClassFixture<ControlSurfaceTests.NoLimitsFixture>, IDisposable
{
    private readonly LivePortraitEmulator _emulator;
    private readonly HttpClient _client;
    private readonly HttpClient _admin;

    public ControlSurfaceTests(NoLimitsFixture fixture)
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

    [Fact]
    public async Task InProcessApiInspectsAdvancesAndJournals()
    {
        var id = await Api.SubmitSampleAsync(_client, _emulator);
        var task = Assert.Single(_emulator.GetTasks("demo"));
        Assert.Equal((id, EmulatedTaskStatus.Pending), (task.TaskId, task.Status));
        Assert.Empty(_emulator.GetTasks("someone-else"));

        _emulator.AdvanceClock(TimeSpan.FromSeconds(5));
        Assert.Equal(EmulatedTaskStatus.Running, _emulator.FindTask(id)!.Status);

        var submit = Assert.Single(_emulator.Journal, e => e.Endpoint == EmulatorEndpoint.VideoSynthesis);
        Assert.Equal((200, "demo", id), (submit.StatusCode, submit.AccountId, submit.TaskId));

        _emulator.ForceStatus(id, EmulatedTaskStatus.Succeeded);
        Assert.Equal("SUCCEEDED", (await Api.QueryAsync(_client, id)).TaskStatus);
        Assert.Throws<InvalidOperationException>(() => _emulator.ForceStatus(id, EmulatedTaskStatus.Running));

        _emulator.Reset();
        Assert.Empty(_emulator.GetTasks());
        Assert.Empty(_emulator.Journal);
        Assert.Equal("UNKNOWN", (await Api.QueryAsync(_client, id)).TaskStatus);
    }

    [Fact]
    public async Task AdminPathOffersTheSameControls()
    {
        var id = await Api.SubmitSampleAsync(_client, _emulator);

        var tasks = await _admin.GetFromJsonAsync<List<EmulatedTask>>("tasks", LivePortraitEmulator.AdminJson);
        Assert.Equal(id, Assert.Single(tasks!).TaskId);
        var one = await _admin.GetFromJsonAsync<EmulatedTask>("tasks/" + id, LivePortraitEmulator.AdminJson);
        Assert.Equal(EmulatedTaskStatus.Pending, one!.Status);
        Assert.Equal(404, (int)(await _admin.GetAsync("tasks/" + Guid.NewGuid())).StatusCode);

        var clock = await _admin.GetFromJsonAsync<ClockState>("clock", LivePortraitEmulator.AdminJson);
        Assert.True(clock!.CanAdvance);
        var advanced = await _admin.PostAsJsonAsync("clock/advance", new AdvanceClockRequest(5), LivePortraitEmulator.AdminJson);
        var after = await advanced.Content.ReadFromJsonAsync<ClockState>(LivePortraitEmulator.AdminJson);
        Assert.Equal(clock.Now + TimeSpan.FromSeconds(5), after!.Now);
        Assert.Equal("RUNNING", (await Api.QueryAsync(_client, id)).TaskStatus);

        var forced = await _admin.PostAsJsonAsync($"tasks/{id}/force", new ForceTaskRequest(EmulatedTaskStatus.Failed, "InvalidImage.NoHumanFace"), LivePortraitEmulator.AdminJson);
        Assert.Equal(200, (int)forced.StatusCode);
        var failed = await Api.QueryAsync(_client, id);
        Assert.Equal(("FAILED", "InvalidImage.NoHumanFace", "No human face detected."), (failed.TaskStatus, failed.OutputString("code"), failed.OutputString("message")));
        var illegal = await _admin.PostAsJsonAsync($"tasks/{id}/force", new ForceTaskRequest(EmulatedTaskStatus.Running), LivePortraitEmulator.AdminJson);
        Assert.Equal(409, (int)illegal.StatusCode);

        var fault = await _admin.PostAsJsonAsync("faults", new AddFaultRequest(EmulatorEndpoint.ListTasks, FaultKind.Respond, 1, 502), LivePortraitEmulator.AdminJson);
        Assert.Equal(200, (int)fault.StatusCode);
        Assert.Single(await _admin.GetFromJsonAsync<List<FaultRule>>("faults", LivePortraitEmulator.AdminJson) ?? []);
        Assert.Equal(502, (await Api.ListAsync(_client)).Status);

        var journal = await _admin.GetFromJsonAsync<List<JournalEntry>>("journal", LivePortraitEmulator.AdminJson);
        Assert.Contains(journal!, e => e.Endpoint == EmulatorEndpoint.ListTasks && e.StatusCode == 502 && e.Fault != null);
        Assert.Contains(journal!, e => e.Endpoint == EmulatorEndpoint.VideoSynthesis && e.TaskId == id);

        var accounts = await _admin.PostAsJsonAsync("accounts", new AddAccountRequest("carol", "sk-carol"), LivePortraitEmulator.AdminJson);
        Assert.Equal(200, (int)accounts.StatusCode);
        using var carol = Api.Client(_emulator, "sk-carol");
        Assert.Equal(200, (await Api.ListAsync(carol)).Status);

        var info = await _admin.GetFromJsonAsync<EmulatorInfo>("info", LivePortraitEmulator.AdminJson);
        Assert.Equal("sk-emulator-demo", info!.DemoApiKey);
        Assert.Equal(_emulator.BaseUrl.ToString(), info.BaseUrl);

        Assert.Equal(200, (int)(await _admin.PostAsync("reset", null)).StatusCode);
        Assert.Empty(_emulator.GetTasks());
        Assert.Equal(400, (int)(await _admin.PostAsync("clock/advance", new StringContent("not json"))).StatusCode);
        Assert.Equal(404, (int)(await _admin.GetAsync("nothing-here")).StatusCode);
    }

    [Fact]
    public async Task AdminHoldAndReleaseAndPlans()
    {
        var plan = await _admin.PostAsJsonAsync("tasks/hold-next", new PlanTasksRequest(1), LivePortraitEmulator.AdminJson);
        Assert.Equal(200, (int)plan.StatusCode);
        var id = await Api.SubmitSampleAsync(_client, _emulator);
        _emulator.AdvanceClock(TimeSpan.FromMinutes(10));
        Assert.Equal(EmulatedTaskStatus.Pending, _emulator.FindTask(id)!.Status);
        Assert.Equal(200, (int)(await _admin.PostAsync($"tasks/{id}/release", null)).StatusCode);
        _emulator.AdvanceClock(TimeSpan.FromMinutes(1));
        Assert.Equal(EmulatedTaskStatus.Succeeded, _emulator.FindTask(id)!.Status);
    }

    [Fact]
    public async Task AdvancingARealClockIsRefused()
    {
        await using var real = LivePortraitEmulator.Start();
        Assert.False(real.CanAdvanceClock);
        Assert.Throws<InvalidOperationException>(() => real.AdvanceClock(TimeSpan.FromSeconds(1)));
        using var admin = new HttpClient { BaseAddress = new Uri(real.Url, LivePortraitEmulator.AdminPathPrefix) };
        var response = await admin.PostAsJsonAsync("clock/advance", new AdvanceClockRequest(1), LivePortraitEmulator.AdminJson);
        Assert.Equal(409, (int)response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("fake-clock", body.GetProperty("error").GetString());
    }

    public sealed class NoLimitsFixture : LivePortraitEmulatorFixture
    {
        protected override void Configure(EmulatorOptions options) => options.DisableRateLimits = true;
    }
}
