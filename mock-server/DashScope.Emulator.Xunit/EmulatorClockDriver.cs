using System.Diagnostics;

namespace DashScope.Emulator.Xunit;

/// <summary>
/// Moves an emulator's fake clock while code under test waits on it, so a task that takes minutes ends in
/// milliseconds. Time only moves while none of the driver's requests is on the wire (an answer then always
/// describes the instant it was asked at), except while the emulator holds a request for a scripted delay
/// on that same clock, which only moving time can end. Send requests through <see cref="CreateHandler"/>.
/// </summary>
public sealed class EmulatorClockDriver
{
    private readonly LivePortraitEmulator _emulator;
    // Held while a request is counted and while the count is read and the clock moved, so no request can leave in
    // between. Re-entrant: a timer the advance fires on this thread may itself send a request.
    private readonly object _wire = new();
    private int _inFlight;

    /// <summary>Creates a driver for <paramref name="emulator"/>, which must run on a fake clock.</summary>
    public EmulatorClockDriver(LivePortraitEmulator emulator)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        if (!emulator.CanAdvanceClock) { throw new ArgumentException("The emulator runs on the system clock; give it a FakeTimeProvider.", nameof(emulator)); }
        _emulator = emulator;
    }

    /// <summary>Real time after which a drive gives up, so a test that would hang fails instead.</summary>
    public TimeSpan RealTimeLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Move the clock while the emulator holds a delayed request (true), or treat it as a hung server (false).</summary>
    public bool AdvanceWhileDelayed { get; set; } = true;

    /// <summary>Called for each request as it leaves, once it is counted as on the wire (<see cref="InFlight"/> includes it).</summary>
    public Action<HttpRequestMessage>? OnSend { get; set; }

    /// <summary>Requests sent through this driver's handlers and not answered yet.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>A handler that lets the driver see requests on the wire; put it in the client's HttpClient.</summary>
    public DelegatingHandler CreateHandler(HttpMessageHandler? inner = null) =>
        new Counting(this) { InnerHandler = inner ?? new SocketsHttpHandler { UseProxy = false } };

    /// <summary>Advances the clock by <paramref name="step"/> at a time until <paramref name="work"/> ends.</summary>
    /// <param name="work">The code under test, already started.</param>
    /// <param name="step">How far each advance moves the clock.</param>
    /// <param name="fakeBudget">Fake time after which the drive gives up with a <see cref="TimeoutException"/>.</param>
    /// <param name="advanceWhen">An extra condition that must hold before each advance.</param>
    public async Task<T> DriveAsync<T>(Task<T> work, TimeSpan step, TimeSpan fakeBudget, Func<bool>? advanceWhen = null)
    {
        await DriveCoreAsync(work, step, fakeBudget, advanceWhen).ConfigureAwait(false);
        return await work.ConfigureAwait(false);
    }

    /// <inheritdoc cref="DriveAsync{T}"/>
    public async Task DriveAsync(Task work, TimeSpan step, TimeSpan fakeBudget, Func<bool>? advanceWhen = null)
    {
        await DriveCoreAsync(work, step, fakeBudget, advanceWhen).ConfigureAwait(false);
        await work.ConfigureAwait(false);
    }

    private async Task DriveCoreAsync(Task work, TimeSpan step, TimeSpan fakeBudget, Func<bool>? advanceWhen)
    {
        var end = _emulator.Now + fakeBudget;
        var real = Stopwatch.StartNew();
        while (!work.IsCompleted)
        {
            // A real millisecond lets thread-pool continuations run; the waiting itself is fake time.
            await Task.WhenAny(work, Task.Delay(1)).ConfigureAwait(false);
            if (work.IsCompleted) { break; }
            if (real.Elapsed > RealTimeLimit) { throw new TimeoutException($"Still running after {RealTimeLimit} of real time."); }

            // The caller's condition is read before the count: a request is counted before anyone can see it sent
            // (OnSend), so a condition met by a request that is still on the wire always finds it counted here.
            if (advanceWhen?.Invoke() == false) { continue; }
            lock (_wire)
            {
                var delayed = _emulator.DelayedRequestCount > 0;
                if (InFlight > 0 && !(delayed && AdvanceWhileDelayed)) { continue; }
                if (_emulator.Now >= end) { throw new TimeoutException($"Still running after {fakeBudget} of fake time."); }
                _emulator.AdvanceClock(step);
            }
        }
    }

    private sealed class Counting(EmulatorClockDriver driver) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // Counted first, then announced: see DriveCoreAsync.
            lock (driver._wire)
            {
                Interlocked.Increment(ref driver._inFlight);
            }
            try
            {
                driver.OnSend?.Invoke(request);
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref driver._inFlight);
            }
        }
    }
}
