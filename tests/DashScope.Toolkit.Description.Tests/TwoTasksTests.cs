using Xunit;

namespace DashScope.Toolkit.Description.Tests;

/// <summary>The shared test schema with a second synchronous and a second asynchronous operation.</summary>
public sealed class TwoTasksTests
{
    private static readonly EndpointDescription Description = TestSchemas.Describe(TestSchemas.TwoTasksFile);

    [Fact]
    public void Two_async_and_two_sync_operations_then_the_task_endpoints()
    {
        Assert.Equal(["VideoSynthesis", "LipSync"], Description.OfKind(OperationKind.Async).Select(o => o.Key));
        Assert.Equal(["DetectFace", "DetectExpression"], Description.OfKind(OperationKind.Sync).Select(o => o.Key));
        Assert.Equal(["DetectFace", "VideoSynthesis", "DetectExpression", "LipSync", "query", "cancel", "list"], Description.Operations.Select(o => o.Key));
    }

    [Fact]
    public void Each_async_operation_has_its_own_request_task_result_and_usage()
    {
        var lipSync = Description.Operation("LipSync");
        Assert.Equal(("POST", "/services/aigc/video2video/lip-sync", "liveportrait-lipsync", "LipSyncRequest", "TaskSubmission", "LipSyncTask", 2),
            (lipSync.Method, lipSync.Path, lipSync.Model, lipSync.RequestModel, lipSync.ResponseModel, lipSync.TaskModel, lipSync.MaxRunningTasksPerAccount));
        Assert.Equal("VideoSynthesisTask", Description.Operation("VideoSynthesis").TaskModel);
        Assert.Equal(new MediaRuleDescription("input.audio_url", MediaKind.Audio, EquatableArray.Of("wav", "mp3"), 15728640, null, null, 1, 180), Assert.Single(lipSync.MediaRules));

        Assert.Equal("LipSyncResults", Description.Model("LipSyncTaskOutput").Property("results")!.Type.ModelName);
        var usage = Description.Model("LipSyncUsage");
        Assert.Equal((ValueKind.Number, ValueKind.Integer), (usage.Property("video_duration")!.Type.Kind, usage.Property("frame_count")!.Type.Kind));
        var sharpness = Description.Model("LipSyncParameters").Property("sharpness")!;
        Assert.Equal(("1", "5", "3"), (sharpness.Type.Rules.Minimum, sharpness.Type.Rules.Maximum, sharpness.DefaultText));
    }

    [Fact]
    public void The_second_sync_operation_answers_an_enum_and_a_bounded_number()
    {
        var detect = Description.Operation("DetectExpression");
        Assert.Equal(("POST", "/services/aigc/image2video/expression-detect", "liveportrait-expression", "ExpressionDetectRequest", "ExpressionDetectResponse"),
            (detect.Method, detect.Path, detect.Model, detect.RequestModel, detect.ResponseModel));
        Assert.Equal(["input.image_url"], detect.MediaRules.Select(r => r.PropertyPath));
        var output = Description.Model("ExpressionDetectOutput");
        Assert.Equal((ValueKind.Enum, "Expression"), (output.Property("expression")!.Type.Kind, output.Property("expression")!.Type.ModelName));
        Assert.Equal(("0", "1"), (output.Property("confidence")!.Type.Rules.Minimum, output.Property("confidence")!.Type.Rules.Maximum));
    }

    [Fact]
    public void The_task_query_reads_the_first_async_operations_task()
    {
        Assert.Equal("VideoSynthesisTask", Description.Operation("query").ResponseModel);
        Assert.Equal("SUCCEEDED", Description.Tasks!.SuccessStatus);
    }
}
