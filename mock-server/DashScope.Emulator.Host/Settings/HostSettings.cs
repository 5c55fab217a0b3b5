using DashScope.Emulator.Recording;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Emulator.Host.Settings;

/// <summary>
/// Everything the host is told, after options, environment variables, the settings file and the defaults have
/// been combined (in that order of precedence). Defaults are the emulator's own, so the host never disagrees
/// with the library.
/// </summary>
public sealed record HostSettings
{
    /// <summary>The port the host listens on unless told otherwise (the library's default is a free port).</summary>
    public const int DefaultPort = 18080;

    private static readonly EmulatorOptions LibraryDefaults = new();

    /// <summary>The settings when nothing is set.</summary>
    public static HostSettings Defaults { get; } = new();

    /// <summary>Address to listen on; loopback only unless <see cref="AllowRemote"/>.</summary>
    public string Host { get; init; } = LibraryDefaults.Host;

    /// <summary>Port; 0 picks a free one.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Allows a non-loopback <see cref="Host"/> (the admin path is unauthenticated).</summary>
    public bool AllowRemote { get; init; }

    /// <summary>A schema file to serve instead of the embedded copy; null for the embedded one.</summary>
    public string? SchemaPath { get; init; }

    /// <summary>Runs on a fake clock that only moves through <c>POST /__emulator/clock/advance</c>.</summary>
    public bool FakeClock { get; init; }

    /// <summary>Seconds a task waits in PENDING.</summary>
    public double QueueSeconds { get; init; } = LibraryDefaults.QueueDelay.TotalSeconds;

    /// <summary>Fixed part of the RUNNING time, in seconds.</summary>
    public double RunSeconds { get; init; } = LibraryDefaults.RunningBaseDuration.TotalSeconds;

    /// <summary>RUNNING seconds per second of audio.</summary>
    public double RunPerAudio { get; init; } = LibraryDefaults.RunningSecondsPerAudioSecond;

    /// <summary>Seconds a task that will fail stays RUNNING.</summary>
    public double FailureSeconds { get; init; } = LibraryDefaults.FailureDuration.TotalSeconds;

    /// <summary>Turns the per-account rate limits off.</summary>
    public bool NoRateLimits { get; init; }

    /// <summary>How many finished tasks one account keeps (oldest finished forgotten first); null for no cap.</summary>
    public int? MaxFinishedTasksPerAccount { get; init; } = EmulatorOptions.DefaultMaxFinishedTasksPerAccount;

    /// <summary>The answer to an unknown model (the <see cref="EmulatorFidelity.UnknownModel"/> switch of <see cref="Fidelity"/>).</summary>
    public UnknownModelBehavior UnknownModel => Fidelity.UnknownModel;

    /// <summary>The fidelity preset the switches start from: <see cref="EmulatorFidelity.DefaultPresetName"/> unless told otherwise.</summary>
    public string FidelityPreset { get; init; } = EmulatorFidelity.DefaultPresetName;

    /// <summary>Fidelity switches set one by one (switch name → choice name); each beats the preset, whatever the source.</summary>
    public IReadOnlyDictionary<string, string> FidelityChoices { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The seed of the spread timing profile; null for the library's.</summary>
    public int? TimingSeed { get; init; }

    /// <summary>The fidelity these settings stand for: the preset, then each switch set one by one, then the seed.</summary>
    public EmulatorFidelity Fidelity
    {
        get
        {
            var fidelity = FidelityChoices.Aggregate(EmulatorFidelity.Preset(FidelityPreset), (f, choice) => f.With(choice.Key, choice.Value));
            return TimingSeed is { } seed ? fidelity with { TimingSeed = seed } : fidelity;
        }
    }

    /// <summary>Keys to register besides the demo key.</summary>
    public IReadOnlyList<ApiKeyGrant> ApiKeys { get; init; } = [];

    /// <summary>Where a recording's cassette is written when the host stops (full path); null when not recording.</summary>
    public string? RecordPath { get; init; }

    /// <summary>The service a recording forwards to; null when not recording.</summary>
    public Uri? Upstream { get; init; }

    /// <summary>The cassette file replayed (full path); null when not replaying.</summary>
    public string? ReplayPath { get; init; }

    /// <summary>The cassette replayed, read and checked whole when the setting was read; null when not replaying.</summary>
    public Cassette? Replay { get; init; }

    /// <summary>The settings file that was read, if any (full path).</summary>
    public string? SettingsFile { get; init; }

    /// <summary>The emulator options these settings stand for; a fresh object on each call.</summary>
    public EmulatorOptions ToEmulatorOptions() => new()
    {
        Host = Host,
        Port = Port,
        AllowRemote = AllowRemote,
        SchemaPath = SchemaPath,
        TimeProvider = FakeClock ? new FakeTimeProvider(DateTimeOffset.UtcNow) : TimeProvider.System,
        QueueDelay = TimeSpan.FromSeconds(QueueSeconds),
        RunningBaseDuration = TimeSpan.FromSeconds(RunSeconds),
        RunningSecondsPerAudioSecond = RunPerAudio,
        FailureDuration = TimeSpan.FromSeconds(FailureSeconds),
        DisableRateLimits = NoRateLimits,
        MaxFinishedTasksPerAccount = MaxFinishedTasksPerAccount,
        Fidelity = Fidelity,
        Recording = Upstream is null ? null : new RecordingOptions(Upstream) { CassettePath = RecordPath },
        Replay = Replay,
    };

    /// <summary>The problems of settings that only make sense together; empty when there are none.</summary>
    internal IEnumerable<string> Conflicts()
    {
        if (RecordPath is not null && Upstream is null)
        {
            yield return "Record needs Upstream: the service to record (--upstream https://dashscope.aliyuncs.com/).";
        }

        if (Upstream is not null && RecordPath is null)
        {
            yield return "Upstream needs Record: the cassette file to write (--record session.json).";
        }

        if (ReplayPath is not null && (RecordPath is not null || Upstream is not null))
        {
            yield return "Replay cannot be combined with Record and Upstream: the host either records or replays.";
        }
    }

    /// <summary>These settings with one fidelity switch set; the value must already be one of the switch's choices.</summary>
    internal HostSettings Choosing(string switchName, string choice) =>
        this with { FidelityChoices = new Dictionary<string, string>(FidelityChoices, StringComparer.OrdinalIgnoreCase) { [switchName] = choice } };
}
