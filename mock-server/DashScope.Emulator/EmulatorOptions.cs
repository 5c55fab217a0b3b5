using DashScope.Emulator.Schema;

namespace DashScope.Emulator;

/// <summary>
/// Settings of a <see cref="LivePortraitEmulator"/>. Every default is either taken from the schema
/// (rate limits, retention) or chosen to look like the real service; each says which.
/// </summary>
public sealed class EmulatorOptions
{
    /// <summary>The key of the demo account registered by default.</summary>
    public const string DefaultDemoApiKey = "sk-emulator-demo";

    /// <summary>The id of the demo account registered by default.</summary>
    public const string DefaultDemoAccountId = "demo";

    /// <summary>The clock. Tests pass a <c>FakeTimeProvider</c>; the default is the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>A schema file to read instead of the copy embedded in the assembly.</summary>
    public string? SchemaPath { get; set; }

    /// <summary>The address to listen on. Only loopback addresses are accepted unless <see cref="AllowRemote"/> is set.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The port; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Allows a non-loopback <see cref="Host"/>. The admin path has no authentication, so think twice.</summary>
    public bool AllowRemote { get; set; }

    /// <summary>Registers the demo account with <see cref="DemoApiKey"/>. Default true.</summary>
    public bool RegisterDemoAccount { get; set; } = true;

    /// <summary>The demo account's key.</summary>
    public string DemoApiKey { get; set; } = DefaultDemoApiKey;

    /// <summary>The demo account's id.</summary>
    public string DemoAccountId { get; set; } = DefaultDemoAccountId;

    /// <summary>How long a task waits in PENDING before it may run. Default 5 s (the documented example queued about 10 s).</summary>
    public TimeSpan QueueDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Fixed part of the RUNNING time. Default 2 s.</summary>
    public TimeSpan RunningBaseDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>RUNNING time per second of audio. Default 2.5 (the documented example took about 9 s for 2.79 s of audio).</summary>
    public double RunningSecondsPerAudioSecond { get; set; } = 2.5;

    /// <summary>How long a task that will fail stays RUNNING before it reads FAILED. Default 1 s.</summary>
    public TimeSpan FailureDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The answers to behaviour the public reference leaves unconfirmed, one switch each; see <see cref="FidelityCatalog"/>.
    /// Default <see cref="EmulatorFidelity.Default"/>; <see cref="EmulatorFidelity.Preset(string)"/> loads a named preset.
    /// </summary>
    public EmulatorFidelity Fidelity { get; set; } = EmulatorFidelity.Default;

    /// <summary>
    /// Makes the emulator a recording proxy in front of an upstream service instead of answering by itself; null (the
    /// default) emulates. Cannot be combined with <see cref="Replay"/>.
    /// </summary>
    public Recording.RecordingOptions? Recording { get; set; }

    /// <summary>
    /// A cassette to answer from instead of emulating (see <see cref="Recording.CassetteFile.Load"/>); null (the default)
    /// emulates. Replayed tasks move along their recorded timelines on <see cref="TimeProvider"/>.
    /// </summary>
    public Recording.Cassette? Replay { get; set; }

    /// <summary>How the emulator answers an unknown model: <see cref="EmulatorFidelity.UnknownModel"/> of <see cref="Fidelity"/>. Default: the schema's 400 InvalidParameter.</summary>
    public UnknownModelBehavior UnknownModel
    {
        get => Fidelity.UnknownModel;
        set => Fidelity = Fidelity with { UnknownModel = value };
    }

    /// <summary>Turns every rate limit off (load tests). Default false: limits apply.</summary>
    public bool DisableRateLimits { get; set; }

    /// <summary>Per-endpoint requests per second per account, overriding the schema's <c>rateLimit</c> values; 0 turns a limit off.</summary>
    public IDictionary<EmulatorEndpoint, double> RateLimitOverrides { get; } = new Dictionary<EmulatorEndpoint, double>();

    /// <summary>
    /// At most this many unfinished tasks per account; a submit beyond it answers 429 <c>Throttling</c>.
    /// Default null (no limit), since the public material gives no number.
    /// </summary>
    public int? MaxUnfinishedTasksPerAccount { get; set; }

    /// <summary>
    /// How many finished tasks (SUCCEEDED, FAILED, CANCELED) one account keeps, besides the schema's retention period: past
    /// it the oldest finished task is forgotten and then answers like an unknown task. A task that has not finished is never
    /// forgotten. Default <see cref="DefaultMaxFinishedTasksPerAccount"/>, which bounds a long-running emulator's memory
    /// (about 1 KB per task); null keeps every finished task for the whole retention period.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to less than 1.</exception>
    public int? MaxFinishedTasksPerAccount
    {
        get => _maxFinishedTasksPerAccount;
        set => _maxFinishedTasksPerAccount = value is null or >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxFinishedTasksPerAccount must be at least 1, or null for no cap.");
    }

    /// <summary>The default of <see cref="MaxFinishedTasksPerAccount"/>: 10,000 finished tasks per account.</summary>
    public const int DefaultMaxFinishedTasksPerAccount = 10_000;

    private int? _maxFinishedTasksPerAccount = DefaultMaxFinishedTasksPerAccount;

    /// <summary>Largest accepted request body. Larger bodies answer 400 InvalidParameter. Default 1 MiB (a LivePortrait body is well under 4 KiB).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Real-time limit for fetching one media file from a loopback server. Default 10 s.</summary>
    public TimeSpan MediaDownloadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many requests the journal keeps. Default 10,000; 0 keeps none.</summary>
    public int JournalCapacity { get; set; } = 10_000;

    /// <summary>
    /// The largest file an upload policy allows, in bytes, instead of the schema's <c>max_file_size_mb</c> (100 MB in
    /// the reference's example). Lets a test reach the limit with a small file. Default null: the schema's figure.
    /// </summary>
    public long? UploadMaxFileBytes { get; set; }

    /// <summary>
    /// What one account may upload per day, in bytes, instead of the schema's <c>capacity_limit_mb</c>. Lets a test
    /// exhaust the quota with small files. Default null: the schema's figure.
    /// </summary>
    public long? UploadDailyCapacityBytes { get; set; }

    /// <summary>Holds the start between binding the port and building the emulator (tests only; null otherwise).</summary>
    internal Hosting.StartHold? StartHold { get; set; }

    internal LivePortraitSchema LoadSchema() =>
        SchemaPath is null ? LivePortraitSchema.LoadEmbedded() : LivePortraitSchema.LoadFile(SchemaPath);
}
