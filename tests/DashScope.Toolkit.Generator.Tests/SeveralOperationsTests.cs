using Xunit;
using static DashScope.Toolkit.Generator.Tests.MiniSchemas;

namespace DashScope.Toolkit.Generator.Tests;

/// <summary>
/// Any number of synchronous and asynchronous operations: the first asynchronous one keeps the short method names
/// (SubmitAsync, GenerateAsync, GetTaskAsync...), each further one X gets SubmitXAsync, GenerateXAsync,
/// GetXTaskAsync, WaitForXCompletionAsync, WatchXTaskAsync and DescribeXTask, typed to its own request and task.
/// </summary>
public sealed class SeveralOperationsTests
{
    /// <summary>Calls every method of the two-tasks client with the types the schema gives, so any wrong signature fails to compile.</summary>
    private const string TwoTasksUsage = """
        #nullable enable
        namespace Consumer;

        using DashScope.TwoTasks;

        internal static class Usage
        {
            public static async global::System.Threading.Tasks.Task CallEverything(LivePortraitClient client, global::System.Threading.CancellationToken cancel)
            {
                FaceDetectResponse face = await client.DetectFaceAsync(new FaceDetectRequest { Input = new FaceDetectInput { ImageUrl = "https://example.test/p.png" } }, cancel);
                ExpressionDetectResponse expression = await client.DetectExpressionAsync(new ExpressionDetectRequest { Input = new ExpressionDetectInput { ImageUrl = "https://example.test/p.png" } }, cancel);
                Expression read = expression.Output.Expression;
                double confidence = expression.Output.Confidence;

                var synthesis = new VideoSynthesisRequest { Input = new VideoSynthesisInput { ImageUrl = "https://example.test/p.png", AudioUrl = "https://example.test/a.mp3" } };
                TaskSubmission submitted = await client.SubmitAsync(synthesis, cancel);
                VideoSynthesisTask video = await client.GenerateAsync(synthesis, null, cancel);
                video = await client.GetTaskAsync(submitted.Output.TaskId, cancel);
                video = await client.WaitForCompletionAsync(submitted.Output.TaskId, null, cancel);
                await foreach (VideoSynthesisTask seen in client.WatchTaskAsync(submitted.Output.TaskId, cancel)) { _ = LivePortraitClient.Describe(seen); }

                var lipSync = new LipSyncRequest { Input = new LipSyncInput { VideoUrl = "https://example.test/v.mp4", AudioUrl = "https://example.test/a.mp3" }, Parameters = new LipSyncParameters { Sharpness = 4 } };
                TaskSubmission lipSubmitted = await client.SubmitLipSyncAsync(lipSync, cancel);
                LipSyncTask lips = await client.GenerateLipSyncAsync(lipSync, new global::System.Progress<LipSyncTask>(), cancel);
                lips = await client.GetLipSyncTaskAsync(lipSubmitted.Output.TaskId, cancel);
                lips = await client.WaitForLipSyncCompletionAsync(lipSubmitted.Output.TaskId, null, cancel);
                await foreach (LipSyncTask seen in client.WatchLipSyncTaskAsync(lipSubmitted.Output.TaskId, cancel)) { _ = LivePortraitClient.DescribeLipSyncTask(seen); }
                string? url = lips.Output.Results?.VideoUrl;
                double? seconds = lips.Usage?.VideoDuration;
                int? frames = lips.Usage?.FrameCount;

                CancelTaskResponse canceled = await client.CancelTaskAsync(lipSubmitted.Output.TaskId, cancel);
                TaskListResponse listed = await client.ListTasksAsync(new TaskListQuery { PageSize = 10 }, cancel);
            }
        }

        """;

    [Fact]
    public async Task Two_tasks_schema_gives_every_operation_its_typed_methods_and_compiles_cleanly()
    {
        var test = new GeneratorTest().WithSchema("/Schemas/two-tasks.schema.json", TestPaths.Schema("two-tasks.schema.json")).IgnoringGeneratedSources();
        test.TestState.Sources.Add(("/Usage.cs", TwoTasksUsage));
        await test.RunAsync();
    }

    [Fact]
    public void A_second_async_operation_of_a_mini_schema_gets_its_own_methods()
    {
        var runAgain = Run.Replace("\"Run\"", "\"RunAgain\"", StringComparison.Ordinal).Replace("/run", "/run2", StringComparison.Ordinal);
        var result = DriverHarness.RunOnce(new InMemoryText("/Schemas/mini.schema.json", Async(operations: [Run + ",", runAgain])));
        Assert.Empty(result.Diagnostics);
        var client = result.GeneratedSources.Single(s => s.HintName.EndsWith(".Client.g.cs", StringComparison.Ordinal)).SourceText.ToString();
        foreach (var method in new[] { "SubmitAsync(", "GenerateAsync(", "GetTaskAsync(", "WaitForCompletionAsync(", "WatchTaskAsync(", " Describe(",
                     "SubmitRunAgainAsync(", "GenerateRunAgainAsync(", "GetRunAgainTaskAsync(", "WaitForRunAgainCompletionAsync(", "WatchRunAgainTaskAsync(", "DescribeRunAgainTask(" })
        {
            Assert.Contains(method, client, StringComparison.Ordinal);
        }
        Assert.Contains("_transport.SubmitAsync(\"/run2\"", client, StringComparison.Ordinal);
        Assert.Empty(InProcessCompiler.Problems(result.GeneratedSources));
    }

    [Fact]
    public void Several_sync_operations_each_get_a_method()
    {
        var pong = Ping.Replace("\"Ping\"", "\"Pong\"", StringComparison.Ordinal).Replace("/ping", "/pong", StringComparison.Ordinal);
        var schema = Lines("{", Service, """  "x-dashscope-operations": {""", Ping + ",", pong, "  },", """  "definitions": {""", Req, Res, "  }", "}");
        var result = DriverHarness.RunOnce(new InMemoryText("/Schemas/mini.schema.json", schema));
        Assert.Empty(result.Diagnostics);
        var client = result.GeneratedSources.Single(s => s.HintName.EndsWith(".Client.g.cs", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("PingAsync(", client, StringComparison.Ordinal);
        Assert.Contains("PongAsync(", client, StringComparison.Ordinal);
        Assert.DoesNotContain("SubmitAsync(", client, StringComparison.Ordinal);
        Assert.Empty(InProcessCompiler.Problems(result.GeneratedSources));
    }
}
