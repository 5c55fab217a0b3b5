using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace DashScope.Toolkit.PackageTests;

/// <summary>
/// The shipped DashScope.Toolkit package, used the way a consumer uses it: restore from a folder feed, compile with
/// nullable and warnings as errors, run.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed partial class PackageConsumerTests
{
    /// <summary>What the generator and the request analyzer load at compile time and must carry next to themselves, and the code fixes.</summary>
    private static readonly string[] s_analyzerAssemblies =
    [
        "DashScope.Toolkit.Generator.dll",
        "DashScope.Toolkit.CodeFixes.dll",
        "DashScope.Toolkit.Description.dll",
        "NJsonSchema.dll",
        "NJsonSchema.Annotations.dll",
        "Newtonsoft.Json.dll",
        "Namotion.Reflection.dll",
    ];

    /// <summary>
    /// References an analyzer may leave to the compiler's host: the compiler itself, and assemblies every
    /// host the compiler runs on provides (System.Text.Json, Microsoft.CSharp, System.Memory, ...).
    /// </summary>
    private static readonly string[] s_hostAssemblies =
    [
        "netstandard", "mscorlib", "Microsoft.CodeAnalysis", "Microsoft.CodeAnalysis.CSharp",
        "System.Collections.Immutable", "System.Memory", "System.Buffers", "System.Text.Json", "Microsoft.CSharp",
    ];

    /// <summary>
    /// What only editors provide: the code fixes may reference these, and nothing the compiler loads may (the
    /// compiler never loads the code-fix assembly, which holds no analyzer or generator).
    /// </summary>
    private static readonly string[] s_editorAssemblies =
    [
        "Microsoft.CodeAnalysis.Workspaces", "Microsoft.CodeAnalysis.CSharp.Workspaces", "System.Composition.AttributedModel",
    ];

    private const string CodeFixAssembly = "analyzers/dotnet/cs/DashScope.Toolkit.CodeFixes.dll";

    private readonly PackedToolkitFixture _package;

    public PackageConsumerTests(PackedToolkitFixture package) => _package = package;

    [Fact]
    public void Pack_succeeds_without_warnings()
    {
        Assert.True(_package.Pack.ExitCode == 0, _package.Pack.ToString());
        Assert.True(File.Exists(_package.PackagePath), $"No {_package.PackagePath}.{Environment.NewLine}{_package.Pack}");
        Assert.DoesNotMatch(BuildOutput.WarningLine(), _package.Pack.Output);
    }

    [Fact]
    public void Package_carries_the_runtime_the_props_and_the_generator_with_everything_it_loads()
    {
        Assert.True(File.Exists(_package.PackagePath), _package.Pack.ToString());
        using var archive = ZipFile.OpenRead(_package.PackagePath);
        var entries = archive.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        var analyzers = entries.Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(s_analyzerAssemblies.Select(a => "analyzers/dotnet/cs/" + a).Order(StringComparer.Ordinal), analyzers);
        Assert.Contains("lib/net8.0/DashScope.Toolkit.dll", entries);
        Assert.Contains("lib/net8.0/DashScope.Toolkit.xml", entries);
        // The LivePortrait client compiled from the shipped schema, with its docs, so a consumer's build need not.
        Assert.Contains("lib/net8.0/DashScope.LivePortrait.dll", entries);
        Assert.Contains("lib/net8.0/DashScope.LivePortrait.xml", entries);
        // It runs on the runtime beside it and that runtime's dependencies alone, nothing the compiler side loads.
        var clientReferences = PackedAssembly.References(archive.GetEntry("lib/net8.0/DashScope.LivePortrait.dll")!);
        Assert.Contains("DashScope.Toolkit", clientReferences);
        Assert.All(clientReferences, r => Assert.True(
            r == "DashScope.Toolkit" || r.StartsWith("System.", StringComparison.Ordinal) || r.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal),
            $"DashScope.LivePortrait.dll references {r}."));
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && !e.StartsWith("lib/net8.0/", StringComparison.Ordinal));
        Assert.Contains("build/DashScope.Toolkit.props", entries);
        Assert.Contains("buildTransitive/DashScope.Toolkit.props", entries);
        Assert.Contains("build/DashScope.Toolkit.targets", entries);
        Assert.Contains("buildTransitive/DashScope.Toolkit.targets", entries);
        // The shipped schema, byte for byte the repository's single source of truth.
        using (var schema = new StreamReader(archive.GetEntry("buildTransitive/schemas/liveportrait.schema.json")!.Open()))
        {
            Assert.Equal(File.ReadAllText(RepositoryLayout.LivePortraitSchema), schema.ReadToEnd());
        }

        // Every assembly an analyzer references is in the package or provided by the compiler's host.
        var shipped = s_analyzerAssemblies.Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var analyzer in analyzers)
        {
            var editorOnly = analyzer == CodeFixAssembly;
            foreach (var reference in PackedAssembly.References(archive.GetEntry(analyzer)!))
            {
                Assert.True(
                    shipped.Contains(reference) || s_hostAssemblies.Contains(reference, StringComparer.OrdinalIgnoreCase)
                        || (editorOnly && s_editorAssemblies.Contains(reference, StringComparer.OrdinalIgnoreCase)),
                    $"{analyzer} references {reference}, which is neither in analyzers/dotnet/cs nor provided by the compiler host.");
            }
        }

        var nuspecEntry = archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var nuspecStream = nuspecEntry.Open();
        var nuspec = XDocument.Load(nuspecStream);
        var dependencies = nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string?)e.Attribute("id")).ToArray();
        Assert.Contains("Microsoft.Extensions.Http", dependencies);
        Assert.DoesNotContain(dependencies, id => id is not null && (id.StartsWith("NJsonSchema", StringComparison.Ordinal) || id.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) || id == "Newtonsoft.Json"));
    }

    [Fact]
    public async Task Fresh_consumer_restores_from_the_feed_builds_without_warnings_and_runs()
    {
        Assert.True(_package.Pack.ExitCode == 0, _package.Pack.ToString());
        // One PackageReference and no schema file: the LivePortrait client comes from the schema in the package. A
        // schema of the user's own comes in through a DashScopeSchema item with its metadata, and an unrelated JSON
        // Schema in AdditionalFiles (not even a DashScope one) is left alone.
        var consumer = ConsumerProject.Create(
            _package,
            "LivePortraitConsumer",
            ConsumerProgram,
            """
            <ItemGroup>
              <DashScopeSchema Include="schemas/emo.schema.json" Namespace="Consumer.Emo" ClientName="EmoApiClient" />
              <AdditionalFiles Include="schemas/settings.schema.json" />
            </ItemGroup>
            """,
            new Dictionary<string, string>
            {
                ["schemas/emo.schema.json"] = File.ReadAllText(RepositoryLayout.EmoSchema),
                ["schemas/settings.schema.json"] = """{ "$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "properties": { "theme": """,
            });

        var build = await consumer.BuildAsync();

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotMatch(BuildOutput.WarningLine(), build.Output);
        Assert.Matches(@"(?m)^\s*0 Warning\(s\)", build.Output);
        // The package was restored from the feed into the isolated folder, not from any other cache.
        Assert.True(
            File.Exists(Path.Combine(_package.IsolatedPackages, "dashscope.toolkit", _package.Version.ToLowerInvariant(), "analyzers", "dotnet", "cs", "NJsonSchema.dll")),
            "DashScope.Toolkit was not restored into the isolated package folder.");

        var run = await consumer.RunAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            [
                "client: DashScope.LivePortrait.LivePortraitClient from DashScope.LivePortrait",
                "own schema: Consumer.Emo.EmoApiClient from LivePortraitConsumer",
                """request: {"model":"liveportrait","input":{"image_url":"https://example.com/portrait.png","audio_url":"https://example.com/speech.mp3"},"parameters":{"template_id":"calm","video_fps":24}}""",
                "rejected: parameters.video_fps maximum 60",
            ],
            lines);
    }

    [Fact]
    public async Task Consumer_with_a_broken_schema_gets_a_located_DSG_error_and_the_build_fails_cleanly()
    {
        Assert.True(_package.Pack.ExitCode == 0, _package.Pack.ToString());
        var (brokenSchema, brokenLine) = BrokenSchema.Of(File.ReadAllText(RepositoryLayout.LivePortraitSchema));
        var consumer = ConsumerProject.Create(
            _package, "BrokenSchemaConsumer", "System.Console.WriteLine(\"never runs\");\n", OwnLivePortraitCopy, new Dictionary<string, string> { ["liveportrait.schema.json"] = brokenSchema });

        var build = await consumer.BuildAsync();

        Assert.NotEqual(0, build.ExitCode);
        var errors = ErrorLine().Matches(build.Output).Select(m => m.Groups["id"].Value).Distinct().ToArray();
        Assert.True(errors.SequenceEqual(["DSG001"]), $"Expected only DSG001 errors, got [{string.Join(", ", errors)}].{Environment.NewLine}{build}");
        var located = SchemaError().Match(build.Output);
        Assert.True(located.Success, build.ToString());
        Assert.Equal(brokenLine, int.Parse(located.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(int.Parse(located.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture) > 1, located.Value);
        Assert.DoesNotContain("CS8785", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("AD0001", build.Output, StringComparison.Ordinal);
        Assert.DoesNotMatch(BuildOutput.WarningLine(), build.Output);
    }

    /// <summary>
    /// The request analyzer checks constants whichever way the client comes: the package's precompiled assembly (the
    /// default) or generated from a copy of the user's own schema.
    /// </summary>
    [Theory]
    [InlineData("precompiled")]
    [InlineData("own copy")]
    public async Task Consumer_with_an_impossible_constant_fails_to_build_with_DSG009_at_that_line(string client)
    {
        Assert.True(_package.Pack.ExitCode == 0, _package.Pack.ToString());
        var program = """
            using DashScope.LivePortrait;

            var parameters = new VideoSynthesisParameters { TemplateId = TemplateId.Calm };
            var tooFast = parameters with { VideoFps = 60 };
            System.Console.WriteLine(tooFast);

            """;
        // With its own copy of the schema the shipped one is turned off: were the opt-out ignored, the two copies would
        // declare the same types and the build would stop at DSG006 as well.
        var consumer = client switch
        {
            "precompiled" => ConsumerProject.Create(_package, "ImpossibleConstantPrecompiled", program),
            _ => ConsumerProject.Create(
                _package, "ImpossibleConstantConsumer", program, OwnLivePortraitCopy, new Dictionary<string, string> { ["liveportrait.schema.json"] = File.ReadAllText(RepositoryLayout.LivePortraitSchema) }),
        };

        var build = await consumer.BuildAsync();

        Assert.NotEqual(0, build.ExitCode);
        var errors = ErrorLine().Matches(build.Output).Select(m => m.Groups["id"].Value).Distinct().ToArray();
        Assert.True(errors.SequenceEqual(["DSG009"]), $"Expected only DSG009 errors, got [{string.Join(", ", errors)}].{Environment.NewLine}{build}");
        var located = ConstantError().Match(build.Output);
        Assert.True(located.Success, build.ToString());
        // Line 4 of Program.cs, at the 60 (column of the literal, one-based).
        Assert.Equal((4, 44), (int.Parse(located.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(located.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("video_fps must be between 15 and 30; 60 is out of range", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("AD0001", build.Output, StringComparison.Ordinal);
    }

    /// <summary>The shipped schema turned off and a copy of the user's own read instead.</summary>
    private const string OwnLivePortraitCopy = """
        <PropertyGroup>
          <DashScopeIncludeLivePortraitSchema>false</DashScopeIncludeLivePortraitSchema>
        </PropertyGroup>
        <ItemGroup>
          <DashScopeSchema Include="liveportrait.schema.json" />
        </ItemGroup>
        """;

    private const string ConsumerProgram = """
        using System.Text.Json;
        using DashScope.LivePortrait;
        using DashScope.Toolkit;

        using var http = new HttpClient();
        var client = new LivePortraitClient(http, new LivePortraitClientOptions
        {
            ApiKey = "sk-package-test",
            BaseAddress = new Uri("http://127.0.0.1:9/api/v1/"),
        });

        var request = new VideoSynthesisRequest
        {
            Input = new VideoSynthesisInput
            {
                ImageUrl = "https://example.com/portrait.png",
                AudioUrl = "https://example.com/speech.mp3",
            },
            Parameters = new VideoSynthesisParameters { TemplateId = TemplateId.Calm, VideoFps = 24 },
        };
        request.Validate();

        Console.WriteLine($"client: {client.GetType().FullName} from {client.GetType().Assembly.GetName().Name}");
        Console.WriteLine($"own schema: {typeof(Consumer.Emo.EmoApiClient).FullName} from {typeof(Consumer.Emo.EmoApiClient).Assembly.GetName().Name}");
        Console.WriteLine("request: " + JsonSerializer.Serialize(request, LivePortraitJsonContext.Default.VideoSynthesisRequest));

        try
        {
            // Read at run time: written as the constant 60, the request analyzer would stop the build (DSG009).
            var tooFast = int.Parse("60", System.Globalization.CultureInfo.InvariantCulture);
            (request with { Parameters = new VideoSynthesisParameters { VideoFps = tooFast } }).Validate();
            Console.WriteLine("rejected: nothing");
        }
        catch (DashScopeValidationException invalid)
        {
            Console.WriteLine($"rejected: {invalid.Field} {invalid.Rule} {invalid.Value}");
        }

        """;


    [GeneratedRegex(@"\berror (?<id>[A-Z]{2,}[0-9]+)")]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"liveportrait\.schema\.json\((?<line>\d+),(?<column>\d+)(,\d+,\d+)?\): error DSG001")]
    private static partial Regex SchemaError();

    [GeneratedRegex(@"Program\.cs\((?<line>\d+),(?<column>\d+)(,\d+,\d+)?\): error DSG009")]
    private static partial Regex ConstantError();
}
