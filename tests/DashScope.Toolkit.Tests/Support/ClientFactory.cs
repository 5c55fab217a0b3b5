using DashScope.LivePortrait;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Toolkit.Tests.Support;

/// <summary>A LivePortrait client over a scripted handler and a fake clock, with deterministic waiting.</summary>
public sealed class ClientHarness
{
    public const string ApiKey = "sk-test-0123456789abcdef";

    public ClientHarness(Action<LivePortraitClientOptions>? configure = null)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        Handler = new ScriptedHandler(Time);
        Options = new LivePortraitClientOptions
        {
            ApiKey = ApiKey,
            BaseAddress = new Uri("http://127.0.0.1:9/api/v1"),
            TimeProvider = Time,
            Wait = new TaskWaitOptions
            {
                InitialPollInterval = TimeSpan.FromSeconds(1),
                MaxPollInterval = TimeSpan.FromSeconds(8),
                BackoffMultiplier = 2,
                JitterRatio = 0,
                Timeout = TimeSpan.FromMinutes(5),
            },
        };
        configure?.Invoke(Options);
        Client = new LivePortraitClient(new HttpClient(Handler), Options);
    }

    public FakeTimeProvider Time { get; }

    public ScriptedHandler Handler { get; }

    public LivePortraitClientOptions Options { get; }

    public LivePortraitClient Client { get; }

    public Task<T> Drive<T>(Task<T> task, double stepSeconds = 0.25, double budgetSeconds = 600) =>
        FakeTime.Drive(task, Time, TimeSpan.FromSeconds(stepSeconds), TimeSpan.FromSeconds(budgetSeconds));

    public static VideoSynthesisRequest ValidRequest() => new()
    {
        Input = new VideoSynthesisInput { ImageUrl = "https://example.com/portrait.png", AudioUrl = "https://example.com/speech.mp3" },
        Parameters = new VideoSynthesisParameters { TemplateId = TemplateId.Calm, VideoFps = 24 },
    };
}
