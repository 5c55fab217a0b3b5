using DashScope.Emulator.Schema;

namespace DashScope.Emulator.Tasks;

/// <summary>How long tasks spend in each state; see <see cref="EmulatorOptions"/> for the defaults and why.</summary>
internal sealed record TaskTimings(
    TimeSpan QueueDelay,
    TimeSpan RunningBaseDuration,
    double RunningSecondsPerAudioSecond,
    TimeSpan FailureDuration,
    TimeSpan RetentionPeriod,
    int MaxRunningTasksPerAccount)
{
    /// <summary>The options' durations, with the retention and the per-account concurrency the schema gives.</summary>
    public static TaskTimings Create(EmulatorOptions options, LivePortraitSchema schema) => new(
        options.QueueDelay,
        options.RunningBaseDuration,
        options.RunningSecondsPerAudioSecond,
        options.FailureDuration,
        schema.RetentionPeriod,
        schema.MaxRunningTasksPerAccount);

    public TimeSpan RunningDurationFor(double? audioSeconds, bool willFail) =>
        willFail || audioSeconds is null
            ? FailureDuration
            : RunningBaseDuration + TimeSpan.FromSeconds(audioSeconds.Value * RunningSecondsPerAudioSecond);
}

/// <summary>What a submit hands to the board once the request and its media have been checked.</summary>
internal sealed record NewTask(
    string AccountId,
    string ApiKeyId,
    string Model,
    string RequestId,
    string? ImageUrl,
    string? AudioUrl,
    double? VideoDurationSeconds,
    string? FailureCode,
    string? FailureMessage);
