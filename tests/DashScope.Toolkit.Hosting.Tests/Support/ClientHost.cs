using DashScope.LivePortrait;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Toolkit.Hosting.Tests.Support;

/// <summary>
/// A service provider as an application builds one: the generated client registered with AddLivePortraitClient,
/// a primary handler under test, a resilience handler, and the fake clock as the container's TimeProvider (which
/// the resilience pipeline takes its delays from) and the client's.
/// </summary>
public sealed class ClientHost : IDisposable
{
    private readonly ServiceProvider _provider;

    public ClientHost(FakeTimeProvider clock, Func<HttpMessageHandler> primary, Uri baseAddress, string apiKey,
        Action<IHttpClientBuilder>? resilience = null, Action<LivePortraitClientOptions>? options = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        var builder = services.AddLivePortraitClient(o =>
        {
            o.ApiKey = apiKey;
            o.BaseAddress = baseAddress;
            o.TimeProvider = clock;
            o.Wait = new TaskWaitOptions { MaxPollInterval = TimeSpan.FromSeconds(3), JitterRatio = 0 };
            options?.Invoke(o);
        });
        builder.ConfigurePrimaryHttpMessageHandler(primary);
        (resilience ?? (b => b.AddDashScopeResilience()))(builder);
        _provider = services.BuildServiceProvider();
    }

    /// <summary>The standard handler as the README used to add it, for the tests that show why it is not enough.</summary>
    public static void StandardHandler(IHttpClientBuilder builder) => builder.AddStandardResilienceHandler();

    public LivePortraitClient Client => _provider.GetRequiredService<LivePortraitClient>();

    public void Dispose() => _provider.Dispose();
}
