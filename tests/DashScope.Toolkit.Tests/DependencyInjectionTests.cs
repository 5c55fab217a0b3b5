using DashScope.LivePortrait;
using DashScope.Toolkit.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace DashScope.Toolkit.Tests;

/// <summary>The generated AddXxxClient registers a typed HttpClient that composes with the standard builders.</summary>
public class DependencyInjectionTests
{
    [Fact]
    public async Task The_registered_client_uses_configured_options_and_the_primary_handler()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var handler = new ScriptedHandler(time).ThenOk(Answers.Succeeded());
        var services = new ServiceCollection();
        IHttpClientBuilder builder = services.AddLivePortraitClient(o =>
        {
            o.ApiKey = "sk-from-di";
            o.BaseAddress = new Uri("http://127.0.0.1:5/api/v1");
        });
        builder.ConfigurePrimaryHttpMessageHandler(() => handler);
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<LivePortraitClient>();
        var task = await client.GetTaskAsync("t1");

        Assert.Equal(LivePortrait.LivePortraitTaskStatus.Succeeded, task.Output.TaskStatus);
        var sent = Assert.Single(handler.Requests);
        Assert.Equal("http://127.0.0.1:5/api/v1/tasks/t1", sent.Uri.ToString());
        Assert.Equal("Bearer sk-from-di", sent.Headers["Authorization"]);
        Assert.Equal("sk-from-di", client.Options.ApiKey);
    }

    [Fact]
    public async Task A_standard_resilience_handler_can_be_added_the_usual_way()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var handler = new ScriptedHandler(time)
            .ThenJson(System.Net.HttpStatusCode.ServiceUnavailable, Answers.Error("InternalError", "x"))
            .ThenOk(Answers.Running());
        var services = new ServiceCollection();
        services.AddLivePortraitClient(o => { o.ApiKey = "k"; o.BaseAddress = new Uri("http://127.0.0.1:5/api/v1"); })
            .ConfigurePrimaryHttpMessageHandler(() => handler)
            .AddStandardResilienceHandler(o => o.Retry.Delay = TimeSpan.Zero);
        using var provider = services.BuildServiceProvider();

        var task = await provider.GetRequiredService<LivePortraitClient>().GetTaskAsync("t1");

        Assert.Equal(LivePortrait.LivePortraitTaskStatus.Running, task.Output.TaskStatus);
        Assert.Equal(2, handler.Requests.Count);
    }
}
