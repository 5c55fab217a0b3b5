using System.Reflection;
using DashScope.LivePortrait;
using DashScope.Toolkit.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Toolkit.Tests;

/// <summary>
/// What an application sees of the client: an interface to take and to replace in tests, registration from code or
/// configuration with the options checked at start-up, the container's clock, and the task list as one stream.
/// </summary>
public class ClientSurfaceTests
{
    private static ServiceProvider Provider(Action<IServiceCollection> register, ScriptedHandler? handler = null)
    {
        var services = new ServiceCollection();
        register(services);
        if (handler is not null)
        {
            services.AddHttpClient("DashScope.LivePortrait.LivePortraitClient").ConfigurePrimaryHttpMessageHandler(() => handler);
        }
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task The_interface_resolves_to_the_configured_typed_client()
    {
        var handler = new ScriptedHandler(new FakeTimeProvider()).ThenOk(Answers.Running());
        using var provider = Provider(s => s.AddLivePortraitClient(o => { o.ApiKey = "sk-di"; o.BaseAddress = new Uri("http://127.0.0.1:5/api/v1"); }), handler);

        var client = provider.GetRequiredService<ILivePortraitClient>();
        var task = await client.GetTaskAsync("t1");

        Assert.IsType<LivePortraitClient>(client);
        Assert.Equal(LivePortraitTaskStatus.Running, task.Output.TaskStatus);
        Assert.Equal("Bearer sk-di", Assert.Single(handler.Requests).Headers["Authorization"]);
    }

    [Fact]
    public async Task Code_that_takes_the_interface_runs_on_a_stand_in_without_any_http()
    {
        // Built at run time the way mocking libraries build theirs; this test project is never compiled ahead of time.
#pragma warning disable IL3050
        var standIn = DispatchProxy.Create<ILivePortraitClient, CannedClient>();
#pragma warning restore IL3050
        var service = new AvatarService(standIn);

        var url = await service.MakeAsync("https://example.com/p.png", "https://example.com/a.wav");

        Assert.Equal("https://results.example/video.mp4", url);
        Assert.Equal(["GenerateAsync"], ((CannedClient)(object)standIn).Calls);
    }

    [Fact]
    public void Options_come_from_configuration_by_name()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DashScope:ApiKey"] = "sk-config",
            ["DashScope:BaseAddress"] = "http://127.0.0.1:7/api/v1",
            ["DashScope:WorkspaceId"] = "ws-1",
            ["DashScope:MaxSubmitRetriesOnThrottling"] = "5",
            ["DashScope:Wait:Timeout"] = "00:05:00",
            ["DashScope:Wait:JitterRatio"] = "0.5",
        }).Build();
        using var provider = Provider(s => s.AddLivePortraitClient(configuration.GetSection("DashScope"), o => o.WorkspaceId = "ws-code"));

        var options = provider.GetRequiredService<LivePortraitClient>().Options;

        Assert.Equal(("sk-config", new Uri("http://127.0.0.1:7/api/v1"), "ws-code", 5), (options.ApiKey, options.BaseAddress, options.WorkspaceId, options.MaxSubmitRetriesOnThrottling));
        Assert.Equal((TimeSpan.FromMinutes(5), 0.5), (options.Wait.Timeout, options.Wait.JitterRatio));
    }

    [Fact]
    public void A_setting_that_cannot_be_read_is_named_with_its_key_and_value()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DashScope:ApiKey"] = "sk-config",
            ["DashScope:Wait:Timeout"] = "soon",
        }).Build();
        using var provider = Provider(s => s.AddLivePortraitClient(configuration.GetSection("DashScope")));

        var error = Assert.Throws<DashScopeConfigurationException>(() => provider.GetRequiredService<LivePortraitClient>());

        Assert.Contains("DashScope:Wait:Timeout = 'soon'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_that_make_no_sense_stop_the_start_naming_each_one()
    {
        using var provider = Provider(s => s.AddLivePortraitClient(o =>
        {
            o.ApiKey = "sk";
            o.BaseAddress = new Uri("ftp://127.0.0.1/api");
            o.Wait.JitterRatio = 2;
            o.Wait.MaxPollInterval = TimeSpan.FromMilliseconds(1);
        }));

        // What the Generic Host runs when it starts (ValidateOnStart).
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(error.Failures, f => f.Contains("BaseAddress: 'ftp://127.0.0.1/api' is not an absolute http(s) URL", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Wait.JitterRatio: 2 is outside 0 to 1", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Wait.MaxPollInterval", StringComparison.Ordinal));
        Assert.All(error.Failures, f => Assert.StartsWith("LivePortrait client option ", f, StringComparison.Ordinal));
    }

    [Fact]
    public void A_clock_registered_in_the_container_is_used_unless_the_options_name_one()
    {
        var fake = new FakeTimeProvider();
        var own = new FakeTimeProvider();
        using var fromContainer = Provider(s => s.AddSingleton<TimeProvider>(fake).AddLivePortraitClient(o => o.ApiKey = "sk"));
        using var fromOptions = Provider(s => s.AddSingleton<TimeProvider>(fake).AddLivePortraitClient(o => { o.ApiKey = "sk"; o.TimeProvider = own; }));

        Assert.Same(fake, fromContainer.GetRequiredService<LivePortraitClient>().Options.TimeProvider);
        Assert.Same(own, fromOptions.GetRequiredService<LivePortraitClient>().Options.TimeProvider);
    }

    [Fact]
    public async Task ListAllTasksAsync_walks_every_page_with_the_same_filters()
    {
        var harness = new ClientHarness();
        harness.Handler
            .ThenOk(Page(1, 3, "a", "b"))
            .ThenOk(Page(2, 3, "c", "d"))
            .ThenOk(Page(3, 3, "e"));

        var ids = new List<string?>();
        await foreach (var item in harness.Client.ListAllTasksAsync(new TaskListQuery { PageSize = 2, Status = LivePortraitTaskStatus.Succeeded }))
        {
            ids.Add(item.TaskId);
        }

        Assert.Equal(["a", "b", "c", "d", "e"], ids);
        Assert.Equal(3, harness.Handler.Requests.Count);
        Assert.All(harness.Handler.Requests, r => Assert.Contains("page_size=2", r.Uri.Query, StringComparison.Ordinal));
        Assert.All(harness.Handler.Requests, r => Assert.Contains("status=SUCCEEDED", r.Uri.Query, StringComparison.Ordinal));
        Assert.Equal(["", "page_no=2", "page_no=3"], harness.Handler.Requests.Select(r => r.Uri.Query.Split('&', '?').FirstOrDefault(p => p.StartsWith("page_no=", StringComparison.Ordinal)) ?? ""));
    }

    [Fact]
    public async Task An_empty_page_ends_the_walk_even_if_the_total_says_more()
    {
        var harness = new ClientHarness();
        harness.Handler.ThenOk(Page(1, 9, "a")).ThenOk(Page(2, 9));

        var count = 0;
        await foreach (var _ in harness.Client.ListAllTasksAsync()) { count++; }

        Assert.Equal((1, 2), (count, harness.Handler.Requests.Count));
    }

    private static string Page(int pageNo, int totalPage, params string[] ids) =>
        "{\"request_id\":\"r\",\"total\":" + (totalPage * 2) + ",\"total_page\":" + totalPage + ",\"page_no\":" + pageNo + ",\"page_size\":2,\"data\":[" +
        string.Join(",", ids.Select(id => "{\"task_id\":\"" + id + "\",\"status\":\"SUCCEEDED\",\"gmt_create\":1766719983146,\"model_name\":\"liveportrait\"}")) + "]}";

    /// <summary>Application code that depends on the interface only.</summary>
    private sealed class AvatarService(ILivePortraitClient client)
    {
        public async Task<string?> MakeAsync(string image, string audio)
        {
            var task = await client.GenerateAsync(new VideoSynthesisRequest { Input = new VideoSynthesisInput { ImageUrl = image, AudioUrl = audio } });
            return task.Output.Results?.VideoUrl;
        }
    }

    /// <summary>A stand-in built at run time, as a mocking library would: it answers GenerateAsync and records every call.</summary>
    public class CannedClient : DispatchProxy
    {
        public List<string> Calls { get; } = [];

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            Calls.Add(targetMethod!.Name);
            if (targetMethod.Name != nameof(ILivePortraitClient.GenerateAsync)) { throw new NotSupportedException(targetMethod.Name); }
            var task = System.Text.Json.JsonSerializer.Deserialize(Answers.Succeeded(), LivePortraitJsonContext.Default.VideoSynthesisTask)!;
            var withUrl = task with { Output = task.Output with { Results = new VideoSynthesisResults { VideoUrl = "https://results.example/video.mp4" } } };
            return Task.FromResult(withUrl);
        }
    }
}
