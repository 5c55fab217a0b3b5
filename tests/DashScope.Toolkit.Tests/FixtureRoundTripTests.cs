using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using DashScope.LivePortrait;
using DashScope.Toolkit.Tests.Support;
using NJsonSchema;

namespace DashScope.Toolkit.Tests;

/// <summary>
/// The reference's documented examples (schema/examples, named Definition.case.json) validate against the
/// schema, read into the generated types, and write back to the same JSON.
/// </summary>
public class FixtureRoundTripTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Schemas", "liveportrait.schema.json")).GetAwaiter().GetResult());

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var name in Fixtures.All()) { data.Add(name); }
        return data;
    }

    [Fact]
    public void Every_documented_shape_has_an_example()
    {
        var names = Fixtures.All().ToList();
        foreach (var status in new[] { "pending", "running", "succeeded", "failed", "canceled", "unknown" })
        {
            Assert.Contains($"VideoSynthesisTask.{status}.json", names);
        }
        Assert.Contains("TaskSubmission.pending.json", names);
        Assert.Contains("FaceDetectResponse.no-face.json", names);
        Assert.Contains("TaskListResponse.reference.json", names);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_validates_against_its_definition(string name)
    {
        var definition = Schema.Value.Definitions[name.Split('.')[0]];
        var errors = definition.Validate(File.ReadAllText(Fixtures.PathOf(name)));
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    /// <summary>The examples of answers a generated type reads (the upload policy is read by the runtime instead).</summary>
    public static TheoryData<string> TypedExamples()
    {
        var data = new TheoryData<string>();
        foreach (var name in Fixtures.All().Where(n => Types.ContainsKey(n.Split('.')[0]))) { data.Add(name); }
        return data;
    }

    [Fact]
    public void The_policy_example_reads_into_an_upload_policy_with_every_field()
    {
        var json = File.ReadAllBytes(Fixtures.PathOf("UploadPolicyResponse.reference.json"));
        var protocol = LivePortraitClient.Service.Uploads!;

        var policy = DashScopeUploadPolicy.Read(json, protocol, "liveportrait", DateTimeOffset.UnixEpoch);

        Assert.Equal(Enum.GetValues<DashScopeUploadPolicyField>().Order(), policy.Values.Keys.Order());
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(300), policy.ExpiresAt);
        Assert.Equal(100L * 1024 * 1024, policy.MaxFileSizeBytes);
        Assert.StartsWith("dashscope-instant/", policy.UploadDir, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TypedExamples))]
    public void Example_round_trips_through_the_generated_type(string name)
    {
        var json = File.ReadAllText(Fixtures.PathOf(name));
        var typeInfo = TypeInfoFor(name.Split('.')[0]);

        var value = JsonSerializer.Deserialize(json, typeInfo);
        var written = JsonSerializer.Serialize(value, typeInfo);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(written)), $"{name} wrote back as {written}");
    }

    [Fact]
    public void Unknown_fields_survive_a_round_trip()
    {
        const string json = """{"request_id":"r","output":{"task_id":"t","task_status":"RUNNING","submit_time":"2025-12-26 11:33:03.146","future_field":{"a":[1,2]}},"extra":true}""";
        var value = JsonSerializer.Deserialize(json, LivePortraitJsonContext.Default.VideoSynthesisTask)!;

        Assert.True(value.AdditionalProperties!["extra"].GetBoolean());
        Assert.Equal(2, value.Output.AdditionalProperties!["future_field"].GetProperty("a").GetArrayLength());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(JsonSerializer.Serialize(value, LivePortraitJsonContext.Default.VideoSynthesisTask))));
    }

    [Fact]
    public void A_time_without_milliseconds_is_read()
    {
        var value = JsonSerializer.Deserialize("""{"request_id":"r","output":{"task_id":"t","task_status":"PENDING","submit_time":"2025-12-26 11:33:03"}}""", LivePortraitJsonContext.Default.VideoSynthesisTask)!;
        Assert.Equal(new DateTimeOffset(2025, 12, 26, 3, 33, 3, TimeSpan.Zero), value.Output.SubmitTime);
        Assert.Equal(LivePortraitJsonContext.ServiceTimeOffset, value.Output.SubmitTime!.Value.Offset);
    }

    [Fact]
    public void The_context_serves_every_generated_type_by_runtime_type()
    {
        Assert.NotNull(LivePortraitJsonContext.Default.GetTypeInfo(typeof(VideoSynthesisRequest)));
        Assert.NotNull(LivePortraitJsonContext.Default.GetTypeInfo(typeof(LivePortrait.LivePortraitTaskStatus)));
        Assert.Null(LivePortraitJsonContext.Default.GetTypeInfo(typeof(string)));
    }

    // Named types rather than a lookup by name: this project runs the trimming analyzers over the generated code.
    private static readonly Dictionary<string, Type> Types = new[]
    {
        typeof(VideoSynthesisRequest), typeof(TaskSubmission), typeof(VideoSynthesisTask), typeof(CancelTaskResponse), typeof(ErrorResponse),
        typeof(FaceDetectRequest), typeof(FaceDetectResponse), typeof(TaskListResponse),
    }.ToDictionary(t => t.Name);

    private static JsonTypeInfo TypeInfoFor(string definition) =>
        LivePortraitJsonContext.Default.GetTypeInfo(Types[definition]) ?? throw new InvalidOperationException("No metadata for " + definition);
}

/// <summary>The schema's per-status rules catch answers that drift from the documented shapes.</summary>
public class SchemaStatusRuleTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Schemas", "liveportrait.schema.json")).GetAwaiter().GetResult());

    [Theory]
    [InlineData("""{"request_id":"r","output":{"task_id":"t","task_status":"SUCCEEDED","submit_time":"2025-12-26 11:33:03.146","scheduled_time":"2025-12-26 11:33:13.312","end_time":"2025-12-26 11:33:22.455"},"usage":{"video_duration":1,"video_ratio":"standard"}}""", "results")]
    [InlineData("""{"request_id":"r","output":{"task_id":"t","task_status":"FAILED","message":"m"}}""", "code")]
    [InlineData("""{"request_id":"r","output":{"task_id":"t","task_status":"RUNNING","submit_time":"2025-12-26 11:33:03.146"}}""", "scheduled_time")]
    [InlineData("""{"request_id":"r","output":{"task_id":"t","task_status":"PENDING","submit_time":"2025-12-26T11:33:03Z"}}""", "submit_time")]
    [InlineData("""{"request_id":"r","output":{"task_id":"t","task_status":"RUNNING","submit_time":"2025-12-26 11:33:03.146","scheduled_time":"2025-12-26 11:33:13.312"},"usage":{"video_duration":1,"video_ratio":"standard"}}""", "NotOneOf")]
    public void A_task_answer_that_breaks_its_status_rules_is_invalid(string json, string field)
    {
        var errors = Schema.Value.Definitions["VideoSynthesisTask"].Validate(json);
        Assert.NotEmpty(errors);
        Assert.Contains(field, Flatten(errors), StringComparison.Ordinal);
    }

    private static string Flatten(IEnumerable<NJsonSchema.Validation.ValidationError> errors) =>
        string.Join(" ", errors.SelectMany(e => e is NJsonSchema.Validation.ChildSchemaValidationError child
            ? new[] { e.Path + " " + e.Property + " " + e.Kind }.Concat(child.Errors.SelectMany(c => c.Value).Select(c => c.Path + " " + c.Property + " " + c.Kind))
            : new[] { e.Path + " " + e.Property + " " + e.Kind }));
}
