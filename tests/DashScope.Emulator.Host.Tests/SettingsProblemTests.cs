namespace DashScope.Emulator.Host.Tests;

/// <summary>A bad option, variable, file or value ends the run with exit code 2 and a message naming it; never a stack trace.</summary>
public sealed class SettingsProblemTests : IDisposable
{
    private static readonly Dictionary<string, string> NoEnvironment = [];
    private readonly Support.TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_missing_settings_file_is_named()
    {
        var missing = Path.Combine(_folder.Path, "absent.json");

        var (code, text) = await RunAsync(["--settings", missing]);

        Assert.Equal(ExitCodes.BadSettings, code);
        Assert.Contains($"Settings file '{missing}' does not exist.", text);
    }

    [Fact]
    public async Task A_settings_file_that_is_not_json_is_named_with_the_line_of_the_mistake()
    {
        var file = _folder.File("broken.json", "{\n  \"Port\": 1,\n  \"QueueSeconds\": ,\n}");

        var (code, text) = await RunAsync(["--settings", file]);

        Assert.Equal(ExitCodes.BadSettings, code);
        Assert.Contains($"Settings file '{file}' cannot be read: not valid JSON at line 3", text);
    }

    [Fact]
    public async Task A_bad_value_in_the_file_names_the_file_and_the_key()
    {
        var file = _folder.File("settings.json", """{ "Port": 70000, "QueueSeconds": "soon", "ApiKey": ["team=sk-ok", "sk-secret-no-account"] }""");

        var (code, text) = await RunAsync(["--settings", file]);

        Assert.Equal(ExitCodes.BadSettings, code);
        Assert.Contains($"settings file '{file}', key 'Port': '70000' is not a port number (0 to 65535).", text);
        Assert.Contains($"settings file '{file}', key 'QueueSeconds': 'soon' is not a number from 0 to 86400.", text);
        Assert.Contains($"settings file '{file}', key 'ApiKey:1': takes <account>=<key>, both non-empty.", text);
        Assert.DoesNotContain("sk-secret-no-account", text);   // a key is never printed, even a malformed one
    }

    [Fact]
    public async Task Unknown_keys_and_objects_where_a_value_belongs_are_named()
    {
        var file = _folder.File("settings.json", """{ "QueueSecnds": 1, "Host": { "Address": "127.0.0.1" } }""");

        var (code, text) = await RunAsync(["--settings", file]);

        Assert.Equal(ExitCodes.BadSettings, code);
        Assert.Contains($"settings file '{file}', key 'QueueSecnds': unknown setting 'QueueSecnds'. Known settings: Host, Port,", text);
        Assert.Contains($"settings file '{file}', key 'Host:Address': Host takes one value, not a list or an object.", text);
    }

    [Fact]
    public async Task A_bad_environment_variable_is_named()
    {
        var environment = new Dictionary<string, string>
        {
            ["DASHSCOPE_EMULATOR_RUN_SECONDS"] = "-1",
            ["DASHSCOPE_EMULATOR_FAKE_CLOCK"] = "maybe",
            ["DASHSCOPE_EMULATOR_PROT"] = "1",
        };

        var (code, text) = await RunAsync([], environment);

        Assert.Equal(ExitCodes.BadSettings, code);
        Assert.Contains("environment variable DASHSCOPE_EMULATOR_RUN_SECONDS: '-1' is not a number from 0 to 86400.", text);
        Assert.Contains("environment variable DASHSCOPE_EMULATOR_FAKE_CLOCK: 'maybe' is not true or false.", text);
        Assert.Contains("environment variable DASHSCOPE_EMULATOR_PROT: unknown setting 'PROT'.", text);
    }

    [Theory]
    [InlineData(new[] { "--port", "99999" }, "option --port: '99999' is not a port number (0 to 65535).")]
    [InlineData(new[] { "--unknown-model", "500" }, "option --unknown-model: '500' is neither 400 nor 404.")]
    [InlineData(new[] { "--api-key", "no-equals-sign" }, "option --api-key: takes <account>=<key>, both non-empty.")]
    [InlineData(new[] { "--bogus" }, "Unrecognized command or argument '--bogus'.")]
    [InlineData(new[] { "--port" }, "--port")]
    public async Task A_bad_option_is_named(string[] args, string expected)
    {
        var (code, text) = await RunAsync(args);

        Assert.Equal(ExitCodes.BadSettings, code);
        Assert.Contains(expected, text);
    }

    [Fact]
    public void ReadSettings_reports_every_problem_without_starting_anything()
    {
        var result = EmulatorHost.ReadSettings(["--port", "x", "--queue-seconds", "1e9"], NoEnvironment);

        Assert.Null(result.Settings);
        Assert.Equal(2, result.Problems.Count);
    }

    private static async Task<(int Code, string Text)> RunAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var output = new StringWriter();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var code = await EmulatorHost.RunAsync(args, output, limit.Token, environment: environment ?? NoEnvironment);
        var text = output.ToString();
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("listening on", text, StringComparison.Ordinal);
        return (code, text);
    }
}
