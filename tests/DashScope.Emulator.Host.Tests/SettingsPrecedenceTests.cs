using DashScope.Emulator.Host.Settings;
using DashScope.Emulator.Host.Tests.Support;

namespace DashScope.Emulator.Host.Tests;

/// <summary>Options beat environment variables, which beat the settings file, which beats the defaults.</summary>
public sealed class SettingsPrecedenceTests : IDisposable
{
    private static readonly Dictionary<string, string> NoEnvironment = [];
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Without_any_source_the_settings_are_the_emulators_defaults_on_port_18080()
    {
        var settings = Read([], NoEnvironment);
        var library = new EmulatorOptions();

        Assert.Equal(18080, settings.Port);
        Assert.Equal("127.0.0.1", settings.Host);
        Assert.Equal(library.QueueDelay, TimeSpan.FromSeconds(settings.QueueSeconds));
        Assert.Equal(library.RunningBaseDuration, TimeSpan.FromSeconds(settings.RunSeconds));
        Assert.Equal(library.RunningSecondsPerAudioSecond, settings.RunPerAudio);
        Assert.Equal(library.FailureDuration, TimeSpan.FromSeconds(settings.FailureSeconds));
        Assert.False(settings.FakeClock || settings.AllowRemote || settings.NoRateLimits);
        Assert.Empty(settings.ApiKeys);
        Assert.Null(settings.SettingsFile);
    }

    [Fact]
    public void Each_source_overrides_the_ones_below_it()
    {
        var file = _folder.File("settings.json", """{ "QueueSeconds": 1, "RunSeconds": 1, "RunPerAudio": 1, "Port": 1001 }""");
        var environment = new Dictionary<string, string>
        {
            ["DASHSCOPE_EMULATOR_RUN_SECONDS"] = "2",
            ["DASHSCOPE_EMULATOR_RUN_PER_AUDIO"] = "2",
        };

        var settings = Read(["--settings", file, "--run-per-audio", "3"], environment);

        Assert.Equal(1, settings.QueueSeconds);    // file only
        Assert.Equal(2, settings.RunSeconds);      // environment over file
        Assert.Equal(3, settings.RunPerAudio);     // option over environment and file
        Assert.Equal(1001, settings.Port);
        Assert.Equal(HostSettings.Defaults.FailureSeconds, settings.FailureSeconds);   // no source sets it
        Assert.Equal(Path.GetFullPath(file), settings.SettingsFile);
    }

    [Fact]
    public void A_list_is_taken_whole_from_the_highest_source_that_has_one()
    {
        var file = _folder.File("settings.json", """{ "ApiKey": ["team=sk-file-1", "team=sk-file-2"] }""");
        var environment = new Dictionary<string, string> { ["DASHSCOPE_EMULATOR_API_KEY"] = "ops=sk-env-1; ops=sk-env-2" };

        Assert.Equal([new("team", "sk-file-1"), new("team", "sk-file-2")], Read(["--settings", file], NoEnvironment).ApiKeys);
        Assert.Equal([new("ops", "sk-env-1"), new("ops", "sk-env-2")], Read(["--settings", file], environment).ApiKeys);
        Assert.Equal(
            [new ApiKeyGrant("cli", "sk-cli-1"), new ApiKeyGrant("cli", "sk-cli-2")],
            Read(["--settings", file, "--api-key", "cli=sk-cli-1", "--api-key", "cli=sk-cli-2"], environment).ApiKeys);
    }

    [Fact]
    public void Switches_and_names_are_read_alike_from_every_source()
    {
        var file = _folder.File("settings.json", """{ "fakeClock": true, "no-rate-limits": true, "UnknownModel": 404 }""");
        var environment = new Dictionary<string, string> { ["DASHSCOPE_EMULATOR_ALLOW_REMOTE"] = "true", ["DASHSCOPE_EMULATOR_HOST"] = "::1" };

        var fromFileAndEnvironment = Read(["--settings", file], environment);
        Assert.True(fromFileAndEnvironment.FakeClock);
        Assert.True(fromFileAndEnvironment.NoRateLimits);
        Assert.True(fromFileAndEnvironment.AllowRemote);
        Assert.Equal("::1", fromFileAndEnvironment.Host);
        Assert.Equal(UnknownModelBehavior.ModelNotFound404, fromFileAndEnvironment.UnknownModel);

        // An option given as false beats a true from below; one left out leaves it alone.
        var overridden = Read(["--settings", file, "--fake-clock", "false"], environment);
        Assert.False(overridden.FakeClock);
        Assert.True(overridden.NoRateLimits);
    }

    [Fact]
    public void The_settings_file_may_be_named_by_the_environment_and_its_relative_paths_are_its_own()
    {
        Directory.CreateDirectory(Path.Combine(_folder.Path, "schemas"));
        var schema = _folder.File(Path.Combine("schemas", "copy.schema.json"), "{}");
        var file = _folder.File("settings.json", """{ "Schema": "schemas/copy.schema.json" }""");

        var settings = Read([], new Dictionary<string, string> { ["DASHSCOPE_EMULATOR_SETTINGS"] = file });

        Assert.Equal(schema, settings.SchemaPath);
        Assert.Equal(Path.GetFullPath(file), settings.SettingsFile);
    }

    [Fact]
    public void The_settings_turn_into_the_emulator_options_they_name()
    {
        var options = Read(["--port", "0", "--queue-seconds", "0.5", "--fake-clock", "--no-rate-limits"], NoEnvironment).ToEmulatorOptions();

        Assert.Equal(0, options.Port);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.QueueDelay);
        Assert.True(options.DisableRateLimits);
        Assert.Equal("FakeTimeProvider", options.TimeProvider.GetType().Name);
    }

    private static HostSettings Read(string[] args, IReadOnlyDictionary<string, string> environment)
    {
        var result = EmulatorHost.ReadSettings(args, environment);
        Assert.True(result.Problems.Count == 0, string.Join("\n", result.Problems));
        return result.Settings!;
    }
}
