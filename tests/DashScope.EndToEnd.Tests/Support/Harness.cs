using System.Diagnostics;
using DashScope.Emulator;
using DashScope.Emulator.Media;
using DashScope.LivePortrait;
using DashScope.Toolkit;

namespace DashScope.EndToEnd.Tests.Support;

/// <summary>
/// One test's view of the shared emulator: its own account and key (so its tasks queue, throttle and list
/// apart from other tests'), clients of the generated type on the emulator's fake clock, and
/// <see cref="Drive{T}"/>, which moves that clock while the client waits. Time only moves while no
/// request is on the wire, so an answer always describes the instant the request was sent at.
/// </summary>
public sealed class Harness : IDisposable
{
    private static readonly TimeSpan DefaultBudget = TimeSpan.FromHours(1);
    private static readonly TimeSpan DefaultStep = TimeSpan.FromMilliseconds(250);

    private readonly EndToEndFixture _fixture;
    private readonly List<IDisposable> _owned = [];

    public Harness(EndToEndFixture fixture)
    {
        _fixture = fixture;
        var id = Guid.NewGuid().ToString("N")[..12];
        AccountId = "e2e-" + id;
        ApiKey = "sk-e2e-" + id;
        Emulator.AddAccount(AccountId, ApiKey);
        JournalStart = Emulator.Journal.Count == 0 ? 0 : Emulator.Journal[^1].Sequence;
    }

    public LivePortraitEmulator Emulator => _fixture.Emulator;

    public string AccountId { get; }

    public string ApiKey { get; }

    /// <summary>The last journal sequence before this test started.</summary>
    public long JournalStart { get; }

    public Uri Portrait => Emulator.SampleUrl(SampleMediaFile.Portrait);

    public Uri NoFace => Emulator.SampleUrl(SampleMediaFile.NoFaceImage);

    public Uri SpeechWav => Emulator.SampleUrl(SampleMediaFile.SpeechWav);

    public Uri SpeechMp3 => Emulator.SampleUrl(SampleMediaFile.SpeechMp3);

    public DateTimeOffset Now => _fixture.Clock.GetUtcNow();

    /// <summary>The journal entries since this test started, optionally only those of one endpoint.</summary>
    public IReadOnlyList<JournalEntry> Journal(EmulatorEndpoint? endpoint = null) =>
        Emulator.Journal.Where(e => e.Sequence > JournalStart && (endpoint is null || e.Endpoint == endpoint)).ToList();

    /// <summary>A generated client for this test's account (or <paramref name="apiKey"/>), on the fake clock.</summary>
    /// <param name="wait">How it waits; short polls and a 30 min limit when null.</param>
    /// <param name="apiKey">Another key; this test's key when null.</param>
    /// <param name="outer">A handler placed in front of the network (to look at or change answers).</param>
    /// <param name="maxSubmitRetries">How often a throttled submit is sent again.</param>
    public LivePortraitClient Client(TaskWaitOptions? wait = null, string? apiKey = null, DelegatingHandler? outer = null, int maxSubmitRetries = 3)
    {
        HttpMessageHandler handler = _fixture.ClockDriver.CreateHandler();
        if (outer is not null)
        {
            outer.InnerHandler = handler;
            handler = outer;
        }

        var http = new HttpClient(handler);
        _owned.Add(http);
        return new LivePortraitClient(http, new LivePortraitClientOptions
        {
            ApiKey = apiKey ?? ApiKey,
            BaseAddress = Emulator.BaseUrl,
            TimeProvider = _fixture.Clock,
            MaxSubmitRetriesOnThrottling = maxSubmitRetries,
            Wait = wait ?? new TaskWaitOptions { MaxPollInterval = TimeSpan.FromSeconds(3), Timeout = TimeSpan.FromMinutes(30) },
        });
    }

    /// <summary>A plain HTTP client on the API base that sends <paramref name="apiKey"/> (none when null).</summary>
    public HttpClient Raw(string? apiKey)
    {
        var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri(Emulator.BaseUrl.ToString().TrimEnd('/') + "/") };
        if (apiKey is not null)
        {
            http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + apiKey);
        }

        _owned.Add(http);
        return http;
    }

    /// <summary>A submit body for the generated client.</summary>
    public static VideoSynthesisRequest Request(Uri image, Uri audio, VideoSynthesisParameters? parameters = null) => new()
    {
        Input = new VideoSynthesisInput { ImageUrl = image.ToString(), AudioUrl = audio.ToString() },
        Parameters = parameters,
    };

    /// <summary>Moves the fake clock (and the emulator's tasks) forward.</summary>
    public void Advance(TimeSpan by) => _fixture.Advance(by);

    /// <summary>Moves the clock in <paramref name="step"/>s while <paramref name="work"/> waits, until it ends.</summary>
    public Task<T> Drive<T>(Task<T> work, TimeSpan? step = null, TimeSpan? budget = null) =>
        _fixture.ClockDriver.DriveAsync(work, step ?? DefaultStep, budget ?? DefaultBudget);

    /// <inheritdoc cref="Drive{T}"/>
    public Task Drive(Task work, TimeSpan? step = null, TimeSpan? budget = null) =>
        _fixture.ClockDriver.DriveAsync(work, step ?? DefaultStep, budget ?? DefaultBudget);

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }
}

/// <summary>An <see cref="IProgress{T}"/> that records synchronously (Progress&lt;T&gt; posts, so its order is not the report order).</summary>
public sealed class Recorder<T> : IProgress<T>
{
    private readonly List<T> _items = [];

    public IReadOnlyList<T> Items
    {
        get
        {
            lock (_items)
            {
                return _items.ToList();
            }
        }
    }

    public void Report(T value)
    {
        lock (_items)
        {
            _items.Add(value);
        }
    }
}
