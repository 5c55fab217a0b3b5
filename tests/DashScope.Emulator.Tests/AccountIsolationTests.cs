using DashScope.Emulator.Tests.Support;
using DashScope.Emulator.Xunit;

namespace DashScope.Emulator.Tests;

/// <summary>Keys belong to accounts, and a task is visible only to keys of its own account.</summary>
public sealed class AccountIsolationTests : IClassFixture<AccountIsolationTests.TwoAccountsFixture>
{
    private readonly LivePortraitEmulator _emulator;

    public AccountIsolationTests(TwoAccountsFixture fixture) => _emulator = fixture.Emulator.Reset();

    [Fact]
    public void DemoAccountIsRegisteredByDefault()
    {
        Assert.Contains(_emulator.Accounts, a => a.AccountId == "demo" && a.ApiKeys.Contains("sk-emulator-demo"));
        Assert.Equal("sk-emulator-demo", _emulator.DemoApiKey);
    }

    [Fact]
    public async Task EveryKeyOfTheAccountSeesItsTasksAndNoOtherAccountDoes()
    {
        using var alice = Api.Client(_emulator, "sk-alice-1");
        using var aliceSecondKey = Api.Client(_emulator, "sk-alice-2");
        using var bob = Api.Client(_emulator, "sk-bob");
        var id = await Api.SubmitSampleAsync(alice, _emulator);

        Assert.Equal("PENDING", (await Api.QueryAsync(aliceSecondKey, id)).TaskStatus);

        var seenByBob = await Api.QueryAsync(bob, id);
        Assert.Equal(200, seenByBob.Status);
        Assert.Equal("UNKNOWN", seenByBob.TaskStatus);
        Assert.Null(seenByBob.OutputString("submit_time"));

        var bobCancels = await Api.CancelAsync(bob, id);
        Assert.Equal(400, bobCancels.Status);
        Assert.Equal("UnsupportedOperation", bobCancels.Code);
        Assert.Equal("PENDING", (await Api.QueryAsync(alice, id)).TaskStatus);

        var bobsList = await Api.ListAsync(bob, "?task_id=" + id);
        Assert.Equal(0, bobsList.Json.GetProperty("total").GetInt32());
        var bobsWholeList = await Api.ListAsync(bob);
        Assert.DoesNotContain(bobsWholeList.Json.GetProperty("data").EnumerateArray(), d => d.GetProperty("task_id").GetString() == id);

        var alicesList = await Api.ListAsync(aliceSecondKey);
        Assert.Contains(alicesList.Json.GetProperty("data").EnumerateArray(), d => d.GetProperty("task_id").GetString() == id);
    }

    [Fact]
    public async Task UnregisteredKeyIsRejected()
    {
        using var stranger = Api.Client(_emulator, "sk-nobody");
        var result = await Api.QueryAsync(stranger, Guid.NewGuid().ToString());
        Assert.Equal(401, result.Status);
        Assert.Equal("InvalidApiKey", result.Code);
        Assert.Equal("Invalid API-key provided.", result.Message);
    }

    public sealed class TwoAccountsFixture : LivePortraitEmulatorFixture
    {
        protected override void Configure(EmulatorOptions options) => options.DisableRateLimits = true;

        protected override void OnStarted(LivePortraitEmulator emulator) =>
            emulator.AddAccount("alice", "sk-alice-1", "sk-alice-2").AddAccount("bob", "sk-bob");
    }
}
