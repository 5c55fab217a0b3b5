using Xunit;

namespace DashScope.Toolkit.Description.Tests;

/// <summary>The real schema read into a description: every fact the generator, the emulator and the contract tests rely on.</summary>
public sealed class LivePortraitFactsTests
{
    private static readonly EndpointDescription Description = TestSchemas.Describe(TestSchemas.LivePortraitFile);

    [Fact]
    public void The_schema_reads_without_problems()
    {
        var result = TestSchemas.Read(TestSchemas.LivePortraitFile);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.NotNull(result.Document);
        Assert.Equal("liveportrait.schema.json", Description.SchemaFileName);
        Assert.Equal("LivePortrait", Description.Title);
        Assert.StartsWith("DashScope LivePortrait:", Description.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Service_facts()
    {
        var service = Description.Service;
        Assert.Equal(new ServiceDescription("LivePortrait", "DashScope.LivePortrait", null, "https://dashscope.aliyuncs.com/api/v1", "/api/v1", "cn-beijing", "DASHSCOPE_API_KEY", "DASHSCOPE_HTTP_BASE_URL", "ErrorResponse"), service);
    }

    [Fact]
    public void Every_operation_with_its_kind_method_and_paths()
    {
        Assert.Equal(
            [
                ("DetectFace", OperationKind.Sync, "POST", "/services/aigc/image2video/face-detect", ""),
                ("VideoSynthesis", OperationKind.Async, "POST", "/services/aigc/image2video/video-synthesis/", "/services/aigc/image2video/video-synthesis"),
                ("query", OperationKind.TaskQuery, "GET", "/tasks/{task_id}", ""),
                ("cancel", OperationKind.TaskCancel, "POST", "/tasks/{task_id}/cancel", ""),
                ("list", OperationKind.TaskList, "GET", "/tasks/", "/tasks"),
            ],
            Description.Operations.Select(o => (o.Key, o.Kind, o.Method, o.Path, string.Join(",", o.AlternatePaths))));
        Assert.Equal(["VideoSynthesis"], Description.OfKind(OperationKind.Async).Select(o => o.Key));
        Assert.True(Description.Operation("list").IsTaskEndpoint);
        Assert.False(Description.Operation("DetectFace").IsTaskEndpoint);
    }

    [Fact]
    public void Operations_name_their_models_by_definition()
    {
        var synthesis = Description.Operation("VideoSynthesis");
        Assert.Equal(("liveportrait", "AsyncRequestHeaders", "VideoSynthesisRequest", null, "TaskSubmission", "VideoSynthesisTask"),
            (synthesis.Model, synthesis.HeadersModel, synthesis.RequestModel, synthesis.QueryModel, synthesis.ResponseModel, synthesis.TaskModel));
        var detect = Description.Operation("DetectFace");
        Assert.Equal(("liveportrait-detect", "SyncRequestHeaders", "FaceDetectRequest", "FaceDetectResponse", null),
            (detect.Model, detect.HeadersModel, detect.RequestModel, detect.ResponseModel, detect.TaskModel));
        var list = Description.Operation("list");
        Assert.Equal(("TaskRequestHeaders", null, "TaskListQuery", "TaskListResponse"), (list.HeadersModel, list.RequestModel, list.QueryModel, list.ResponseModel));
        Assert.Equal("VideoSynthesisTask", Description.Operation("query").ResponseModel);
        Assert.Equal("CancelTaskResponse", Description.Operation("cancel").ResponseModel);
    }

    [Fact]
    public void Rate_limits_and_running_tasks()
    {
        Assert.Equal(new RateLimitDescription(5, "account", true), Description.Operation("DetectFace").RateLimit);
        Assert.Equal(new RateLimitDescription(5, "account", false), Description.Operation("VideoSynthesis").RateLimit);
        Assert.All(Description.Operations.Where(o => o.IsTaskEndpoint), o => Assert.Equal(new RateLimitDescription(20, "account", true), o.RateLimit));
        Assert.Equal(1, Description.Operation("VideoSynthesis").MaxRunningTasksPerAccount);
        Assert.Null(Description.Operation("DetectFace").MaxRunningTasksPerAccount);
    }

    [Fact]
    public void Media_rules_by_dotted_path()
    {
        var image = new MediaRuleDescription("input.image_url", MediaKind.Image, EquatableArray.Of("jpeg", "jpg", "png", "bmp", "webp"), 10485760, 2, 4096, null, null);
        var audio = new MediaRuleDescription("input.audio_url", MediaKind.Audio, EquatableArray.Of("wav", "mp3"), 15728640, null, null, 1, 180);
        Assert.Equal([image, audio], Description.Operation("VideoSynthesis").MediaRules);
        Assert.Equal([image], Description.Operation("DetectFace").MediaRules);
        Assert.Empty(Description.Operation("query").MediaRules);
        // On the model, the rule names the property itself.
        Assert.Equal(image with { PropertyPath = "image_url" }, Description.Model("VideoSynthesisInput").Property("image_url")!.Type.Media);
    }

    [Fact]
    public void Task_protocol()
    {
        Assert.Equal(
            new TaskProtocolDescription(EquatableArray.Of("SUCCEEDED", "FAILED", "CANCELED", "UNKNOWN"), "SUCCEEDED", EquatableArray.Of("PENDING"), 15, 24, 24, "+08:00", false),
            Description.Tasks);
    }

    [Fact]
    public void Models_in_the_order_operations_reach_them_with_their_roles()
    {
        Assert.Equal(
            ["FaceDetectInput", "FaceDetectRequest", "FaceDetectOutput", "FaceDetectUsage", "FaceDetectResponse", "VideoSynthesisInput", "TemplateId", "VideoSynthesisParameters",
             "VideoSynthesisRequest", "TaskStatus", "TaskSubmissionOutput", "TaskSubmission", "VideoSynthesisResults", "VideoSynthesisTaskOutput", "VideoSynthesisUsage",
             "VideoSynthesisTask", "CancelTaskResponse", "TaskListItem", "TaskListResponse", "TaskListQuery", "ErrorResponse",
             "SyncRequestHeaders", "AsyncRequestHeaders", "TaskRequestHeaders"],
            Description.Models.Select(m => m.Name));
        Assert.Equal(ModelRole.Query, Description.Model("TaskListQuery").Role);
        Assert.Equal(ModelRole.Headers, Description.Model("AsyncRequestHeaders").Role);
        Assert.Equal(ModelRole.Body, Description.Model("TaskStatus").Role);
        Assert.Equal("/definitions/TaskStatus", Description.Model("TaskStatus").Pointer);
        Assert.All(Description.Models, m => Assert.Empty(m.InlineSteps));
    }

    [Fact]
    public void Model_properties_keep_types_rules_and_defaults()
    {
        var status = Description.Model("TaskStatus");
        Assert.Equal(ModelKind.Enum, status.Kind);
        Assert.Equal(["PENDING", "RUNNING", "SUSPENDED", "SUCCEEDED", "FAILED", "CANCELED", "UNKNOWN"], status.EnumValues);
        Assert.Equal("Pending", status.EnumNames[0]);

        var request = Description.Model("VideoSynthesisRequest");
        Assert.Equal("liveportrait", request.Property("model")!.FixedValue);
        Assert.Equal(new ValueDescription(ValueKind.Object, "VideoSynthesisInput", null, null, ValueRules.None, null), request.Property("input")!.Type);

        var fps = Description.Model("VideoSynthesisParameters").Property("video_fps")!;
        Assert.Equal((ValueKind.Integer, "15", "30", "24", false), (fps.Type.Kind, fps.Type.Rules.Minimum, fps.Type.Rules.Maximum, fps.DefaultText, fps.Required));

        var submitted = Description.Model("VideoSynthesisTaskOutput").Property("submit_time")!.Type;
        Assert.Equal((ValueKind.Time, "yyyy-MM-dd HH:mm:ss.fff"), (submitted.Kind, submitted.TimeFormat));
        Assert.Equal(ValueKind.EpochTime, Description.Model("TaskListItem").Property("gmt_create")!.Type.Kind);

        var data = Description.Model("TaskListResponse").Property("data")!.Type;
        Assert.Equal((ValueKind.Array, ValueKind.Object, "TaskListItem"), (data.Kind, data.Item!.Kind, data.Item.ModelName));

        var image = Description.Model("VideoSynthesisInput").Property("image_url")!.Type.Rules;
        Assert.True(image.IsUri);
        Assert.Equal("^([Hh][Tt][Tt][Pp][Ss]?|oss)://[^\\s]+$", image.Pattern);
    }

    [Fact]
    public void Errors_by_role()
    {
        Assert.Equal(new ErrorEntry("outOfDefinition", 400, "InvalidParamter.OutOfDefinition", "The type or value of {parameter} is out of definition.", "a value is outside its range or enum; the provider spells the code this way"),
            Description.Error(ProtocolError.OutOfDefinition));
        Assert.Equal("The type or value of parameters.video_fps is out of definition.", Description.Error(ProtocolError.OutOfDefinition).NamingParameter("parameters.video_fps").Message);
        Assert.Equal((401, "InvalidApiKey"), (Description.Error(ProtocolError.MissingApiKey).Status, Description.Error(ProtocolError.MissingApiKey).Code));
        Assert.Equal((429, "Throttling.RateQuota"), (Description.Error(ProtocolError.RateQuota).Status, Description.Error(ProtocolError.RateQuota).Code));
        Assert.Equal(("InvalidImage.NoHumanFace", null), (Description.TaskError(TaskFailure.NoHumanFace).Code, Description.TaskError(TaskFailure.NoHumanFace).Status));

        // Every role has its entry, one key per role.
        Description.RequireErrors(Enum.GetValues<ProtocolError>());
        Description.RequireTaskErrors(Enum.GetValues<TaskFailure>());
        Assert.Equal(Enum.GetValues<ProtocolError>().Length, Enum.GetValues<ProtocolError>().Select(ErrorRoles.KeyOf).Distinct().Count());
        Assert.Equal(16, Description.Errors.Count);
        Assert.Equal(8, Description.TaskErrors.Count);
    }

    [Fact]
    public void Task_errors_are_found_by_code_then_synchronous_ones()
    {
        Assert.Equal("noHumanFace", Description.FindTaskErrorByCode("InvalidImage.NoHumanFace")?.Key);
        Assert.Equal("throttling", Description.FindTaskErrorByCode("Throttling")?.Key);
        Assert.Null(Description.FindTaskErrorByCode("NoSuchCode"));
    }

    [Fact]
    public void Unknown_keys_name_what_the_schema_has()
    {
        var operation = Assert.Throws<SchemaDescriptionException>(() => Description.Operation("Nope"));
        Assert.Contains("DetectFace, VideoSynthesis, query, cancel, list", operation.Message, StringComparison.Ordinal);
        var model = Assert.Throws<SchemaDescriptionException>(() => Description.Model("Nope"));
        Assert.Contains("'Nope'", model.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_document_locates_pointers_and_holds_definitions_to_validate_against()
    {
        var document = TestSchemas.Read(TestSchemas.LivePortraitFile).Document!;
        var lines = document.Text.Split('\n');
        var location = document.Locate("/definitions/TaskStatus");
        Assert.Equal("\"TaskStatus\"", lines[location.Line].Substring(location.Column, location.Length));
        var value = document.LocateValue("/x-dashscope-service/baseUrl");
        Assert.Equal("\"https://dashscope.aliyuncs.com/api/v1\"", lines[value.Line].Substring(value.Column, value.Length));

        var request = document.Definition("VideoSynthesisRequest");
        Assert.Empty(request.Validate(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "VideoSynthesisRequest.reference.json"))));
        Assert.NotEmpty(request.Validate("{\"model\": \"liveportrait\"}"));
        var missing = Assert.Throws<SchemaDescriptionException>(() => document.Definition("Nope"));
        Assert.Contains("VideoSynthesisRequest", missing.Message, StringComparison.Ordinal);
    }
}
