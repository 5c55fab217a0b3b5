using DashScope.Emulator.Schema;

namespace DashScope.Emulator.Tasks;

/// <summary>How long tasks spend in each state; see <see cref="EmulatorOptions"/> for the defaults and why.</summary>
internal sealed record TaskTimings(
    TimeSpan QueueDelay,
    TimeSpan RunningBaseDuration,
    double RunningSecondsPerAudioSecond,
    TimeSpan FailureDuration,
    TimeSpan RetentionPeriod)
{
    /// <summary>The options' durations, with the retention the schema gives.</summary>
    public static TaskTimings Create(EmulatorOptions options, LivePortraitSchema schema) => new(
        options.QueueDelay,
        options.RunningBaseDuration,
        options.RunningSecondsPerAudioSecond,
        options.FailureDuration,
        schema.RetentionPeriod);

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
