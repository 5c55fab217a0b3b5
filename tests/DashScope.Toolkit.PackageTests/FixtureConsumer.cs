using System.Text.RegularExpressions;

namespace DashScope.Toolkit.PackageTests;

/// <summary>
/// A user's test project for one xUnit version: DashScope.Toolkit (the only reference the client needs) and the
/// emulator fixture package of that version, with one test that runs a LivePortrait task to SUCCEEDED on the
/// fixture's fake clock; and how <c>dotnet test</c> runs it and reports one passed test.
/// </summary>
internal sealed record FixtureConsumer(ConsumerProject Project, IReadOnlyList<string> TestArguments, Regex OnePassed)
{
    /// <summary>The xUnit v2 test project with DashScope.Emulator.Xunit, run by VSTest.</summary>
    public static FixtureConsumer XunitV2(PackedToolkitFixture package)
    {
        var project = Create(package, "FixtureConsumerV2", "DashScope.Emulator.Xunit", """
              <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
              <PackageReference Include="xunit" Version="2.9.3" />
              <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
            """, cancellation: "");
        return new FixtureConsumer(
            project,
            [project.Name + ".csproj", "-nodeReuse:false", "-nologo", "-v:minimal"],
            new Regex(@"Failed:\s+0, Passed:\s+1, Skipped:\s+0, Total:\s+1\b"));
    }

    /// <summary>
    /// The xUnit v3 test project with DashScope.Emulator.Xunit.V3. xunit.v3 4 runs on Microsoft.Testing.Platform,
    /// which the .NET 10 SDK's <c>dotnet test</c> runs only when global.json opts in, as a user's project does.
    /// </summary>
    public static FixtureConsumer XunitV3(PackedToolkitFixture package)
    {
        var project = Create(package, "FixtureConsumerV3", "DashScope.Emulator.Xunit.V3", """
              <PackageReference Include="xunit.v3" Version="4.0.2" />
            """,
            // xUnit v3's analyzers ask every cancellable call in a test to take the test's token (xUnit1051).
            cancellation: ", cancellationToken: TestContext.Current.CancellationToken",
            properties: "<OutputType>Exe</OutputType>",
            extraFiles: new Dictionary<string, string> { ["global.json"] = """{ "test": { "runner": "Microsoft.Testing.Platform" } }""" });
        return new FixtureConsumer(
            project,
            ["--project", project.Name + ".csproj", "--no-ansi", "--no-progress"],
            new Regex(@"total: 1\s+failed: 0\s+succeeded: 1\s+skipped: 0"));
    }

    private static ConsumerProject Create(
        PackedToolkitFixture package, string name, string fixturePackage, string testFramework, string cancellation, string properties = "", Dictionary<string, string>? extraFiles = null)
    {
        var files = new Dictionary<string, string>(extraFiles ?? []) { ["VideoTests.cs"] = Tests.Replace("{cancellation}", cancellation, StringComparison.Ordinal) };
        return ConsumerProject.Write(package, name, $"""
            <PropertyGroup>
              <IsPackable>false</IsPackable>
              <IsTestProject>true</IsTestProject>
              {properties}
            </PropertyGroup>
            <ItemGroup>
              <PackageReference Include="DashScope.Toolkit" Version="{package.Version}" />
              <PackageReference Include="{fixturePackage}" Version="{package.Version}" />
            {testFramework}
            </ItemGroup>
            """, files);
    }

    /// <summary>The same test for both versions (the fixture's API is the same), but for the v3 cancellation token.</summary>
    private const string Tests = """
        using DashScope.Emulator.Media;
        using DashScope.Emulator.Xunit;
        using DashScope.LivePortrait;
        using Xunit;

        namespace FixtureConsumer;

        public sealed class VideoTests(LivePortraitEmulatorFixture fixture) : IClassFixture<LivePortraitEmulatorFixture>
        {
            [Fact]
            public async Task A_task_runs_to_succeeded_on_the_fake_clock()
            {
                var client = fixture.CreateClient<LivePortraitClient>();
                var request = new VideoSynthesisRequest
                {
                    Input = new VideoSynthesisInput
                    {
                        ImageUrl = fixture.Emulator.SampleUrl(SampleMediaFile.Portrait).ToString(),
                        AudioUrl = fixture.Emulator.SampleUrl(SampleMediaFile.SpeechWav).ToString(),
                    },
                };
                var submittedAt = fixture.Clock.GetUtcNow();

                var task = await fixture.ClockDriver.DriveAsync(client.GenerateAsync(request{cancellation}), TimeSpan.FromSeconds(5), TimeSpan.FromHours(1));

                Assert.Equal(LivePortraitTaskStatus.Succeeded, task.Output.TaskStatus);
                Assert.StartsWith(fixture.BaseUrl.GetLeftPart(UriPartial.Authority), task.Output.Results!.VideoUrl);
                // The task's queue and run time passed on the fake clock, moved by the driver, not on the wall clock.
                Assert.True(fixture.Clock.GetUtcNow() - submittedAt >= TimeSpan.FromSeconds(5));
            }
        }

        """;
}
