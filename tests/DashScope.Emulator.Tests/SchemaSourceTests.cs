using System.Text.Json.Nodes;
using DashScope.Emulator.Schema;
using DashScope.Emulator.Tests.Support;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Tests;

/// <summary>The emulator's rules come from schema/liveportrait.schema.json and nowhere else: editing a copy of it changes the emulator.</summary>
public sealed class SchemaSourceTests
{
    private static readonly string RepositorySchema = Path.Combine(FindRepositoryRoot(), "schema", "liveportrait.schema.json");

    [Fact]
    public void EmbeddedSchemaIsTheRepositorysSchema()
    {
        using var stream = typeof(LivePortraitEmulator).Assembly.GetManifestResourceStream("DashScope.Emulator.liveportrait.schema.json")!;
        using var reader = new StreamReader(stream);
        Assert.Equal(File.ReadAllText(RepositorySchema), reader.ReadToEnd());
    }

    [Fact]
    public void FactsAreReadFromTheExtensions()
    {
        var schema = LivePortraitSchema.LoadEmbedded();
        Assert.Equal("/api/v1", schema.BasePath);
        Assert.Equal(TimeSpan.FromHours(24), schema.RetentionPeriod);
        Assert.Equal(5, schema.Operations[EmulatorEndpoint.VideoSynthesis].RequestsPerSecond);
        Assert.Equal(20, schema.Operations[EmulatorEndpoint.QueryTask].RequestsPerSecond);
        Assert.Equal(["/services/aigc/image2video/video-synthesis/", "/services/aigc/image2video/video-synthesis"], schema.Operations[EmulatorEndpoint.VideoSynthesis].Paths);
        var audio = Assert.Single(schema.Operations[EmulatorEndpoint.VideoSynthesis].MediaRules, r => r.Kind == MediaKind.Audio);
        Assert.Equal(("input.audio_url", 1.0, 180.0), (audio.PropertyPath, audio.MinDurationSeconds, audio.MaxDurationSeconds));
    }

    [Fact]
    public async Task EditingTheSchemaChangesTheEmulator()
    {
        // Change a message, a range and a rate limit in a copy of the schema, and watch the emulator follow.
        var root = JsonNode.Parse(File.ReadAllText(RepositorySchema))!;
        root["x-dashscope-errors"]!["outOfDefinition"]!["message"] = "Value of {parameter} is not allowed.";
        root["definitions"]!["VideoSynthesisParameters"]!["properties"]!["video_fps"]!["maximum"] = 60;
        root["x-dashscope-tasks"]!["rateLimit"]!["requestsPerSecond"] = 2;
        var path = Path.Combine(Path.GetTempPath(), $"liveportrait-{Guid.NewGuid():N}.schema.json");
        await File.WriteAllTextAsync(path, root.ToJsonString());
        try
        {
            await using var emulator = LivePortraitEmulator.Start(o =>
            {
                o.SchemaPath = path;
                o.TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
            });
            using var client = Api.Client(emulator);
            var accepted = await Api.SubmitAsync(client, Api.SampleSynthesisBody(emulator, parameters: "{\"video_fps\":50}"));
            Assert.Equal(200, accepted.Status);
            var rejected = await Api.SubmitAsync(client, Api.SampleSynthesisBody(emulator, parameters: "{\"video_fps\":61}"));
            Assert.Equal("Value of parameters.video_fps is not allowed.", rejected.Message);

            Assert.Equal(200, (await Api.QueryAsync(client, "a")).Status);
            Assert.Equal(200, (await Api.QueryAsync(client, "a")).Status);
            Assert.Equal(429, (await Api.QueryAsync(client, "a")).Status);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Toolkit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Toolkit.sln not found above " + AppContext.BaseDirectory);
    }
}
