namespace DashScope.Emulator.Tasks;

/// <summary>
/// When the board next has something to do (a transition or an expiry), and the one-shot timer that wakes it then.
/// Re-arming a timer takes the runtime's timer-queue lock and can wake its thread, and every request pumps the board,
/// so the timer is only touched when the next due instant actually changes. Scheduling is done under the board's lock.
/// </summary>
internal sealed class WakeUpAlarm : IDisposable
{
    private readonly ITimer _timer;

    // Read without the board's lock by the cheap "anything due?" check.
    private long _nextDueTicks = long.MaxValue;

    // The instant (UTC ticks) the timer is armed for; long.MaxValue when it is not armed.
    private long _armedDueTicks = long.MaxValue;

    /// <param name="time">The clock: with a FakeTimeProvider the timer fires inside Advance(), with the system clock in real time.</param>
    /// <param name="wakeUp">Called when the timer fires.</param>
    public WakeUpAlarm(TimeProvider time, Action wakeUp) =>
        _timer = time.CreateTimer(_ => wakeUp(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    /// <summary>True when something may be due at <paramref name="now"/>: one volatile read.</summary>
    public bool IsDue(DateTimeOffset now) => now.UtcTicks >= Volatile.Read(ref _nextDueTicks);

    /// <summary>The timer fired: it is no longer armed, so the next <see cref="Schedule"/> must arm it again.</summary>
    public void Fired() => _armedDueTicks = long.MaxValue;

    /// <summary>Sets the next due instant (<see cref="DateTimeOffset.MaxValue"/> for none) and arms the timer for it if it changed.</summary>
    public void Schedule(DateTimeOffset nextDue, DateTimeOffset now)
    {
        var dueTicks = nextDue == DateTimeOffset.MaxValue ? long.MaxValue : nextDue.UtcTicks;
        Volatile.Write(ref _nextDueTicks, dueTicks);
        if (dueTicks != _armedDueTicks)
        {
            var delay = nextDue == DateTimeOffset.MaxValue ? Timeout.InfiniteTimeSpan : (nextDue - now > TimeSpan.FromTicks(1) ? nextDue - now : TimeSpan.FromTicks(1));
            _timer.Change(delay, Timeout.InfiniteTimeSpan);
            _armedDueTicks = dueTicks;
        }
    }

    public void Reset() => Schedule(DateTimeOffset.MaxValue, DateTimeOffset.MinValue);

    public void Dispose() => _timer.Dispose();
}
