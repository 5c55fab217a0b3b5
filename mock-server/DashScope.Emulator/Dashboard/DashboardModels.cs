using DashScope.Emulator.Control;
using DashScope.Emulator.Faults;
using DashScope.Emulator.Tasks;

namespace DashScope.Emulator.Dashboard;

/// <summary>One task as the board shows it: its timeline with the durations between, its inputs, its result or failure.</summary>
/// <param name="TaskId">The task id.</param>
/// <param name="AccountId">The account that submitted it.</param>
/// <param name="Endpoint">The key of the operation that submitted it.</param>
/// <param name="Model">The model named in the submit.</param>
/// <param name="Status">Current status.</param>
/// <param name="IsHeld">True while it is held in PENDING.</param>
/// <param name="SubmitTime">When it was submitted.</param>
/// <param name="ScheduledTime">When it started running, once it has.</param>
/// <param name="EndTime">When it ended, once it has.</param>
/// <param name="QueuedSeconds">Seconds from submit to start (or to now while PENDING, to the end when it never ran).</param>
/// <param name="RunningSeconds">Seconds from start to end (or to now while RUNNING); null before it starts.</param>
/// <param name="TotalSeconds">Seconds from submit to end, once it ended.</param>
/// <param name="ImageUrl">The submitted image URL.</param>
/// <param name="AudioUrl">The submitted audio URL.</param>
/// <param name="AudioSeconds">The audio's measured duration, to the millisecond.</param>
/// <param name="ErrorCode">Code of a FAILED task.</param>
/// <param name="ErrorMessage">Message of a FAILED task.</param>
/// <param name="PlannedFailureCode">The code it will fail with when it runs, before it ends.</param>
/// <param name="ResultUrl">The signed link to the video of a SUCCEEDED task.</param>
public sealed record BoardTask(
    string TaskId,
    string AccountId,
    string Endpoint,
    string Model,
    EmulatedTaskStatus Status,
    bool IsHeld,
    DateTimeOffset SubmitTime,
    DateTimeOffset? ScheduledTime,
    DateTimeOffset? EndTime,
    double QueuedSeconds,
    double? RunningSeconds,
    double? TotalSeconds,
    string? ImageUrl,
    string? AudioUrl,
    double? AudioSeconds,
    string? ErrorCode,
    string? ErrorMessage,
    string? PlannedFailureCode,
    string? ResultUrl);

/// <summary>An account as the dashboard shows it: its id and how many keys it has, never the keys.</summary>
/// <param name="AccountId">The account id.</param>
/// <param name="KeyCount">How many API keys act for it.</param>
public sealed record DashboardAccount(string AccountId, int KeyCount);

/// <summary>What the next submitted tasks will do (<c>fail-next</c>, <c>hold-next</c>).</summary>
/// <param name="FailNextCount">How many of the next tasks will fail.</param>
/// <param name="FailNextCode">The code they will fail with.</param>
/// <param name="HoldNextCount">How many of the next tasks will be held in PENDING.</param>
public sealed record TaskPlans(int FailNextCount, string? FailNextCode, int HoldNextCount);

/// <summary>
/// Answer of <c>GET /__emulator/board</c> and <c>GET /__emulator/changes?since=</c>, and the data of each
/// <c>/__emulator/events</c> event: the state, or only what changed after the reader's version. A null
/// section is unchanged; <paramref name="Full"/> means replace everything the reader holds.
/// </summary>
/// <param name="Version">The version this update brings the reader to; ask for changes after it next.</param>
/// <param name="Full">True when this is the whole state rather than a change.</param>
/// <param name="Now">Now on the emulator's clock.</param>
/// <param name="Tasks">Tasks that changed (all of them when full), as they are now.</param>
/// <param name="RemovedTaskIds">Tasks that are gone (expired).</param>
/// <param name="Journal">Journal entries added (the latest ones when full), oldest first.</param>
/// <param name="Clock">The clock, when it changed.</param>
/// <param name="Faults">The scripted faults, when they changed.</param>
/// <param name="Plans">The plans for the next tasks, when they changed.</param>
/// <param name="Accounts">The accounts, when they changed.</param>
/// <param name="Uploads">The stored uploads, when they changed; null also when the schema has no storage.</param>
/// <param name="Endpoints">The endpoint keys faults can target (full updates only).</param>
/// <param name="UploadsEnabled">True when the schema describes the temporary storage (full updates only).</param>
public sealed record DashboardUpdate(
    long Version,
    bool Full,
    DateTimeOffset Now,
    IReadOnlyList<BoardTask> Tasks,
    IReadOnlyList<string> RemovedTaskIds,
    IReadOnlyList<JournalEntry> Journal,
    ClockState? Clock,
    IReadOnlyList<FaultRule>? Faults,
    TaskPlans? Plans,
    IReadOnlyList<DashboardAccount>? Accounts,
    IReadOnlyList<StoredUploadInfo>? Uploads,
    IReadOnlyList<string>? Endpoints,
    bool? UploadsEnabled);
