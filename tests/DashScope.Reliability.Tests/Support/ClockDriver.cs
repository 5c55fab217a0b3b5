using DashScope.Emulator;
using DashScope.Emulator.Xunit;
using DashScope.LivePortrait;
using DashScope.Toolkit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Reliability.Tests.Support;

/// <summary>
/// Runs generated clients against an emulator on a shared fake clock, and moves that clock while they wait.
/// Time only moves while no request is on the wire (so an answer describes the instant it was asked), unless
/// the emulator holds a request for a scripted delay on this clock and <see cref="AdvanceWhileDelayed"/> is set.
/// </summary>
public sealed class ClockDriver : IDisposable
{
    private readonly LivePortraitEmulator emulator;
    private readonly FakeTimeProvider clock;
    private readonly EmulatorClockDriver _driver;
    private readonly List<IDisposable> _owned = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<(DateTimeOffset At, string Method, string Path)> _sent = new();

    public ClockDriver(LivePortraitEmulator emulator, FakeTimeProvider clock)
    {
        this.emulator = emulator;
        this.clock = clock;
        _driver = new EmulatorClockDriver(emulator)
        {
            RealTimeLimit = TimeSpan.FromSeconds(45),
            OnSend = request => _sent.Enqueue((clock.GetUtcNow(), request.Method.Method, request.RequestUri?.AbsolutePath ?? "")),
        };
    }

    /// <summary>Every request the clients sent, with the fake time it left at.</summary>
    public IReadOnlyList<(DateTimeOffset At, string Method, string Path)> Sent => _sent.ToList();

    /// <summary>The task polls (GET /tasks/{id}) sent.</summary>
    public IReadOnlyList<DateTimeOffset> Polls => _sent.Where(s => s.Method == "GET" && s.Path.Contains("/tasks/", StringComparison.Ordinal) && !s.Path.EndsWith("/tasks/", StringComparison.Ordinal)).Select(s => s.At).ToList();

    /// <summary>The submits sent.</summary>
    public int Submits => _sent.Count(s => s.Path.Contains("video-synthesis", StringComparison.Ordinal));

    /// <summary>The most requests in any window of <paramref name="window"/> of fake time.</summary>
    public static int MostIn(IReadOnlyList<DateTimeOffset> times, TimeSpan window) =>
        times.Count == 0 ? 0 : times.Max(start => times.Count(t => t >= start && t < start + window));

    public LivePortraitEmulator Emulator => emulator;

    public FakeTimeProvider Clock => clock;

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Move the clock while the emulator holds a delayed request (true), or treat it as a hung server (false).</summary>
    public bool AdvanceWhileDelayed
    {
        get => _driver.AdvanceWhileDelayed;
        set => _driver.AdvanceWhileDelayed = value;
    }

    /// <summary>A generated client on the fake clock.</summary>
    public LivePortraitClient Client(string apiKey, TaskWaitOptions wait, TimeSpan? httpTimeout = null, ILoggerFactory? logging = null, int maxSubmitRetries = 3)
    {
        var http = new HttpClient(_driver.CreateHandler())
        {
            Timeout = httpTimeout ?? TimeSpan.FromSeconds(30),
        };
        _owned.Add(http);
        return new LivePortraitClient(http, new LivePortraitClientOptions
        {
            ApiKey = apiKey,
            BaseAddress = emulator.BaseUrl,
            TimeProvider = clock,
            LoggerFactory = logging,
            MaxSubmitRetriesOnThrottling = maxSubmitRetries,
            Wait = wait,
        });
    }

    /// <summary>Advances the clock in <paramref name="step"/>s while <paramref name="work"/> runs; gives up past a fake or real limit.</summary>
    public Task<T> Drive<T>(Task<T> work, TimeSpan step, TimeSpan fakeBudget, Func<bool>? advanceWhen = null) =>
        _driver.DriveAsync(work, step, fakeBudget, advanceWhen);

    /// <inheritdoc cref="Drive{T}"/>
    public Task Drive(Task work, TimeSpan step, TimeSpan fakeBudget, Func<bool>? advanceWhen = null) =>
        _driver.DriveAsync(work, step, fakeBudget, advanceWhen);

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }
}
