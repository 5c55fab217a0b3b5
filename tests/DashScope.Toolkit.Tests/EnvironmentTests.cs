using DashScope.LivePortrait;
using DashScope.Toolkit.Tests.Support;

namespace DashScope.Toolkit.Tests;

/// <summary>These tests change process environment variables, so nothing runs beside them.</summary>
[CollectionDefinition(nameof(EnvironmentTests), DisableParallelization = true)]
public sealed class EnvironmentCollection;

/// <summary>With nothing configured, the key and the API root come from the variables the schema names.</summary>
[Collection(nameof(EnvironmentTests))]
public sealed class EnvironmentTests : IDisposable
{
    private readonly string? _key = Environment.GetEnvironmentVariable("DASHSCOPE_API_KEY");
    private readonly string? _baseUrl = Environment.GetEnvironmentVariable("DASHSCOPE_HTTP_BASE_URL");

    [Fact]
    public async Task The_key_and_base_url_are_read_from_the_environment()
    {
        Environment.SetEnvironmentVariable("DASHSCOPE_API_KEY", "sk-from-environment");
        Environment.SetEnvironmentVariable("DASHSCOPE_HTTP_BASE_URL", "http://127.0.0.1:6/env/api/v1");
        var harness = new ClientHarness(o => { o.ApiKey = null; o.BaseAddress = null; });
        harness.Handler.ThenOk(Answers.Pending());

        await harness.Client.GetTaskAsync("t1");

        var sent = Assert.Single(harness.Handler.Requests);
        Assert.Equal("Bearer sk-from-environment", sent.Headers["Authorization"]);
        Assert.Equal("http://127.0.0.1:6/env/api/v1/tasks/t1", sent.Uri.ToString());
    }

    [Fact]
    public async Task Without_a_key_the_call_fails_before_sending_and_names_the_variable()
    {
        Environment.SetEnvironmentVariable("DASHSCOPE_API_KEY", null);
        var harness = new ClientHarness(o => o.ApiKey = null);
        harness.Handler.ThenOk(Answers.Pending());

        var error = await Assert.ThrowsAsync<DashScopeConfigurationException>(() => harness.Client.GetTaskAsync("t"));

        Assert.Contains("DASHSCOPE_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Handler.Requests);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("DASHSCOPE_API_KEY", _key);
        Environment.SetEnvironmentVariable("DASHSCOPE_HTTP_BASE_URL", _baseUrl);
    }
}
