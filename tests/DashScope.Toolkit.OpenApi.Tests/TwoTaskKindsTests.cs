using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace DashScope.Toolkit.OpenApi.Tests;

/// <summary>A schema with two task kinds and two synchronous calls exports with no exporter change.</summary>
public sealed class TwoTaskKindsTests
{
    private static readonly Lazy<ReadResult> Read = new(() => OpenApiDocument.Parse(OpenApiExporter.ExportFile(Files.TwoTasksSchema), "json"));

    [Fact]
    public void The_reader_accepts_it_and_finds_every_operation()
    {
        var result = Read.Value;
        Assert.Empty(result.Diagnostic!.Errors.Select(e => e.ToString()));
        var ids = result.Document!.Paths.Values.SelectMany(p => p.Operations!.Values).Select(o => o.OperationId).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["CancelTask", "DetectExpression", "DetectFace", "GetTask", "LipSync", "ListTasks", "VideoSynthesis"], ids);
    }

    [Fact]
    public void Each_task_kind_has_its_own_request_and_the_query_answers_either_task()
    {
        var document = Read.Value.Document!;
        var lipSync = document.Paths["/services/aigc/video2video/lip-sync"].Operations![HttpMethod.Post];
        Assert.Equal("LipSyncRequest", (lipSync.RequestBody!.Content!["application/json"].Schema as OpenApiSchemaReference)?.Reference.Id);
        Assert.Contains(lipSync.Parameters!, p => p.Name == "X-DashScope-Async" && p.Required);

        var query = document.Paths["/tasks/{task_id}"].Operations![HttpMethod.Get];
        var answer = query.Responses!["200"].Content!["application/json"].Schema!;
        var kinds = answer.OneOf!.Select(s => (s as OpenApiSchemaReference)?.Reference.Id).Order().ToList();
        Assert.Equal(["LipSyncTask", "VideoSynthesisTask"], kinds);
    }
}
