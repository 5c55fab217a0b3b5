using Xunit;

namespace DashScope.Toolkit.Description.Tests;

/// <summary>Objects and enums written inline get models named from their owner and the wire names that lead to them.</summary>
public sealed class InlineModelTests
{
    private const string Schema = """
        {
          "x-dashscope-service": { "name": "Mini", "baseUrl": "https://example.test/v1" },
          "x-dashscope-operations": {
            "Ping": { "method": "POST", "path": "/ping", "mode": "sync", "model": "ping", "request": "#/definitions/Req", "response": "#/definitions/Res" }
          },
          "definitions": {
            "Req": { "type": "object", "properties": {
              "inner": { "type": "object", "properties": { "mode": { "type": "string", "enum": [ "a", "b" ] } } },
              "list": { "type": "array", "items": { "type": "object", "properties": { "x": { "type": "string" } } } }
            } },
            "Res": { "$ref": "#/definitions/Rows" },
            "Rows": { "type": "array", "items": { "type": "object", "properties": { "y": { "type": "integer" } } } }
          }
        }
        """;

    [Fact]
    public void Inline_models_are_named_by_their_place()
    {
        var description = EndpointDescriptionReader.Read("/mini.schema.json", Schema);
        // The answer refers to an array definition: answers must be objects.
        var problem = Assert.Single(description.Diagnostics);
        Assert.Equal(DescriptionDiagnosticId.UnsupportedConstruct, problem.Id);
        Assert.Equal(["Res", "a non-object schema as a request or response", "requests and answers must be JSON objects"], problem.Arguments);

        var fixedSchema = Schema.Replace("\"Res\": { \"$ref\": \"#/definitions/Rows\" },", "\"Res\": { \"type\": \"object\", \"properties\": { \"rows\": { \"$ref\": \"#/definitions/Rows\" } } },", StringComparison.Ordinal);
        var models = EndpointDescriptionReader.Read("/mini.schema.json", fixedSchema).GetDescriptionOrThrow().Models;
        Assert.Equal(["Req.inner.mode", "Req.inner", "Req.list[]", "Req", "Rows[]", "Res"], models.Select(m => m.Name));
        Assert.Equal([new InlineStep("inner"), new InlineStep("mode")], models[0].InlineSteps);
        Assert.Equal([new InlineStep("list"), InlineStep.Items], models[2].InlineSteps);
        Assert.Equal(("Rows", true), (models[4].Definition, models[4].InlineSteps.Single().IsItems));
        Assert.Equal("/definitions/Req/properties/list/items", models[2].Pointer);
    }
}
