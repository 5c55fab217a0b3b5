using DashScope.Toolkit.Description;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace DashScope.Toolkit.OpenApi.Tests;

/// <summary>
/// The committed document, read by Microsoft.OpenApi (the reader Kiota and ASP.NET Core use): no errors, and
/// every operation of the endpoint description is there with its method, parameters, bodies and answers.
/// </summary>
public sealed class OpenApiReaderTests
{
    private static readonly Lazy<(OpenApiDocument Document, OpenApiDiagnostic Diagnostic)> Read = new(() =>
    {
        var result = OpenApiDocument.Parse(File.ReadAllText(Files.CommittedOpenApi), "json");
        return (result.Document!, result.Diagnostic!);
    });

    private static readonly Lazy<EndpointDescription> Description = new(() =>
        EndpointDescriptionReader.Read(Files.Schema, File.ReadAllText(Files.Schema)).GetDescriptionOrThrow());

    private static OpenApiDocument Document => Read.Value.Document;

    [Fact]
    public void The_reader_finds_no_errors_and_reads_it_as_OpenApi_3_1()
    {
        var diagnostic = Read.Value.Diagnostic;
        Assert.Empty(diagnostic.Errors.Select(e => e.ToString()));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        Assert.Equal("https://dashscope.aliyuncs.com/api/v1", Assert.Single(Document.Servers!).Url);
    }

    [Fact]
    public void Every_operation_of_the_description_is_a_path_and_method()
    {
        var operations = Description.Value.Operations;
        Assert.Equal(5, operations.Count);
        foreach (var operation in operations)
        {
            var found = Operation(operation.Path, operation.Method);
            Assert.False(string.IsNullOrEmpty(found.OperationId));
        }

        // The upload-policy call is the one path that is not an operation of the task protocol.
        Assert.Equal(
            operations.Select(o => o.Path).Append(Description.Value.Uploads!.Policy.Path).Distinct().OrderBy(p => p, StringComparer.Ordinal),
            Document.Paths.Keys.OrderBy(p => p, StringComparer.Ordinal));
    }

    [Fact]
    public void The_async_submit_requires_the_async_header_and_the_sync_call_does_not_take_it()
    {
        var submit = Operation("/services/aigc/image2video/video-synthesis/", "POST");
        var header = Assert.Single(submit.Parameters!, p => p.Name == "X-DashScope-Async");
        Assert.Equal(ParameterLocation.Header, header.In);
        Assert.True(header.Required);
        Assert.Contains("enable", AllowedValues(header.Schema!));

        var detect = Operation("/services/aigc/image2video/face-detect", "POST");
        Assert.DoesNotContain(detect.Parameters ?? [], p => p.Name == "X-DashScope-Async");
    }

    [Fact]
    public void The_key_is_a_bearer_security_scheme_not_a_header_parameter()
    {
        var scheme = Document.Components!.SecuritySchemes![OpenApiExporter.SecuritySchemeName];
        Assert.Equal(SecuritySchemeType.Http, scheme.Type);
        Assert.Equal("bearer", scheme.Scheme);
        Assert.Single(Document.Security!);
        foreach (var operation in Document.Paths.Values.SelectMany(p => p.Operations!.Values))
        {
            Assert.DoesNotContain(operation.Parameters ?? [], p => p.Name is "Authorization" or "Content-Type");
        }
    }

    [Fact]
    public void Bodies_and_answers_point_at_the_schema_definitions()
    {
        var submit = Operation("/services/aigc/image2video/video-synthesis/", "POST");
        Assert.Equal("VideoSynthesisRequest", ReferenceId(submit.RequestBody!.Content!["application/json"].Schema!));
        Assert.Equal("TaskSubmission", ReferenceId(submit.Responses!["200"].Content!["application/json"].Schema!));

        var query = Operation("/tasks/{task_id}", "GET");
        Assert.Equal("VideoSynthesisTask", ReferenceId(query.Responses!["200"].Content!["application/json"].Schema!));
        var taskId = Assert.Single(query.Parameters!, p => p.In == ParameterLocation.Path);
        Assert.Equal("task_id", taskId.Name);
        Assert.True(taskId.Required);

        var list = Operation("/tasks/", "GET");
        Assert.Contains(list.Parameters!, p => p.Name == "page_size" && p.In == ParameterLocation.Query);
        Assert.Contains(list.Parameters!, p => p.Name == "start_time" && p.In == ParameterLocation.Query);
    }

    [Fact]
    public void Every_documented_error_status_answers_the_error_envelope_with_each_code_as_an_example()
    {
        var description = Description.Value;
        var statuses = description.Errors.Where(e => e.Status is not null).Select(e => e.Status!.Value.ToString()).Distinct().ToList();
        Assert.Contains("401", statuses);
        foreach (var operation in Document.Paths.Values.SelectMany(p => p.Operations!.Values))
        {
            foreach (var status in statuses)
            {
                var answer = operation.Responses![status];
                var content = answer.Content!["application/json"];
                Assert.Equal("ErrorResponse", ReferenceId(content.Schema!));
            }
        }

        var unauthorized = Document.Components!.Responses!["Error401"].Content!["application/json"];
        Assert.Equal(
            description.Errors.Where(e => e.Status == 401).Select(e => e.Key).OrderBy(k => k, StringComparer.Ordinal),
            unauthorized.Examples!.Keys.OrderBy(k => k, StringComparer.Ordinal));
    }

    [Fact]
    public void Every_definition_is_a_component_schema_with_its_rules()
    {
        var schemas = Document.Components!.Schemas!;
        foreach (var model in Description.Value.Models.Where(m => !m.Pointer.Contains("/properties/", StringComparison.Ordinal)))
        {
            Assert.True(schemas.ContainsKey(model.Name), model.Name + " is not a component schema");
        }

        var fps = schemas["VideoSynthesisParameters"].Properties!["video_fps"];
        Assert.Equal("15", fps.Minimum);
        Assert.Equal("30", fps.Maximum);
    }

    private static OpenApiOperation Operation(string path, string method)
    {
        Assert.True(Document.Paths.TryGetValue(path, out var item), $"no path {path}");
        var found = item!.Operations!.FirstOrDefault(o => string.Equals(o.Key.Method, method, StringComparison.OrdinalIgnoreCase));
        Assert.True(found.Value is not null, $"no {method} {path}");
        return found.Value!;
    }

    private static string? ReferenceId(IOpenApiSchema schema) => (schema as OpenApiSchemaReference)?.Reference.Id;

    private static IEnumerable<string> AllowedValues(IOpenApiSchema schema) =>
        (schema.Enum ?? []).Select(v => v.ToString()).Append(schema.Const).OfType<string>();
}
