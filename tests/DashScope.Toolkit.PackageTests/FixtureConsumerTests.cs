using Xunit;
using Xunit.Abstractions;

namespace DashScope.Toolkit.PackageTests;

/// <summary>
/// A user's test projects, outside the repository, restored from the packed folder only: one per xUnit version,
/// each referencing DashScope.Toolkit and that version's emulator fixture, running a task to SUCCEEDED with
/// <c>dotnet test</c>.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class FixtureConsumerTests(PackedToolkitFixture package, ITestOutputHelper output)
{
    [Fact]
    public Task The_xunit_v2_fixture_runs_a_task_to_succeeded_in_a_users_test_project() => RunAndExpectOnePass(FixtureConsumer.XunitV2(package));

    [Fact]
    public Task The_xunit_v3_fixture_runs_a_task_to_succeeded_in_a_users_test_project() => RunAndExpectOnePass(FixtureConsumer.XunitV3(package));

    private async Task RunAndExpectOnePass(FixtureConsumer consumer)
    {
        Assert.True(package.Pack.ExitCode == 0, package.Pack.ToString());

        var test = await consumer.Project.TestAsync(consumer.TestArguments);
        output.WriteLine($"{consumer.Project.Name}: dotnet test took {test.Duration.TotalSeconds:F1} s");

        Assert.True(test.ExitCode == 0, test.ToString());
        Assert.True(consumer.OnePassed.IsMatch(test.Output), $"Expected one passed test and no other.{Environment.NewLine}{test}");
        Assert.DoesNotMatch(BuildOutput.WarningLine(), test.Output);
    }
}
