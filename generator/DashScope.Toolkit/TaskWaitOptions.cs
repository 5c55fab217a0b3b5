namespace DashScope.Toolkit;

/// <summary>How a generated client waits for an asynchronous task to reach a terminal status.</summary>
public sealed class TaskWaitOptions
{
    /// <summary>Delay before the second poll; later delays grow by <see cref="BackoffMultiplier"/>.</summary>
    public TimeSpan InitialPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Longest delay between two polls. When null, the schema's recommended interval is used
    /// (15 s for LivePortrait).
    /// </summary>
    public TimeSpan? MaxPollInterval { get; set; }

    /// <summary>Factor applied to the delay after each poll that brought no terminal status.</summary>
    public double BackoffMultiplier { get; set; } = 1.5;

    /// <summary>
    /// Random spread of each delay, as a fraction (0.2 = plus or minus 20 %), so that many waiting
    /// clients do not poll in step.
    /// </summary>
    public double JitterRatio { get; set; } = 0.2;

    /// <summary>Overall time limit of one wait; past it a <see cref="DashScopeTaskTimeoutException"/> is thrown.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How many polls in a row may fail with a 5xx, a 429 or a transport fault before the wait gives up
    /// and rethrows the last fault. A successful poll resets the count.
    /// </summary>
    public int MaxConsecutiveTransientFailures { get; set; } = 10;

    /// <summary>Longest Retry-After the wait will honour; a longer one is capped to this.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Source of jitter; replace it in tests for repeatable delays.</summary>
    public Func<double> RandomSource { get; set; } = Random.Shared.NextDouble;

    internal void ThrowIfInvalid()
    {
        if (InitialPollInterval <= TimeSpan.Zero) { throw new ArgumentOutOfRangeException(nameof(InitialPollInterval), InitialPollInterval, "Must be positive."); }
        if (MaxPollInterval is { } max && max < InitialPollInterval) { throw new ArgumentOutOfRangeException(nameof(MaxPollInterval), max, "Must not be below InitialPollInterval."); }
        if (BackoffMultiplier < 1) { throw new ArgumentOutOfRangeException(nameof(BackoffMultiplier), BackoffMultiplier, "Must be at least 1."); }
        if (JitterRatio is < 0 or >= 1) { throw new ArgumentOutOfRangeException(nameof(JitterRatio), JitterRatio, "Must be in [0, 1)."); }
        if (Timeout <= TimeSpan.Zero) { throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "Must be positive."); }
        if (MaxConsecutiveTransientFailures < 0) { throw new ArgumentOutOfRangeException(nameof(MaxConsecutiveTransientFailures), MaxConsecutiveTransientFailures, "Must not be negative."); }
    }
}
