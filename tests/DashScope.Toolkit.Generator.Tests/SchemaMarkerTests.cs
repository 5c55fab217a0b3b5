using Microsoft.CodeAnalysis;
using Xunit;
using static DashScope.Toolkit.Generator.Tests.MiniSchemas;

namespace DashScope.Toolkit.Generator.Tests;

/// <summary>
/// The generator reads an AdditionalFile only when the build marks it <c>DashScopeSchema = true</c> (the package's
/// build files do for the shipped schema and for every DashScopeSchema item). Another JSON Schema in the project,
/// whatever its name, is left alone: it generates nothing and, even when it is no DashScope schema at all, fails
/// nothing.
/// </summary>
public sealed class SchemaMarkerTests
{
    /// <summary>A plain JSON Schema of the consumer's own (no x-dashscope-* keywords), as a project may well hold.</summary>
    private const string UnrelatedSchema = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "title": "Settings",
          "type": "object",
          "properties": { "theme": { "type": "string" } }
        }
        """;

    [Fact]
    public async Task An_unmarked_schema_beside_a_marked_one_generates_nothing_and_reports_nothing()
    {
        // Verified with the compiler's own diagnostics: any DSG error about the unrelated file would fail the test.
        var test = new GeneratorTest()
            .WithSchema("/Schemas/mini.schema.json", Sync())
            .WithUnmarkedFile("/Schemas/settings.schema.json", UnrelatedSchema)
            .WithUnmarkedFile("/Schemas/broken.schema.json", "{ not json")
            .IgnoringGeneratedSources();
        test.TestState.Sources.Add(("/Usage.cs", "namespace Consumer;\ninternal static class Usage\n{\n    public static object Client() => typeof(global::Mini.Api.MiniClient);\n}\n"));
        await test.RunAsync();
    }

    [Fact]
    public void Unmarked_files_are_ignored_whatever_their_name_and_marked_ones_are_read_whatever_theirs()
    {
        var marked = new InMemoryText("/Schemas/endpoint.json", Sync());
        var unmarked = new InMemoryText("/Schemas/mini.schema.json", "{ not json");
        var options = new DictionaryOptionsProvider(
            perFile: new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                [marked.Path] = new Dictionary<string, string> { [DictionaryOptionsProvider.SchemaMarker] = "True" },
            },
            markSchemaFiles: false);

        var result = DriverHarness.CreateDriver([marked, unmarked], options, track: false)
            .RunGenerators(DriverHarness.Compilation("class C { }")).GetRunResult().Results.Single();

        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Contains(result.GeneratedSources, s => s.HintName == "Mini.Api.MiniClient.Client.g.cs");
    }

    [Theory]
    [InlineData("false")]
    [InlineData("")]
    [InlineData("yes")]
    public void A_marker_other_than_true_leaves_the_file_alone(string marker)
    {
        var result = RunOne("{ not json", new Dictionary<string, string> { [DictionaryOptionsProvider.SchemaMarker] = marker });

        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.GeneratedSources);
    }

    /// <summary>
    /// <c>DashScopeGenerateClient = false</c> (the package's precompiled LivePortrait client): the schema is read and its
    /// problems reported, but no source is written; any other value, or none, generates as before.
    /// </summary>
    [Theory]
    [InlineData("false", false)]
    [InlineData(" False ", false)]
    [InlineData("true", true)]
    [InlineData("", true)]
    [InlineData(null, true)]
    public void DashScopeGenerateClient_false_reads_the_schema_and_writes_no_source(string? generate, bool expectSources)
    {
        var metadata = new Dictionary<string, string> { [DictionaryOptionsProvider.SchemaMarker] = "true" };
        if (generate is not null) { metadata[DictionaryOptionsProvider.GenerateClient] = generate; }

        var result = RunOne(Sync(), metadata);

        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(expectSources, result.GeneratedSources.Any(s => s.HintName == "Mini.Api.MiniClient.Client.g.cs"));
        if (!expectSources) { Assert.Empty(result.GeneratedSources); }
    }

    [Fact]
    public void A_broken_schema_marked_not_to_generate_is_still_reported_at_its_line()
    {
        var result = RunOne(
            "{\n  \"title\": \"Mini\",\n  \"type\": \n}",
            new Dictionary<string, string> { [DictionaryOptionsProvider.SchemaMarker] = "true", [DictionaryOptionsProvider.GenerateClient] = "false" });

        Assert.Null(result.Exception);
        Assert.Empty(result.GeneratedSources);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("DSG001", diagnostic.Id);
        Assert.Equal("/Schemas/mini.schema.json", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(3, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    /// <summary>Runs the generator once over <c>/Schemas/mini.schema.json</c> holding <paramref name="text"/>, with <paramref name="metadata"/> on it.</summary>
    private static GeneratorRunResult RunOne(string text, IReadOnlyDictionary<string, string> metadata)
    {
        var file = new InMemoryText("/Schemas/mini.schema.json", text);
        var options = new DictionaryOptionsProvider(perFile: new Dictionary<string, IReadOnlyDictionary<string, string>> { [file.Path] = metadata });
        return DriverHarness.CreateDriver([file], options, track: false)
            .RunGenerators(DriverHarness.Compilation("class C { }")).GetRunResult().Results.Single();
    }
}
