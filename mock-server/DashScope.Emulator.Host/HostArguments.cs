using System.Globalization;

namespace DashScope.Emulator.Host;

/// <summary>The standalone host's command line, parsed.</summary>
/// <param name="Options">Emulator options built from the arguments.</param>
/// <param name="FakeClock">True when the clock is fake and only moves through <c>POST /__emulator/clock/advance</c>.</param>
/// <param name="ShowHelp">True when <c>--help</c> was given.</param>
public sealed record HostArguments(EmulatorOptions Options, bool FakeClock, bool ShowHelp)
{
    /// <summary>The port the host listens on unless <c>--port</c> says otherwise.</summary>
    public const int DefaultPort = 18080;

    /// <summary>The usage text.</summary>
    public const string Usage = """
        Usage: dotnet run --project mock-server/DashScope.Emulator.Host -- [options]
          --host <address>         address to listen on (default 127.0.0.1; loopback only unless --allow-remote)
          --port <port>            port (default 18080; 0 picks a free one)
          --allow-remote           allow a non-loopback --host (the admin path is unauthenticated)
          --schema <path>          read this schema instead of the embedded copy
          --fake-clock             run on a fake clock moved by POST /__emulator/clock/advance
          --queue-seconds <s>      time a task waits in PENDING (default 5)
          --run-seconds <s>        fixed part of RUNNING time (default 2)
          --run-per-audio <x>      RUNNING seconds per second of audio (default 2.5)
          --no-rate-limits         turn the per-account rate limits off
          --unknown-model <400|404>  answer for an unknown model (default 400 InvalidParameter)
          --api-key <account>=<key>  register another key (repeatable)
        """;

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a readable message on a bad one.</summary>
    public static HostArguments Parse(IReadOnlyList<string> args)
    {
        var options = new EmulatorOptions { Port = DefaultPort };
        var fakeClock = false;
        var help = false;
        var extraKeys = new List<(string Account, string Key)>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            double Seconds() => double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= 0
                ? s
                : throw new ArgumentException($"{arg} needs a non-negative number.");
            switch (arg)
            {
                case "--host": options.Host = Value(); break;
                case "--port": options.Port = int.TryParse(Value(), out var port) && port is >= 0 and <= 65535 ? port : throw new ArgumentException("--port needs 0-65535."); break;
                case "--allow-remote": options.AllowRemote = true; break;
                case "--schema": options.SchemaPath = Value(); break;
                case "--fake-clock": fakeClock = true; break;
                case "--queue-seconds": options.QueueDelay = TimeSpan.FromSeconds(Seconds()); break;
                case "--run-seconds": options.RunningBaseDuration = TimeSpan.FromSeconds(Seconds()); break;
                case "--run-per-audio": options.RunningSecondsPerAudioSecond = Seconds(); break;
                case "--no-rate-limits": options.DisableRateLimits = true; break;
                case "--unknown-model":
                    options.UnknownModel = Value() switch
                    {
                        "400" => UnknownModelBehavior.InvalidParameter400,
                        "404" => UnknownModelBehavior.ModelNotFound404,
                        var other => throw new ArgumentException($"--unknown-model takes 400 or 404, not {other}."),
                    };
                    break;
                case "--api-key":
                    var pair = Value().Split('=', 2);
                    extraKeys.Add(pair.Length == 2 ? (pair[0], pair[1]) : throw new ArgumentException("--api-key takes <account>=<key>."));
                    break;
                case "--help" or "-h": help = true; break;
                default: throw new ArgumentException($"Unknown argument '{arg}'.");
            }
        }

        return new HostArguments(options, fakeClock, help) { ExtraKeys = extraKeys };
    }

    /// <summary>Keys to register besides the demo key.</summary>
    public IReadOnlyList<(string Account, string Key)> ExtraKeys { get; init; } = Array.Empty<(string, string)>();
}
