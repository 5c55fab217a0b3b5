using DashScope.Emulator.Schema;

namespace DashScope.Emulator.Tasks;

/// <summary>How long tasks spend in each state; see <see cref="EmulatorOptions"/> for the defaults and why.</summary>
/// <remarks>Without a <paramref name="Spread"/> every task takes the durations exactly; with one, each task's are drawn from it.</remarks>
internal sealed record TaskTimings(
    TimeSpan QueueDelay,
    TimeSpan RunningBaseDuration,
    double RunningSecondsPerAudioSecond,
    TimeSpan FailureDuration,
    TimeSpan RetentionPeriod,
    TimelineSpread? Spread = null)
{
    /// <summary>The options' durations, with the retention the schema gives, and the spread the fidelity asks for.</summary>
    public static TaskTimings Create(EmulatorOptions options, LivePortraitSchema schema) => new(
        options.QueueDelay,
        options.RunningBaseDuration,
        options.RunningSecondsPerAudioSecond,
        options.FailureDuration,
        schema.RetentionPeriod,
        options.Fidelity.Timing == TimingProfile.Spread ? new TimelineSpread(options.Fidelity.TimingSeed) : null);

    /// <summary>One new task's queue delay and running time; called in submit order, under the board's lock, so a seed replays exactly.</summary>
    public (TimeSpan Queue, TimeSpan Run) Plan(double? audioSeconds, bool willFail)
    {
        var run = RunningDurationFor(audioSeconds, willFail);
        return Spread is null ? (QueueDelay, run) : (Spread.Next(QueueDelay), Spread.Next(run));
    }

    /// <summary>How long a task runs: the failure duration if it will fail, else the base duration plus its audio's share (none without audio).</summary>
    public TimeSpan RunningDurationFor(double? audioSeconds, bool willFail) =>
        willFail
            ? FailureDuration
            : RunningBaseDuration + TimeSpan.FromSeconds((audioSeconds ?? 0) * RunningSecondsPerAudioSecond);
}

/// <summary>What a submit hands to the board once the request and its media have been checked.</summary>
/// <remarks>Tasks queue and run per account and per operation: <paramref name="MaxRunning"/> of them at once.</remarks>
internal sealed record NewTask(
    EmulatorEndpoint Endpoint,
    int MaxRunning,
    string AccountId,
    string ApiKeyId,
    string Model,
    string RequestId,
    string? ImageUrl,
    string? AudioUrl,
    double? VideoDurationSeconds,
    string? FailureCode,
    string? FailureMessage,
    double?[]? MediaSeconds = null);
