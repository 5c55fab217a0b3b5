using System.Text.RegularExpressions;

namespace DashScope.Emulator.Host.Tests;

/// <summary><c>--help</c> lists every option with its default, the environment prefix, the precedence and the exit codes.</summary>
public sealed class HelpTests
{
    private static readonly string[] Options =
    [
        "--settings", "--host", "--port", "--allow-remote", "--schema", "--fake-clock", "--queue-seconds", "--run-seconds",
        "--run-per-audio", "--failure-seconds", "--no-rate-limits", "--max-finished-tasks-per-account", "--unknown-model", "--api-key",
    ];

    [Fact]
    public async Task Help_names_every_option_with_its_default_and_exits_zero()
    {
        var (code, text) = await HelpAsync();

        Assert.Equal(ExitCodes.Stopped, code);
        foreach (var option in Options)
        {
            var line = Assert.Single(text.Split('\n'), l => Regex.IsMatch(l, $@"^\s+{Regex.Escape(option)}\b"));
            Assert.Matches(@"\[default: [^\]]+\]", line);
        }

        Assert.Contains("[default: 18080]", text);
        Assert.Contains("[default: 127.0.0.1]", text);
    }

    [Fact]
    public async Task Help_states_the_precedence_the_environment_prefix_and_the_exit_codes()
    {
        var (_, text) = await HelpAsync();

        Assert.Contains("options; environment variables DASHSCOPE_EMULATOR_<NAME>", text);
        Assert.Contains("the settings file; the defaults", text);
        Assert.Contains("0 stopped cleanly, 1 could not start (e.g. port in use), 2 bad options or settings", text);
    }

    [Fact]
    public async Task The_help_shows_the_defaults_the_emulator_really_uses()
    {
        var (_, text) = await HelpAsync();
        var library = new EmulatorOptions();

        Assert.Contains($"PENDING. [default: {library.QueueDelay.TotalSeconds}]", text);
        Assert.Contains($"[default: {library.RunningSecondsPerAudioSecond.ToString(System.Globalization.CultureInfo.InvariantCulture)}]", text);
        Assert.Contains($"only the demo key {library.DemoApiKey}", text);
    }

    private static async Task<(int Code, string Text)> HelpAsync()
    {
        using var output = new StringWriter();
        var code = await EmulatorHost.RunAsync(["--help"], output, CancellationToken.None, environment: new Dictionary<string, string>());
        return (code, output.ToString());
    }
}
