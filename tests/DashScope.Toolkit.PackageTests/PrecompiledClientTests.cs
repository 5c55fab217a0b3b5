using System.IO.Compression;
using System.Text.RegularExpressions;
using Xunit;

namespace DashScope.Toolkit.PackageTests;

/// <summary>
/// The LivePortrait client the package carries already compiled (lib/DashScope.LivePortrait.dll): it is exactly what
/// the generator writes from the shipped schema, and a project that wants the client as its own source (to add members
/// to the partial types) gets it generated instead, with the precompiled assembly left out of its compile.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed partial class PrecompiledClientTests(PackedToolkitFixture package)
{
    /// <summary>The generator's expected output for the shipped schema, which its own tests keep current.</summary>
    private static readonly string s_expectedSources = Path.Combine(RepositoryLayout.Root, "tests", "DashScope.Toolkit.Generator.Tests", "Expected", "LivePortrait");

    [Fact]
    public void The_precompiled_assembly_declares_exactly_the_public_types_the_generator_writes_for_the_shipped_schema()
    {
        Assert.True(package.Pack.ExitCode == 0, package.Pack.ToString());
        var generated = Directory.GetFiles(s_expectedSources, "*.g.cs")
            .SelectMany(file => PublicTypeDeclaration().Matches(File.ReadAllText(file)).Select(m => "DashScope.LivePortrait." + m.Groups["name"].Value))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.True(generated.Length > 10, $"Read only {generated.Length} type declarations from {s_expectedSources}.");

        using var archive = ZipFile.OpenRead(package.PackagePath);
        var compiled = PackedAssembly.PublicTopLevelTypes(archive.GetEntry("lib/net8.0/DashScope.LivePortrait.dll")!).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(generated, compiled);
    }

    [Fact]
    public async Task A_project_that_generates_the_client_gets_it_as_its_own_source_and_can_extend_its_partial_types()
    {
        Assert.True(package.Pack.ExitCode == 0, package.Pack.ToString());
        var program = """
            using DashScope.LivePortrait;

            var parameters = new VideoSynthesisParameters { TemplateId = TemplateId.Calm, VideoFps = 24 };
            Console.WriteLine($"client from {typeof(LivePortraitClient).Assembly.GetName().Name}");
            Console.WriteLine($"described: {parameters.Describe()}");

            namespace DashScope.LivePortrait
            {
                public sealed partial record VideoSynthesisParameters
                {
                    public string Describe() => $"{TemplateId} at {VideoFps} fps";
                }
            }

            """;
        var consumer = ConsumerProject.Create(
            package,
            "GeneratedClientConsumer",
            program,
            // Spaces and case as a hand-edited project may have them: the reference and the generator read one value.
            "<PropertyGroup><DashScopeGenerateLivePortraitClient> True </DashScopeGenerateLivePortraitClient></PropertyGroup>");

        var build = await consumer.BuildAsync();

        // No CS0436 (a source type beside an imported one of the same name) or CS0433: the precompiled assembly is
        // out of the compile.
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotMatch(BuildOutput.WarningLine(), build.Output);
        var run = await consumer.RunAsync();
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            ["client from GeneratedClientConsumer", "described: calm at 24 fps"],
            run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task A_project_on_the_precompiled_client_cannot_add_members_to_its_types_and_is_told_which()
    {
        Assert.True(package.Pack.ExitCode == 0, package.Pack.ToString());
        // The same extension against the default: a partial declaration in another assembly is a new type, so the
        // compiler warns of the clash with the imported one (CS0436); the build fails here because the consumer
        // treats warnings as errors, as the docs advise. The docs point such projects at
        // DashScopeGenerateLivePortraitClient.
        var program = """
            using DashScope.LivePortrait;

            System.Console.WriteLine(new VideoSynthesisParameters().Describe());

            namespace DashScope.LivePortrait
            {
                public sealed partial record VideoSynthesisParameters
                {
                    public string Describe() => "never";
                }
            }

            """;
        var consumer = ConsumerProject.Create(package, "ExtendsPrecompiledConsumer", program);

        var build = await consumer.BuildAsync();

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("CS0436", build.Output, StringComparison.Ordinal);
        Assert.Contains("VideoSynthesisParameters", build.Output, StringComparison.Ordinal);
    }

    /// <summary>A top-level public type in a generated file (top-level declarations start at the first column).</summary>
    [GeneratedRegex(@"(?m)^public (?:sealed |static |readonly |abstract |partial )*(?:record|struct|class|interface) (?<name>\w+)")]
    private static partial Regex PublicTypeDeclaration();
}
