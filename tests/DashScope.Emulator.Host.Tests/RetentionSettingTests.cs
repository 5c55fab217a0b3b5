using DashScope.Emulator.Host.Settings;

namespace DashScope.Emulator.Host.Tests;

/// <summary>The cap on finished tasks per account as a host setting: its default, a number, 'none', and bad values.</summary>
public sealed class RetentionSettingTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    public void By_default_the_host_keeps_the_librarys_cap()
    {
        var options = Read([], NoEnvironment).Settings!.ToEmulatorOptions();
        Assert.Equal(EmulatorOptions.DefaultMaxFinishedTasksPerAccount, options.MaxFinishedTasksPerAccount);
    }

    [Fact]
    public void The_option_and_the_environment_set_the_cap_and_none_turns_it_off()
    {
        Assert.Equal(25, Read(["--max-finished-tasks-per-account", "25"], NoEnvironment).Settings!.ToEmulatorOptions().MaxFinishedTasksPerAccount);
        Assert.Null(Read(["--max-finished-tasks-per-account", "none"], NoEnvironment).Settings!.ToEmulatorOptions().MaxFinishedTasksPerAccount);
        var environment = new Dictionary<string, string> { ["DASHSCOPE_EMULATOR_MAX_FINISHED_TASKS_PER_ACCOUNT"] = "7" };
        Assert.Equal(7, Read([], environment).Settings!.ToEmulatorOptions().MaxFinishedTasksPerAccount);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("1.5")]
    [InlineData("lots")]
    public void A_cap_that_is_not_a_whole_number_from_one_is_refused_with_its_name(string value)
    {
        var result = Read(["--max-finished-tasks-per-account", value], NoEnvironment);
        Assert.Null(result.Settings);
        var problem = Assert.Single(result.Problems);
        Assert.Contains("max-finished-tasks-per-account", problem, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(value, problem, StringComparison.Ordinal);
    }

    private static SettingsReadResult Read(string[] args, IReadOnlyDictionary<string, string> environment) => EmulatorHost.ReadSettings(args, environment);
}
