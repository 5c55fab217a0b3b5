using System.Text.Json.Nodes;
using Xunit;

namespace DashScope.Toolkit.Description.Tests;

/// <summary>A schema that cannot serve says where and why: located diagnostics, and start-up errors that name the file, line and key.</summary>
public sealed class ProblemTests
{
    private const string SchemaPath = "/schemas/liveportrait.schema.json";
    private static readonly string Original = TestSchemas.Text(TestSchemas.LivePortraitFile);

    [Fact]
    public void A_broken_file_throws_naming_file_line_and_column()
    {
        // A trailing comma after the service's last key, on line 13 of the file.
        var broken = Original.Replace("\"error\": \"#/definitions/ErrorResponse\"\n", "\"error\": \"#/definitions/ErrorResponse\",\n", StringComparison.Ordinal);
        var result = EndpointDescriptionReader.Read(SchemaPath, broken);
        Assert.True(result.HasErrors);
        Assert.Null(result.Description);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal((DescriptionDiagnosticId.InvalidJson, "DSG001", 12), (diagnostic.Id, diagnostic.Code, diagnostic.Location.Line));

        var thrown = Assert.Throws<SchemaDescriptionException>(() => result.GetDescriptionOrThrow());
        Assert.Contains($"{SchemaPath}(13,{diagnostic.Location.Column + 1}): DSG001: Schema 'liveportrait.schema.json' is not valid JSON: a comma is followed by a closing bracket", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(SchemaPath, thrown.SchemaPath);
        Assert.Equal(result.Diagnostics, thrown.Diagnostics);
    }

    [Fact]
    public void An_endpoint_problem_is_located_at_its_keyword()
    {
        var text = TestSchemas.Edit(Original, root => root["x-dashscope-tasks"]!["query"]!["path"] = "/tasks/");
        var result = EndpointDescriptionReader.Read(SchemaPath, text);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(DescriptionDiagnosticId.InvalidEndpointKeyword, diagnostic.Id);
        Assert.Equal("Schema 'liveportrait.schema.json': task path '/tasks/' must contain {task_id}", diagnostic.Message);
        var line = text.Split('\n')[diagnostic.Location.Line];
        Assert.Equal("\"/tasks/\"", line.Substring(diagnostic.Location.Column, diagnostic.Location.Length));
        Assert.NotNull(result.Document);
    }

    public static TheoryData<string, DescriptionDiagnosticId, string> EndpointEdits => new()
    {
        { "media kind", DescriptionDiagnosticId.InvalidEndpointKeyword, "\"kind\"" },
        { "rate limit", DescriptionDiagnosticId.InvalidEndpointKeyword, "\"rateLimit\"" },
        { "headers", DescriptionDiagnosticId.UnresolvedReference, "\"#/definitions/Nope\"" },
        { "alternate path", DescriptionDiagnosticId.InvalidEndpointKeyword, "\"tasks\"" },
        { "time zone", DescriptionDiagnosticId.InvalidEndpointKeyword, "\"timeZone\"" },
    };

    [Theory]
    [MemberData(nameof(EndpointEdits))]
    public void Endpoint_keywords_beyond_the_generators_are_checked_and_located(string edit, DescriptionDiagnosticId id, string located)
    {
        var text = TestSchemas.Edit(Original, root =>
        {
            switch (edit)
            {
                case "media kind": root["definitions"]!["FaceDetectInput"]!["properties"]!["image_url"]!["x-dashscope-media"]!["kind"] = "video"; break;
                case "rate limit": root["x-dashscope-operations"]!["DetectFace"]!["rateLimit"] = "fast"; break;
                case "headers": root["x-dashscope-operations"]!["DetectFace"]!["headers"] = "#/definitions/Nope"; break;
                case "alternate path": root["x-dashscope-tasks"]!["list"]!["alternatePaths"] = new JsonArray("tasks"); break;
                default: root["x-dashscope-tasks"]!["timeZone"] = "CST"; break;
            }
        });
        var diagnostic = Assert.Single(EndpointDescriptionReader.Read(SchemaPath, text).Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(located, text.Split('\n')[diagnostic.Location.Line].Substring(diagnostic.Location.Column, diagnostic.Location.Length));
    }

    [Fact]
    public void A_schema_lacking_a_required_error_role_throws_naming_the_key_and_the_file()
    {
        var description = EndpointDescriptionReader.Read(SchemaPath, TestSchemas.Edit(Original, root => root["x-dashscope-errors"]!.AsObject().Remove("rateQuota"))).GetDescriptionOrThrow();
        var thrown = Assert.Throws<SchemaDescriptionException>(() => description.RequireErrors(ProtocolError.InvalidApiKey, ProtocolError.RateQuota, ProtocolError.Throttling));
        Assert.Contains("'rateQuota'", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("liveportrait.schema.json", thrown.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'throttling'", thrown.Message, StringComparison.Ordinal);
        Assert.Throws<SchemaDescriptionException>(() => description.Error(ProtocolError.RateQuota));
        Assert.Equal("Throttling", description.Error(ProtocolError.Throttling).Code);
    }

    [Fact]
    public void A_schema_lacking_a_task_failure_role_throws_naming_the_key()
    {
        var description = EndpointDescriptionReader.Read(SchemaPath, TestSchemas.Edit(Original, root => root.Remove("x-dashscope-task-errors"))).GetDescriptionOrThrow();
        var thrown = Assert.Throws<SchemaDescriptionException>(() => description.RequireTaskErrors(TaskFailure.NoHumanFace));
        Assert.Contains("x-dashscope-task-errors entry 'noHumanFace'", thrown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{")]
    [InlineData("{}")]
    [InlineData("{ \"x-dashscope-service\": [], \"x-dashscope-operations\": 1 }")]
    [InlineData("{ \"definitions\": { \"A\": { \"$ref\": \"#/definitions/A\" } } }")]
    [InlineData("{ \"definitions\": { \"A\": { \"$ref\": \"other.json#/A\" } } }")]
    public void Garbage_gives_located_diagnostics_and_never_throws(string text)
    {
        var result = EndpointDescriptionReader.Read(SchemaPath, text);
        Assert.True(result.HasErrors);
        Assert.All(result.Diagnostics, d => Assert.Equal(SchemaPath, d.Location.FilePath));
        Assert.All(result.Diagnostics, d => Assert.InRange(d.Location.Start + d.Location.Length, 0, text.Length));
        Assert.Equal(text.TrimStart().StartsWith('{') && JsonIsObject(text), result.Document is not null);
    }

    [Fact]
    public void Cancellation_is_the_one_exception()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => EndpointDescriptionReader.Read(SchemaPath, Original, cancelled.Token));
    }

    private static bool JsonIsObject(string text)
    {
        try { return JsonNode.Parse(text) is JsonObject; }
        catch (System.Text.Json.JsonException) { return false; }
    }
}
