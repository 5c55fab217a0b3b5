using Xunit;

namespace DashScope.Toolkit.Description.Tests;

/// <summary><c>x-dashscope-answer</c>: where an emulated answer takes a value its type cannot give, read typed and checked against the property.</summary>
public sealed class AnswerSourceTests
{
    private const string SchemaPath = "/schemas/liveportrait.schema.json";
    private static readonly string Original = TestSchemas.Text(TestSchemas.LivePortraitFile);

    [Fact]
    public void The_shipped_schema_says_where_its_results_and_usage_come_from()
    {
        var description = TestSchemas.Describe(TestSchemas.LivePortraitFile);

        Assert.Equal(new AnswerSource(AnswerSourceKind.ResultUrl, null, null), Answer(description, "VideoSynthesisResults", "video_url"));
        Assert.Equal(new AnswerSource(AnswerSourceKind.InputDuration, "input.audio_url", null), Answer(description, "VideoSynthesisUsage", "video_duration"));
        Assert.Equal(new AnswerSource(AnswerSourceKind.Value, null, "standard"), Answer(description, "VideoSynthesisUsage", "video_ratio"));
        Assert.Equal(new AnswerSource(AnswerSourceKind.FaceDetected, "input.image_url", null), Answer(description, "FaceDetectOutput", "pass"));
        Assert.Equal("face-message:input.image_url", Answer(description, "FaceDetectOutput", "message")!.ToString());
        Assert.Null(Answer(description, "VideoSynthesisTaskOutput", "task_id"));
    }

    [Fact]
    public void The_two_task_schema_gives_its_second_task_kind_its_own_sources()
    {
        var description = TestSchemas.Describe(TestSchemas.TwoTasksFile);

        Assert.Equal(AnswerSourceKind.ResultUrl, Answer(description, "LipSyncResults", "video_url")!.Kind);
        Assert.Equal("input.audio_url", Answer(description, "LipSyncUsage", "video_duration")!.RequestPath);
        Assert.Null(Answer(description, "LipSyncUsage", "frame_count"));
    }

    [Fact]
    public void The_keyword_changes_equality_like_any_other_fact()
    {
        var edited = TestSchemas.Edit(Original, root => root["definitions"]!["VideoSynthesisUsage"]!["properties"]!["video_ratio"]!["x-dashscope-answer"] = "value:wide");

        Assert.NotEqual(TestSchemas.Describe(TestSchemas.LivePortraitFile), EndpointDescriptionReader.Read(SchemaPath, edited).GetDescriptionOrThrow());
    }

    [Theory]
    [InlineData("VideoSynthesisUsage", "video_ratio", "the-moon")]
    [InlineData("VideoSynthesisUsage", "video_ratio", "input-duration:")]
    [InlineData("VideoSynthesisUsage", "video_ratio", "face-detected:input..image_url")]
    [InlineData("VideoSynthesisUsage", "video_duration", "result-url")]
    [InlineData("VideoSynthesisUsage", "video_duration", "value:many")]
    [InlineData("FaceDetectOutput", "pass", "value:yes")]
    [InlineData("FaceDetectUsage", "image_count", "value:1.5")]
    public void A_malformed_or_ill_fitting_keyword_is_DSG004_at_its_place(string definition, string property, string keyword)
    {
        var text = TestSchemas.Edit(Original, root => root["definitions"]![definition]!["properties"]![property]!["x-dashscope-answer"] = keyword);
        var result = EndpointDescriptionReader.Read(SchemaPath, text);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("DSG004", $"{definition}.{property}"), (diagnostic.Code, Label(diagnostic.Message, definition)));
        Assert.Contains("x-dashscope-answer", text.Split('\n')[diagnostic.Location.Line], StringComparison.Ordinal);
    }

    private static AnswerSource? Answer(EndpointDescription description, string model, string property) =>
        description.Model(model).Property(property)!.Answer;

    private static string Label(string message, string definition)
    {
        var start = message.IndexOf("'" + definition + ".", StringComparison.Ordinal) + 1;
        return message[start..message.IndexOf('\'', start)];
    }
}
