using System.CommandLine;

namespace DashScope.Emulator.Host;

/// <summary>
/// The <c>drift</c> subcommand's own options. The emulator settings (fidelity switches, timings, schema...) are the
/// root's options, which apply here too, and shape the in-process emulator that is compared when no target is given.
/// </summary>
internal sealed class DriftCommand
{
    /// <summary>The default base path of the report files.</summary>
    public const string DefaultReport = "drift-report";

    public DriftCommand(Func<ParseResult, CancellationToken, Task<int>> run)
    {
        Command = new Command(
            "drift",
            "Replays a cassette against an emulator (in-process, on a fake clock, with the settings given) or against --target, "
            + "and reports field by field where the answers differ from the recorded ones: status, error code and message, "
            + "fields present or missing, types, formats, and each task's status sequence and timing.\n"
            + $"Exit codes: {ExitCodes.Stopped} no drift, {ExitCodes.DriftFound} drift found, {ExitCodes.StartFailed} the target could not "
            + $"be started or reached, {ExitCodes.BadSettings} bad options, settings or cassette.");
        Command.Options.Add(Cassette);
        Command.Options.Add(Target);
        Command.Options.Add(Key);
        Command.Options.Add(Report);
        Command.Options.Add(SuggestSettings);
        Command.SetAction(run);
    }

    public Command Command { get; }

    public Option<string> Cassette { get; } = new("--cassette")
    {
        Description = "The cassette to compare with (written by --record).",
        HelpName = "path",
        Required = true,
    };

    public Option<string?> Target { get; } = new("--target")
    {
        Description = "A running server to compare instead of an in-process emulator, e.g. https://dashscope.aliyuncs.com/ or http://127.0.0.1:18080/. [default: an in-process emulator]",
        HelpName = "url",
    };

    public Option<string?> Key { get; } = new("--key")
    {
        Description = "The API key to send to --target. [default: the DASHSCOPE_API_KEY environment variable]",
        HelpName = "key",
    };

    public Option<string?> SuggestSettings { get; } = new("--suggest-settings")
    {
        Description = "Also try every fidelity switch's other choices against the cassette, keep each flip that leaves fewer differences, "
            + "and write the kept flips to this settings file (for --settings): a preset recorded from the service. The report is then the drift that remains. [default: none]",
        HelpName = "path",
    };

    public Option<string> Report { get; } = new("--report")
    {
        Description = "Where to write the report, without extension: <path>.md and <path>.json.",
        HelpName = "path",
        DefaultValueFactory = _ => DefaultReport,
    };
}
