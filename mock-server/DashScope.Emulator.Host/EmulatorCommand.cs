using System.CommandLine;
using DashScope.Emulator.Host.Settings;

namespace DashScope.Emulator.Host;

/// <summary>
/// The command line: one option per setting of <see cref="HostSettingCatalog"/> plus <c>--settings</c>, and the
/// layer of settings the options that were actually given make (an option left out never hides the file or the
/// environment, even though the help shows its default).
/// </summary>
internal sealed class EmulatorCommand
{
    private readonly Option<string?> _settingsFile = new("--settings")
    {
        Description = $"JSON settings file whose keys are the setting names (Port, QueueSeconds, ApiKey...); also read from {SettingsSources.SettingsFileVariable}. [default: none]",
        HelpName = "path",
    };

    private readonly List<(HostSetting Setting, Option Option)> _options = [];

    /// <summary>Builds the root command; <paramref name="run"/> is its action.</summary>
    public EmulatorCommand(Func<ParseResult, CancellationToken, Task<int>> run, Func<ParseResult, CancellationToken, Task<int>>? drift = null)
    {
        Root = new RootCommand(
            "Serves the DashScope LivePortrait API offline (on 127.0.0.1 unless told otherwise) until Ctrl+C or SIGTERM.\n"
            + $"Settings, highest precedence first: options; environment variables {HostSetting.EnvironmentPrefix}<NAME> "
            + $"(e.g. {HostSetting.EnvironmentPrefix}QUEUE_SECONDS=0); the settings file; the defaults shown below.\n"
            + $"Exit codes: {ExitCodes.Stopped} stopped cleanly, {ExitCodes.StartFailed} could not start (e.g. port in use), "
            + $"{ExitCodes.BadSettings} bad options or settings.");
        // Every setting applies to the drift subcommand too, where it shapes the emulator that is compared.
        _settingsFile.Recursive = true;
        Root.Options.Add(_settingsFile);
        foreach (var setting in HostSettingCatalog.All)
        {
            var option = CreateOption(setting);
            option.Recursive = true;
            _options.Add((setting, option));
            Root.Options.Add(option);
        }

        Root.SetAction(run);
        Drift = new DriftCommand(drift ?? ((_, _) => Task.FromResult(ExitCodes.Stopped)));
        Root.Subcommands.Add(Drift.Command);
    }

    /// <summary>The <c>drift</c> subcommand.</summary>
    public DriftCommand Drift { get; }

    /// <summary>The root command.</summary>
    public RootCommand Root { get; }

    /// <summary>The settings file named by <c>--settings</c>, else by the environment, else null.</summary>
    public string? SettingsFile(ParseResult parse, IReadOnlyDictionary<string, string> environment) =>
        parse.GetValue(_settingsFile) is { Length: > 0 } path ? path
        : environment.FirstOrDefault(e => string.Equals(e.Key, SettingsSources.SettingsFileVariable, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } fromEnvironment ? fromEnvironment
        : null;

    /// <summary>The options given on the command line, as the highest layer of settings.</summary>
    public SettingsLayer CommandLineLayer(ParseResult parse)
    {
        var entries = new List<SettingEntry>();
        foreach (var (setting, option) in _options)
        {
            if (parse.GetResult(option) is not { Implicit: false })
            {
                continue;
            }

            var where = "option " + setting.OptionName;
            switch (option)
            {
                case Option<bool> flag:
                    entries.Add(new SettingEntry(setting.Key, parse.GetValue(flag) ? "true" : "false", where));
                    break;
                case Option<string[]> list:
                    entries.AddRange((parse.GetValue(list) ?? []).Select((item, i) => new SettingEntry($"{setting.Key}:{i}", item, where)));
                    break;
                case Option<string> value:
                    entries.Add(new SettingEntry(setting.Key, parse.GetValue(value), where));
                    break;
            }
        }

        return new SettingsLayer(Environment.CurrentDirectory, entries);
    }

    // Every value is read as text and checked by the setting itself, so an option, an environment variable and a
    // file key with the same bad value get the same message.
    private static Option CreateOption(HostSetting setting) => setting.Shape switch
    {
        // The help shows no default for a switch by itself; it is written into the description instead.
        SettingShape.Flag => new Option<bool>(setting.OptionName)
        {
            Description = $"{setting.Description} [default: {setting.DefaultText}]",
            DefaultValueFactory = _ => bool.Parse(setting.DefaultText),
        },
        SettingShape.List => new Option<string[]>(setting.OptionName)
        {
            Description = $"{setting.Description} [default: {setting.DefaultText}]",
            HelpName = setting.ValueName,
            AllowMultipleArgumentsPerToken = false,
        },
        _ => new Option<string>(setting.OptionName)
        {
            Description = setting.Description,
            HelpName = setting.ValueName,
            DefaultValueFactory = _ => setting.DefaultText,
        },
    };
}
