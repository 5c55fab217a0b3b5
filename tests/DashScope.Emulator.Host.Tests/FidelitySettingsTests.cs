namespace DashScope.Emulator.Host.Tests;

/// <summary>The fidelity preset and switches are settings like any other: every source reads them, a switch beats the preset, a bad value is named.</summary>
public sealed class FidelitySettingsTests : IDisposable
{
    private static readonly Dictionary<string, string> NoEnvironment = [];
    private readonly Support.TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Every_catalog_switch_and_the_preset_are_options_with_their_default_in_the_help()
    {
        using var output = new StringWriter();
        Assert.Equal(ExitCodes.Stopped, await EmulatorHost.RunAsync(["--help"], output, CancellationToken.None, environment: NoEnvironment));
        var lines = output.ToString().Split('\n');

        AssertOption(lines, "--fidelity", EmulatorFidelity.DefaultPresetName);
        AssertOption(lines, "--timing-seed", "1");
        AssertOption(lines, "--page-size-over-maximum", "Refuse400");
        AssertOption(lines, "--stored-url-without-resolve", "DataInspection400");
        Assert.All(
            FidelityCatalog.Switches.Where(s => s.Name != nameof(EmulatorFidelity.UnknownModel)),
            s => Assert.Contains(lines, l => l.Contains("[default: " + s.Default + "]", StringComparison.Ordinal)));
        Assert.Equal(EmulatorFidelity.Default, Read([], NoEnvironment).ToEmulatorOptions().Fidelity);
    }

    private static void AssertOption(string[] lines, string option, string defaultText)
    {
        // System.CommandLine may wrap a long description; the default closes the option's last line.
        var start = Array.FindIndex(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, $@"^\s+{System.Text.RegularExpressions.Regex.Escape(option)}\b"));
        Assert.True(start >= 0, option);
        var block = string.Join(" ", lines.Skip(start).TakeWhile((l, i) => i == 0 || !l.TrimStart().StartsWith("--", StringComparison.Ordinal)));
        Assert.Contains($"[default: {defaultText}]", block, StringComparison.Ordinal);
    }

    [Fact]
    public void The_preset_loads_by_name_and_a_switch_from_any_source_beats_it()
    {
        var file = _folder.File("settings.json", """{ "Fidelity": "reference-example", "TimingSeed": 12 }""");
        var environment = new Dictionary<string, string> { ["DASHSCOPE_EMULATOR_MISSING_ASYNC_HEADER"] = "AccessDenied403" };

        var preset = Read(["--settings", file], NoEnvironment).ToEmulatorOptions().Fidelity;
        Assert.Equal(EmulatorFidelity.ReferenceExample with { TimingSeed = 12 }, preset);

        var mixed = Read(["--settings", file, "--timing", "spread", "--unknown-model", "404"], environment).ToEmulatorOptions().Fidelity;
        Assert.Equal(
            EmulatorFidelity.ReferenceExample with
            {
                MissingAsyncHeader = MissingAsyncHeaderAnswer.AccessDenied403,
                Timing = TimingProfile.Spread,
                TimingSeed = 12,
                UnknownModel = UnknownModelBehavior.ModelNotFound404,
            },
            mixed);
    }

    [Fact]
    public async Task A_bad_switch_value_or_preset_is_named_with_its_key_and_exit_code_2()
    {
        var file = _folder.File("settings.json", """{ "MediaProblem": "Sometimes", "Fidelity": "strict" }""");
        var environment = new Dictionary<string, string> { ["DASHSCOPE_EMULATOR_TIMING_SEED"] = "abc" };

        using var output = new StringWriter();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var code = await EmulatorHost.RunAsync(["--settings", file, "--page-beyond-last", "Last"], output, limit.Token, environment: environment);
        var text = output.ToString();

        Assert.Equal(ExitCodes.BadSettings, code);
        Assert.Contains($"settings file '{file}', key 'MediaProblem': 'Sometimes' is not one of FailedTask, RefuseSubmit400.", text);
        Assert.Contains($"settings file '{file}', key 'Fidelity': 'strict' is not a preset: default, reference-example.", text);
        Assert.Contains("environment variable DASHSCOPE_EMULATOR_TIMING_SEED: 'abc' is not a whole number.", text);
        Assert.Contains("option --page-beyond-last: 'Last' is not one of EmptyPage, LastPage.", text);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    private static Settings.HostSettings Read(string[] args, IReadOnlyDictionary<string, string> environment)
    {
        var result = EmulatorHost.ReadSettings(args, environment);
        Assert.True(result.Problems.Count == 0, string.Join("\n", result.Problems));
        return result.Settings!;
    }
}
