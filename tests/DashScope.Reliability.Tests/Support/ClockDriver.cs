using System.Diagnostics;
using DashScope.Emulator;
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
public sealed class ClockDriver(LivePortraitEmulator emulator, FakeTimeProvider clock) : IDisposable
{
    private static readonly TimeSpan RealTimeLimit = TimeSpan.FromSeconds(45);
    private readonly List<IDisposable> _owned = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<(DateTimeOffset At, string Method, string Path)> _sent = new();
    private int _inFlight;

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
    public bool AdvanceWhileDelayed { get; set; } = true;

    /// <summary>A generated client on the fake clock.</summary>
    public LivePortraitClient Client(string apiKey, TaskWaitOptions wait, TimeSpan? httpTimeout = null, ILoggerFactory? logging = null, int maxSubmitRetries = 3)
    {
        var http = new HttpClient(new InFlight(this) { InnerHandler = new SocketsHttpHandler { UseProxy = false } })
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
    public async Task<T> Drive<T>(Task<T> work, TimeSpan step, TimeSpan fakeBudget, Func<bool>? advanceWhen = null)
    {
        await DriveCore(work, step, fakeBudget, advanceWhen);
        return await work;
    }

    /// <inheritdoc cref="Drive{T}"/>
    public async Task Drive(Task work, TimeSpan step, TimeSpan fakeBudget, Func<bool>? advanceWhen = null)
    {
        await DriveCore(work, step, fakeBudget, advanceWhen);
        await work;
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    private async Task DriveCore(Task work, TimeSpan step, TimeSpan fakeBudget, Func<bool>? advanceWhen)
    {
        var end = Now + fakeBudget;
        var real = Stopwatch.StartNew();
        while (!work.IsCompleted)
        {
            await Task.WhenAny(work, Task.Delay(1));
            if (work.IsCompleted)
            {
                break;
            }

            if (real.Elapsed > RealTimeLimit)
            {
                throw new TimeoutException($"Still running after {RealTimeLimit} of real time.");
            }

            var delayed = emulator.DelayedRequestCount > 0;
            if ((Volatile.Read(ref _inFlight) > 0 && !(delayed && AdvanceWhileDelayed)) || advanceWhen?.Invoke() == false)
            {
                continue;
            }

            if (Now >= end)
            {
                throw new TimeoutException($"Still running after {fakeBudget} of fake time.");
            }

            emulator.AdvanceClock(step);
        }
    }

    private sealed class InFlight(ClockDriver driver) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            driver._sent.Enqueue((driver.Now, request.Method.Method, request.RequestUri?.AbsolutePath ?? ""));
            Interlocked.Increment(ref driver._inFlight);
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref driver._inFlight);
            }
        }
    }
}
