using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using static DashScope.Toolkit.Generator.Tests.MiniSchemas;

namespace DashScope.Toolkit.Generator.Tests;

/// <summary>
/// Garbage and edge inputs: the generator never throws (no CS8785, no DSG008), and when it generates nothing
/// it says why, at a place in the file.
/// </summary>
public sealed class RobustnessTests
{
    private const string Path = "/Schemas/edge.schema.json";

    public static TheoryData<string, string> Inputs()
    {
        var deep = new string('[', 5000) + new string(']', 5000);
        var data = new TheoryData<string, string>
        {
            { "empty", string.Empty },
            { "whitespace", " \n\t \r\n" },
            { "bom only", "\uFEFF" },
            { "comment only", "// nothing\n/* at all */" },
            { "null", "null" },
            { "number", "42" },
            { "string", "\"schema\"" },
            { "open brace", "{" },
            { "close brace", "}" },
            { "empty object", "{}" },
            { "control characters", "\0\u0001\u0002{" },
            { "lone surrogate", "{ \"title\": \"\ud800\" }" },
            { "bad escape", "{ \"title\": \"\\uZZZZ\" }" },
            { "single quotes", Sync().Replace("\"Mini\"", "'Mini'", StringComparison.Ordinal) },
            { "deep nesting", deep },
            { "huge number", Sync(Req.Replace("\"type\": \"string\"", "\"type\": \"integer\", \"maximum\": 1e400", StringComparison.Ordinal)) },
            { "huge string", Sync().Replace("\"Mini\",", "\"Mini\", \"description\": \"" + new string('x', 200_000) + "\",", StringComparison.Ordinal) },
            { "service is an array", Sync().Replace(Service, """  "x-dashscope-service": [ "Mini" ],""", StringComparison.Ordinal) },
            { "operation values null", Async(operations: ["""    "Run": { "method": null, "path": null, "mode": null, "model": null, "request": null, "response": null, "task": null }"""]) },
            { "operation values are numbers", Async(operations: ["""    "Run": { "method": 1, "path": 2, "mode": 3, "model": 4, "request": 5, "response": 6, "task": 7 }"""]) },
            { "tasks is a string", Async(tasks: """  "x-dashscope-tasks": "yes",""") },
            { "terminal statuses not strings", Async(tasks: Tasks.Replace("[ \"SUCCEEDED\", \"FAILED\" ]", "[ 1, null ]", StringComparison.Ordinal)) },
            { "poll interval negative", Async(tasks: Tasks.Replace("\"successStatus\"", "\"recommendedPollIntervalSeconds\": -5, \"successStatus\"", StringComparison.Ordinal)) },
            { "definitions is a string", Lines("{", Service, """  "x-dashscope-operations": {""", Ping, "  },", """  "definitions": "none" """, "}") },
            { "properties is null", Sync("""    "Req": { "type": "object", "properties": null },""") },
            { "required is a string", Sync("""    "Req": { "type": "object", "required": "text", "properties": { "text": { "type": "string" } } },""") },
            { "required names an undeclared property", Sync("""    "Req": { "type": "object", "required": [ "other" ], "properties": { "text": { "type": "string" } } },""") },
            { "empty enum", Sync("""    "Req": { "type": "object", "properties": { "mode": { "type": "string", "enum": [] } } },""") },
            { "unknown type", Sync("""    "Req": { "type": "object", "properties": { "text": { "type": "text" } } },""") },
            { "minimum is a string", Sync("""    "Req": { "type": "object", "properties": { "n": { "type": "integer", "minimum": "zero" } } },""") },
            { "self reference", Sync("""    "Req": { "type": "object", "properties": { "child": { "$ref": "#/definitions/Req" } } },""") },
            { "reference cycle", Sync("""    "Req": { "$ref": "#/definitions/Loop" }, "Loop": { "$ref": "#/definitions/Req" },""") },
            { "property referring to itself", Sync("""    "Req": { "type": "object", "properties": { "b": { "$ref": "#/definitions/Req/properties/b" } } },""") },
            { "external file reference", Sync("""    "Req": { "type": "object", "properties": { "text": { "$ref": "other.schema.json#/definitions/Text" } } },""") },
            { "external url reference", Sync("""    "Req": { "type": "object", "properties": { "text": { "$ref": "https://example.invalid/schema.json" } } },""") },
            { "reference to a non-definition", Sync("""    "Req": { "type": "object", "properties": { "a": { "type": "string" }, "b": { "$ref": "#/definitions/Req/properties/a" } } },""") },
            { "bad time format", Sync("""    "Req": { "type": "object", "properties": { "at": { "type": "string", "x-dashscope-time-format": "%%%" } } },""") },
            { "base url not http", Sync().Replace("https://example.test/v1", "ftp://example.test", StringComparison.Ordinal) },
            { "namespace not dotted identifiers", Sync().Replace("\"Mini.Api\"", "\"Mini..Api\"", StringComparison.Ordinal) },
            { "request is an enum", Sync("""    "Req": { "type": "string", "enum": [ "a" ] },""") },
            { "additionalProperties schema", Sync("""    "Req": { "type": "object", "properties": { "text": { "type": "string" } }, "additionalProperties": { "type": "string" } },""") },
            { "CRLF line endings", Sync().Replace("\n", "\r\n", StringComparison.Ordinal) },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Edge_input_never_crashes_and_failures_are_located(string name, string text) =>
        SchemaOutcome.RunAndCheck(Path, text, name);

    [Fact]
    public void Unreadable_file_is_reported_not_thrown()
    {
        var result = DriverHarness.RunOnce(new NullText(Path));
        Assert.Null(result.Exception);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("DSG001", diagnostic.Id);
        Assert.Equal(Path, diagnostic.Location.GetLineSpan().Path);
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void Many_files_at_once_including_bad_ones_do_not_disturb_the_good_ones()
    {
        var files = Inputs().Select((row, i) => (AdditionalText)new InMemoryText($"/Schemas/edge{i}.schema.json", (string)row[1]))
            .Append(new InMemoryText("/Schemas/widget.schema.json", TestPaths.Schema("widget.schema.json")))
            .Append(new NullText("/Schemas/null.schema.json"))
            .Append(new InMemoryText("/Schemas/ignored.json", "not a schema"))
            .ToArray();
        var result = DriverHarness.RunOnce(files);
        Assert.Null(result.Exception);
        Assert.Contains(result.GeneratedSources, s => s.HintName == "Sample.Widgets.WidgetClient.Client.g.cs");
        Assert.DoesNotContain(result.Diagnostics, d => d.Id is "CS8785" or "DSG008");
        Assert.DoesNotContain(result.Diagnostics, d => d.Location.GetLineSpan().Path.EndsWith("ignored.json", StringComparison.Ordinal));
    }

    [Fact]
    public void Schema_suffix_is_matched_without_regard_to_case()
    {
        var result = DriverHarness.RunOnce(new InMemoryText("/Schemas/Mini.SCHEMA.JSON", Sync()));
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        Assert.NotEmpty(result.GeneratedSources);
    }

    private sealed class NullText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText? GetText(CancellationToken cancellationToken = default) => null;
    }
}
