using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DashScope.Emulator.Faults;
using DashScope.Emulator.Tests.Support;
using DashScope.Emulator.Xunit;

namespace DashScope.Emulator.Tests;

/// <summary>
/// A fault posted to the admin path names its kind and endpoint by name; a name the emulator does not know
/// is refused with a message that says which names it knows, instead of becoming some default fault.
/// </summary>
public sealed class AdminFaultRequestTests : IClassFixture<AdminFaultRequestTests.NoLimitsFixture>, IDisposable
{
    private readonly LivePortraitEmulator _emulator;
    private readonly HttpClient _admin;

    public AdminFaultRequestTests(NoLimitsFixture fixture)
    {
        _emulator = fixture.Emulator.Reset();
        _admin = new HttpClient { BaseAddress = new Uri(_emulator.Url, LivePortraitEmulator.AdminPathPrefix) };
    }

    public void Dispose() => _admin.Dispose();

    [Fact]
    public async Task AnUnknownFaultKindIs400NamingTheKindAndTheAllowedKinds()
    {
        var (status, error) = await PostFaultAsync("""{"endpoint":"QueryTask","kind":"Bogus","count":1}""");

        Assert.Equal(400, status);
        Assert.Contains("'Bogus'", error);
        foreach (var kind in Enum.GetNames<FaultKind>())
        {
            Assert.Contains(kind, error);
        }

        Assert.Empty(_emulator.Faults);
    }

    [Fact]
    public async Task AFaultKindGivenAsANumberIsRefusedToo()
    {
        // Enum numbers are not names: 7 used to become a fault of some default kind.
        var (status, error) = await PostFaultAsync("""{"endpoint":"QueryTask","kind":7}""");

        Assert.Equal(400, status);
        Assert.Contains("'7'", error);
        Assert.Empty(_emulator.Faults);
    }

    [Fact]
    public async Task AnUnknownEndpointIs400NamingTheEndpointAndTheAllowedEndpoints()
    {
        var (status, error) = await PostFaultAsync("""{"endpoint":"Teleport","kind":"Respond","statusCode":503}""");

        Assert.Equal(400, status);
        Assert.Contains("'Teleport'", error);
        foreach (var endpoint in _emulator.Endpoints.Select(e => e.Key))
        {
            Assert.Contains(endpoint, error);
        }

        Assert.Empty(_emulator.Faults);
    }

    [Fact]
    public async Task AMissingKindIsRefusedRatherThanDefaulted()
    {
        var (status, error) = await PostFaultAsync("""{"endpoint":"QueryTask"}""");

        Assert.Equal(400, status);
        Assert.Contains("kind", error);
        Assert.Empty(_emulator.Faults);
    }

    [Fact]
    public async Task KnownNamesStillWorkInAnyCase()
    {
        var response = await _admin.PostAsync("faults", new StringContent("""{"endpoint":"querytask","kind":"respond","statusCode":503}""", Encoding.UTF8, "application/json"));

        Assert.Equal(200, (int)response.StatusCode);
        var rule = await response.Content.ReadFromJsonAsync<FaultRule>(LivePortraitEmulator.AdminJson);
        Assert.Equal((EmulatorEndpoint.QueryTask, FaultKind.Respond, 503), (rule!.Endpoint, rule.Kind, rule.StatusCode));

        using var client = Api.Client(_emulator);
        Assert.Equal(503, (await Api.QueryAsync(client, Guid.NewGuid().ToString())).Status);
    }

    private async Task<(int Status, string Error)> PostFaultAsync(string body)
    {
        using var response = await _admin.PostAsync("faults", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        var json = JsonDocument.Parse(text).RootElement;
        return ((int)response.StatusCode, json.TryGetProperty("error", out var error) ? error.GetString() ?? "" : text);
    }

    public sealed class NoLimitsFixture : LivePortraitEmulatorFixture
    {
        protected override void Configure(EmulatorOptions options) => options.DisableRateLimits = true;
    }
}
