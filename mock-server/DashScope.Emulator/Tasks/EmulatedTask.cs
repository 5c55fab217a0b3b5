namespace DashScope.Emulator.Tasks;

/// <summary>An immutable snapshot of one emulated task, as the control API and the admin HTTP path show it.</summary>
/// <param name="TaskId">The task id (a UUID).</param>
/// <param name="AccountId">The account that submitted it; only keys of this account can see it.</param>
/// <param name="ApiKeyId">An opaque id of the key that submitted it (never the key itself).</param>
/// <param name="Model">The model named in the submit.</param>
/// <param name="RequestId">The request id of the submit.</param>
/// <param name="Status">Current status.</param>
/// <param name="SubmitTime">When it was submitted.</param>
/// <param name="ScheduledTime">When it started running, once it has.</param>
/// <param name="EndTime">When it ended, once it has.</param>
/// <param name="ErrorCode">Code of a FAILED task.</param>
/// <param name="ErrorMessage">Message of a FAILED task.</param>
/// <param name="VideoDurationSeconds">Seconds of video the task produces: the audio's real duration.</param>
/// <param name="RunningDuration">How long it stays RUNNING once scheduled.</param>
/// <param name="PlannedFailureCode">The code it will fail with when it runs (bad media, a scripted failure), or null to succeed.</param>
/// <param name="PlannedFailureMessage">The message it will fail with.</param>
/// <param name="IsHeld">True while a fault keeps it in PENDING.</param>
/// <param name="ImageUrl">The submitted image URL.</param>
/// <param name="AudioUrl">The submitted audio URL.</param>
public sealed record EmulatedTask(
    string TaskId,
    string AccountId,
    string ApiKeyId,
    string Model,
    string RequestId,
    EmulatedTaskStatus Status,
    DateTimeOffset SubmitTime,
    DateTimeOffset? ScheduledTime,
    DateTimeOffset? EndTime,
    string? ErrorCode,
    string? ErrorMessage,
    double? VideoDurationSeconds,
    TimeSpan RunningDuration,
    string? PlannedFailureCode,
    string? PlannedFailureMessage,
    bool IsHeld,
    string? ImageUrl,
    string? AudioUrl)
{
    /// <summary>The operation that submitted it (<see cref="EmulatorEndpoint.VideoSynthesis"/> in the shipped schema).</summary>
    public EmulatorEndpoint Endpoint { get; init; }

    /// <summary>The measured seconds of each media rule's audio, by rule index: what its answer reports as input durations.</summary>
    internal double?[]? MediaSeconds { get; init; }

    /// <summary>How long it waits in PENDING before it may run: the configured delay, or its own draw under <see cref="TimingProfile.Spread"/>.</summary>
    internal TimeSpan QueueDelay { get; init; }

    /// <summary>True once the task has reached a terminal status.</summary>
    public bool IsTerminal => Status.IsTerminal();
}

/// <summary>One change of a task's status, raised as it happens (the standalone host prints these).</summary>
/// <param name="TaskId">The task.</param>
/// <param name="AccountId">Its account.</param>
/// <param name="From">The previous status; null when the task was just created.</param>
/// <param name="To">The new status.</param>
/// <param name="At">The emulated instant of the change (it may precede the moment it is observed).</param>
/// <param name="ErrorCode">The failure code when <paramref name="To"/> is FAILED.</param>
public sealed record TaskTransition(string TaskId, string AccountId, EmulatedTaskStatus? From, EmulatedTaskStatus To, DateTimeOffset At, string? ErrorCode);
