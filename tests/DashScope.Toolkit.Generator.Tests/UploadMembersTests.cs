using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Xunit;

namespace DashScope.Toolkit.Generator.Tests;

/// <summary>
/// The upload members follow the schema: a schema with <c>x-dashscope-uploads</c> gets the protocol as data,
/// UploadAsync and one FromFiles helper per operation whose request can be built from files alone; a schema
/// without it gets none of them; an operation whose input needs more than media URLs gets no helper.
/// </summary>
public sealed class UploadMembersTests
{
    private const string Path = "/Schemas/liveportrait.schema.json";
    private static readonly string Original = TestPaths.Schema("liveportrait.schema.json");

    private static string ClientSource(string schema)
    {
        var result = SchemaOutcome.RunAndCheck(Path, schema, "uploads");
        Assert.Empty(result.Diagnostics);
        Assert.Empty(InProcessCompiler.Problems(result.GeneratedSources));
        return result.GeneratedSources.Single(s => s.HintName.EndsWith(".Client.g.cs", StringComparison.Ordinal)).SourceText.ToString();
    }

    [Fact]
    public void The_shipped_schema_gives_upload_members_and_a_helper_per_operation()
    {
        var client = ClientSource(Original);

        Assert.Contains("Uploads = new global::DashScope.Toolkit.DashScopeUploadProtocol(", client, StringComparison.Ordinal);
        Assert.Contains("UploadAsync(global::System.IO.Stream content, string fileName, string model", client, StringComparison.Ordinal);
        Assert.Contains("UploadAsync(string filePath, string model", client, StringComparison.Ordinal);
        Assert.Contains("GenerateFromFilesAsync(string imagePath, string audioPath, global::DashScope.LivePortrait.VideoSynthesisParameters? parameters = null", client, StringComparison.Ordinal);
        Assert.Contains("DetectFaceFromFilesAsync(string imagePath,", client, StringComparison.Ordinal);
    }

    [Fact]
    public void A_schema_without_storage_gets_no_upload_member()
    {
        var schema = JsonNode.Parse(Original)!.AsObject();
        schema.Remove("x-dashscope-uploads");

        var client = ClientSource(schema.ToJsonString());

        Assert.DoesNotContain("Upload", client, StringComparison.Ordinal);
        Assert.DoesNotContain("FromFilesAsync", client, StringComparison.Ordinal);
        Assert.Contains("global::System.TimeSpan.FromSeconds(15));", client, StringComparison.Ordinal);
    }

    [Fact]
    public void An_input_that_needs_more_than_media_urls_gets_no_helper_but_the_other_operation_keeps_its_own()
    {
        var schema = JsonNode.Parse(Original)!.AsObject();
        var input = schema["definitions"]!["VideoSynthesisInput"]!.AsObject();
        input["properties"]!.AsObject()["caption"] = new JsonObject { ["type"] = "string" };
        input["required"]!.AsArray().Add("caption");

        var client = ClientSource(schema.ToJsonString());

        Assert.DoesNotContain("GenerateFromFilesAsync", client, StringComparison.Ordinal);
        Assert.Contains("DetectFaceFromFilesAsync", client, StringComparison.Ordinal);
        Assert.Contains("UploadAsync(string filePath", client, StringComparison.Ordinal);
    }

    [Fact]
    public void The_emitted_media_rules_are_the_schemas_with_their_models()
    {
        var schema = JsonNode.Parse(Original)!.AsObject();
        schema["definitions"]!["VideoSynthesisInput"]!["properties"]!["audio_url"]!["x-dashscope-media"]!["formats"] = new JsonArray("wav", "mp3", "flac");

        var client = ClientSource(schema.ToJsonString());

        Assert.Contains("new(\"liveportrait\", \"input.audio_url\", \"audio\", new string[] { \"wav\", \"mp3\", \"flac\" }, 15728640L)", client, StringComparison.Ordinal);
        Assert.Contains("new(\"liveportrait-detect\", \"input.image_url\", \"image\",", client, StringComparison.Ordinal);
    }
}
