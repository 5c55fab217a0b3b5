using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace DashScope.Toolkit.OpenApi.Tests;

/// <summary>The upload-policy call is a GET operation of the committed document, and the storage's form and rules travel in x-dashscope-uploads.</summary>
public sealed class UploadPolicyExportTests
{
    private static readonly Lazy<OpenApiDocument> Document = new(() => OpenApiDocument.Parse(File.ReadAllText(Files.CommittedOpenApi), "json").Document!);

    [Fact]
    public void The_policy_call_is_a_GET_with_its_query_its_answer_and_its_limit()
    {
        var operation = Document.Value.Paths["/uploads"].Operations![HttpMethod.Get];
        Assert.Equal("GetUploadPolicy", operation.OperationId);
        Assert.Equal(["action", "model"], operation.Parameters!.Where(p => p.In == ParameterLocation.Query).Select(p => p.Name));
        Assert.All(operation.Parameters!, p => Assert.True(p.Required));
        var action = operation.Parameters!.Single(p => p.Name == "action");
        Assert.Equal("getPolicy", action.Schema!.Enum!.Single()!.GetValue<string>());
        Assert.Equal("UploadPolicyResponse", (operation.Responses!["200"].Content!["application/json"].Schema as OpenApiSchemaReference)?.Reference.Id);
        Assert.True(operation.Responses!.ContainsKey("429"));
        Assert.True(operation.Responses!.ContainsKey("401"));
    }

    [Fact]
    public void The_policy_fields_accept_numbers_or_text_and_the_extension_carries_the_form()
    {
        var policy = Document.Value.Components!.Schemas!["UploadPolicy"];
        Assert.Equal(JsonSchemaType.Integer | JsonSchemaType.String, policy.Properties!["max_file_size_mb"].Type);

        var root = JsonNode.Parse(File.ReadAllText(Files.CommittedOpenApi))!["x-dashscope-uploads"]!;
        Assert.Equal("oss://{key}", root["url"]!.GetValue<string>());
        Assert.Equal("X-DashScope-OssResourceResolve", root["resolveHeader"]!["name"]!.GetValue<string>());
        Assert.Equal("file", root["form"]!["lastField"]!.GetValue<string>());
        Assert.Equal("file", root["form"]!["fields"]!.AsArray()[^1]!["name"]!.GetValue<string>());
        Assert.Equal(48, root["fileLifetimeHours"]!.GetValue<double>());
        Assert.Equal("max_file_size_mb", root["maxFileSizeField"]!.GetValue<string>());
    }
}
