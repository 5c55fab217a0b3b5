using System.Text.Json.Nodes;
using DashScope.Emulator.Faults;
using DashScope.Emulator.Tests.Support;
using DashScope.Toolkit.Description;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Emulator.Tests;

/// <summary>
/// The emulator reads its schema through the shared description at start-up: a broken schema, or one that lacks an
/// error the emulator answers with, stops the start with the file, line and column or the missing key; and an
/// endpoint is only what the loaded schema has.
/// </summary>
public sealed class SchemaStartUpTests
{
    [Fact]
    public void ASchemaThatIsNotJsonStopsTheStartNamingFileLineAndColumn()
    {
        var text = File.ReadAllText(SchemaFiles.LivePortrait);
        const string Broken = "\"successStatus\": \"SUCCEEDED\",,";
        text = text.Replace("\"successStatus\": \"SUCCEEDED\",", Broken, StringComparison.Ordinal);
        var line = text[..text.IndexOf(Broken, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        using var file = SchemaFiles.Write(text);

        var error = Assert.Throws<SchemaDescriptionException>(() => Start(file.Path));

        Assert.Contains($"{file.Path}({line},", error.Message);
        Assert.Contains("DSG001", error.Message);
    }

    [Fact]
    public void AnInvalidEndpointKeywordStopsTheStartAtItsPlace()
    {
        var text = File.ReadAllText(SchemaFiles.LivePortrait);
        text = text.Replace("\"mode\": \"async\"", "\"mode\": \"sometimes\"", StringComparison.Ordinal);
        var line = text[..text.IndexOf("\"sometimes\"", StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        using var file = SchemaFiles.Write(text);

        var error = Assert.Throws<SchemaDescriptionException>(() => Start(file.Path));

        Assert.Contains($"{file.Path}({line},", error.Message);
        Assert.Contains("DSG004", error.Message);
        Assert.Contains("sometimes", error.Message);
    }

    [Fact]
    public void ASchemaWithoutAnErrorTheEmulatorAnswersWithStopsTheStartNamingTheKey()
    {
        var root = JsonNode.Parse(File.ReadAllText(SchemaFiles.LivePortrait))!.AsObject();
        root["x-dashscope-errors"]!.AsObject().Remove("throttling");
        root["x-dashscope-task-errors"]!.AsObject().Remove("noHumanFace");
        using var file = SchemaFiles.Write(root.ToJsonString());

        var error = Assert.Throws<SchemaDescriptionException>(() => Start(file.Path));

        Assert.Contains("'throttling'", error.Message);
    }

    [Fact]
    public void EndpointsAreTheSchemasOperationsAndAnUnknownOneIsRefusedNamingThem()
    {
        using var emulator = Start(null);

        Assert.Equal(["DetectFace", "VideoSynthesis", "query", "cancel", "list"], emulator.Endpoints.Select(e => e.Key));
        Assert.Equal(EmulatorEndpoint.QueryTask, EmulatorEndpoint.Of("query"));
        var error = Assert.Throws<ArgumentException>(() => emulator.OnEndpoint(EmulatorEndpoint.Of("LipSync")));
        Assert.Contains("'LipSync'", error.Message);
        Assert.Contains("VideoSynthesis", error.Message);
        Assert.Contains("query (QueryTask)", error.Message);
        Assert.Throws<ArgumentException>(() => emulator.OnEndpoint(default));
        Assert.Empty(emulator.Faults);
    }

    [Fact]
    public void ARateLimitOverrideForAnOperationTheSchemaLacksStopsTheStart()
    {
        var error = Assert.Throws<ArgumentException>(() => LivePortraitEmulator.Start(o =>
        {
            o.TimeProvider = new FakeTimeProvider();
            o.RateLimitOverrides[EmulatorEndpoint.Of("LipSync")] = 1;
        }));

        Assert.Contains("'LipSync'", error.Message);
    }

    [Fact]
    public void FaultRulesAndJournalEntriesKeepTheirEndpointThroughAdminJson()
    {
        var rule = new FaultRule("a", EmulatorEndpoint.Of("LipSync"), FaultKind.Respond, 1, 503);
        var json = System.Text.Json.JsonSerializer.Serialize(rule, LivePortraitEmulator.AdminJson);

        Assert.Contains("\"endpoint\":\"LipSync\"", json);
        Assert.Equal(rule, System.Text.Json.JsonSerializer.Deserialize<FaultRule>(json, LivePortraitEmulator.AdminJson));
        Assert.Equal(EmulatorEndpoint.QueryTask, System.Text.Json.JsonSerializer.Deserialize<EmulatorEndpoint>("\"QueryTask\"", LivePortraitEmulator.AdminJson));
    }

    private static LivePortraitEmulator Start(string? schemaPath) => LivePortraitEmulator.Start(o =>
    {
        o.SchemaPath = schemaPath;
        o.TimeProvider = new FakeTimeProvider();
    });
}
