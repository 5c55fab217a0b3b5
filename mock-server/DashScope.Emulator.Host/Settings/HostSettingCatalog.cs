using System.Globalization;
using DashScope.Emulator.Recording;

namespace DashScope.Emulator.Host.Settings;

/// <summary>Every setting of the host, in the order the help lists them, with how each value is read and checked.</summary>
internal static class HostSettingCatalog
{
    /// <summary>The largest number of seconds a timing setting takes (one day); more is surely a typo.</summary>
    public const double MaxSeconds = 86_400;

    private static readonly HostSettings Defaults = HostSettings.Defaults;

    /// <summary>The settings.</summary>
    public static IReadOnlyList<HostSetting> All { get; } =
    [
        new("Host", "address", "Address to listen on: a loopback IP address or 'localhost'; any other address also needs --allow-remote.",
            Defaults.Host, SettingShape.Value, (s, v, _) => s with { Host = NonEmpty(v) }),
        new("Port", "port", "Port to listen on; 0 picks a free one (the first line printed names it).",
            Number(Defaults.Port), SettingShape.Value, (s, v, _) => s with { Port = Port(v) }),
        new("AllowRemote", "true|false", "Allow a non-loopback --host. The API and its admin path are unauthenticated.",
            Flag(Defaults.AllowRemote), SettingShape.Flag, (s, v, _) => s with { AllowRemote = Bool(v) }),
        new("Schema", "path", "Schema file to serve instead of the embedded one (relative to the settings file when set there).",
            "the embedded schema", SettingShape.Value, (s, v, folder) => s with { SchemaPath = ExistingFile(v, folder) }),
        new("FakeClock", "true|false", "Run on a fake clock that moves only through POST /__emulator/clock/advance.",
            Flag(Defaults.FakeClock), SettingShape.Flag, (s, v, _) => s with { FakeClock = Bool(v) }),
        new("QueueSeconds", "seconds", "Seconds a task waits in PENDING.",
            Number(Defaults.QueueSeconds), SettingShape.Value, (s, v, _) => s with { QueueSeconds = Seconds(v) }),
        new("RunSeconds", "seconds", "Fixed part of a task's RUNNING time, in seconds.",
            Number(Defaults.RunSeconds), SettingShape.Value, (s, v, _) => s with { RunSeconds = Seconds(v) }),
        new("RunPerAudio", "factor", "RUNNING seconds per second of the request's audio.",
            Number(Defaults.RunPerAudio), SettingShape.Value, (s, v, _) => s with { RunPerAudio = Seconds(v) }),
        new("FailureSeconds", "seconds", "Seconds a task that will fail stays RUNNING.",
            Number(Defaults.FailureSeconds), SettingShape.Value, (s, v, _) => s with { FailureSeconds = Seconds(v) }),
        new("NoRateLimits", "true|false", "Turn the per-account rate limits off.",
            Flag(Defaults.NoRateLimits), SettingShape.Flag, (s, v, _) => s with { NoRateLimits = Bool(v) }),
        new("MaxFinishedTasksPerAccount", "count|none", "Finished tasks one account keeps; the oldest finished are forgotten first (unfinished never). 'none' keeps all for the retention period.",
            Number(EmulatorOptions.DefaultMaxFinishedTasksPerAccount), SettingShape.Value, (s, v, _) => s with { MaxFinishedTasksPerAccount = TaskCap(v) }),
        new("UnknownModel", "400|404", "Answer to an unknown model: 400 InvalidParameter (the schema's) or 404 ModelNotFound.",
            "400", SettingShape.Value, (s, v, _) => s.Choosing(nameof(EmulatorFidelity.UnknownModel), UnknownModel(v).ToString())),
        .. FidelitySettings.All,
        new("Record", "path", "Record a cassette: forward every API request to --upstream and write the exchanges, scrubbed of keys and signatures, to this file when the host stops.",
            "none", SettingShape.Value, (s, v, folder) => s with { RecordPath = Path.GetFullPath(NonEmpty(v), folder) }),
        new("Upstream", "url", "The service a recording forwards to: https, or http on a loopback address.",
            "none", SettingShape.Value, (s, v, _) => s with { Upstream = Upstream(v) }),
        new("Replay", "path", "Answer from this cassette instead of emulating; replayed tasks follow their recorded timelines on the host's clock.",
            "none", SettingShape.Value, (s, v, folder) => Replay(s, Path.GetFullPath(NonEmpty(v), folder))),
        new("ApiKey", "account=key", "Register another API key for an account; repeat the option for more.",
            "none (only the demo key " + EmulatorOptions.DefaultDemoApiKey + ")", SettingShape.List,
            (s, v, _) => s with { ApiKeys = [.. s.ApiKeys, Grant(v)] }),
    ];

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Flag(bool value) => value ? "true" : "false";

    private static string NonEmpty(string value) =>
        value.Trim() is { Length: > 0 } text ? text : throw new FormatException("needs a value.");

    private static int Port(string value) =>
        int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port
            : throw new FormatException($"'{value}' is not a port number (0 to 65535).");

    private static bool Bool(string value) =>
        bool.TryParse(value.Trim(), out var flag) ? flag : throw new FormatException($"'{value}' is not true or false.");

    private static double Seconds(string value) =>
        double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0 and <= MaxSeconds
            ? seconds
            : throw new FormatException($"'{value}' is not a number from 0 to {Number(MaxSeconds)}.");

    private static int? TaskCap(string value) =>
        value.Trim() is "none" ? null
        : int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1
            ? count
            : throw new FormatException($"'{value}' is neither a whole number from 1 nor 'none'.");

    private static UnknownModelBehavior UnknownModel(string value) => value.Trim() switch
    {
        "400" => UnknownModelBehavior.InvalidParameter400,
        "404" => UnknownModelBehavior.ModelNotFound404,
        _ => throw new FormatException($"'{value}' is neither 400 nor 404."),
    };

    private static string ExistingFile(string value, string folder)
    {
        var path = Path.GetFullPath(NonEmpty(value), folder);
        return File.Exists(path) ? path : throw new FormatException($"no file at '{path}'.");
    }

    private static Uri Upstream(string value)
    {
        try
        {
            return new RecordingOptions(new Uri(NonEmpty(value), UriKind.RelativeOrAbsolute)).Upstream;
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException)
        {
            throw new FormatException(e.Message);
        }
    }

    // The whole cassette is read and checked here, so a bad one stops the host before anything listens.
    private static HostSettings Replay(HostSettings settings, string path)
    {
        try
        {
            return settings with { ReplayPath = path, Replay = CassetteFile.Load(path) };
        }
        catch (CassetteException e)
        {
            throw new FormatException(e.Message);
        }
    }

    private static ApiKeyGrant Grant(string value)
    {
        var pair = value.Split('=', 2, StringSplitOptions.TrimEntries);
        return pair is [{ Length: > 0 } account, { Length: > 0 } key]
            ? new ApiKeyGrant(account, key)
            : throw new FormatException("takes <account>=<key>, both non-empty.");
    }
}
