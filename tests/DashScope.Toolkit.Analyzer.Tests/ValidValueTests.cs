using DashScope.Toolkit.Analyzer.Tests.Support;
using Xunit;

namespace DashScope.Toolkit.Analyzer.Tests;

/// <summary>No false positives: valid constants (bounds of inclusive ranges included) and values that are not constants are never reported.</summary>
public sealed class ValidValueTests
{
    [Theory]
    [InlineData("new VideoSynthesisParameters { VideoFps = 15 }")]
    [InlineData("new VideoSynthesisParameters { VideoFps = 30 }")]
    [InlineData("new VideoSynthesisParameters { VideoFps = 25, EyeMoveFreq = 0, MouthMoveStrength = 0, HeadMoveStrength = 0 }")]
    [InlineData("new VideoSynthesisParameters { EyeMoveFreq = 1, MouthMoveStrength = 1.5, HeadMoveStrength = 1 }")]
    [InlineData("new VideoSynthesisParameters { EyeMoveFreq = 1.0f, MouthMoveStrength = 3 / 2.0, HeadMoveStrength = 1e-3 }")]
    [InlineData("new VideoSynthesisParameters { TemplateId = new(\"calm\") }")]
    [InlineData("new VideoSynthesisParameters { TemplateId = new TemplateId(\"active\") }")]
    [InlineData("new VideoSynthesisParameters { TemplateId = (TemplateId)\"calm\" }")]
    [InlineData("new VideoSynthesisParameters { TemplateId = TemplateId.Active }")]
    [InlineData("new VideoSynthesisParameters { VideoFps = null, TemplateId = null, PasteBack = false }")]
    [InlineData("new VideoSynthesisInput { ImageUrl = \"https://example.com/p.png\", AudioUrl = \"HTTP://EXAMPLE.COM/A.MP3\" }")]
    [InlineData("new FaceDetectRequest { Model = \"liveportrait-detect\", Input = new FaceDetectInput { ImageUrl = \"http://example.com/p.png\" } }")]
    [InlineData("new TaskListQuery { PageSize = 1, PageNo = 2 }")]
    [InlineData("new TaskListQuery { PageSize = 100 }")]
    [InlineData("new VideoSynthesisParameters() with { VideoFps = 24, PasteBack = true }")]
    public Task A_valid_constant_is_not_reported(string expression) =>
        Verify.LivePortrait(Consumer.Statements("var value = " + expression + ";"));

    [Theory]
    [InlineData("new VideoSynthesisParameters { VideoFps = args.Length }")]
    [InlineData("new VideoSynthesisParameters { VideoFps = int.Parse(args[0]), EyeMoveFreq = double.Parse(args[1]) }")]
    [InlineData("new VideoSynthesisParameters { TemplateId = new(args[0]) }")]
    [InlineData("new VideoSynthesisParameters { TemplateId = (TemplateId)args[0] }")]
    [InlineData("new VideoSynthesisParameters { VideoFps = args.Length > 0 ? 60 : 10 }")]
    [InlineData("new VideoSynthesisInput { ImageUrl = args[0], AudioUrl = \"file:///\" + args[1] }")]
    [InlineData("new VideoSynthesisRequest { Input = args.Length > 0 ? null! : null! }")]
    [InlineData("new VideoSynthesisRequest { Model = args[0], Input = null! as VideoSynthesisInput ?? new VideoSynthesisInput { ImageUrl = args[0], AudioUrl = args[1] } }")]
    public Task A_value_that_is_not_a_constant_is_not_reported(string expression) =>
        Verify.LivePortrait(Consumer.Statements("var value = " + expression + ";"));

    [Fact]
    public Task A_type_of_the_same_shape_that_is_not_generated_is_not_checked() =>
        Verify.LivePortrait(Consumer.Statements(
            "var value = new Lookalike { VideoFps = 60, TemplateId = \"wild\" };",
            "    private sealed record Lookalike { public int? VideoFps { get; init; } public string? TemplateId { get; init; } }"));

    [Theory]
    [InlineData("Input() with { Ratio = 0.5, Retries = 5, Budget = 1000 }")]
    [InlineData("Input() with { Ratio = double.Epsilon, Retries = 1, Budget = long.MaxValue }")]
    [InlineData("Input() with { Name = \"abc\", Nickname = \"\", Code = \"ABC-12\" }")]
    [InlineData("Input() with { Name = \"abcdefgh\", Nickname = \"abcd\" }")]
    [InlineData("Input() with { Callback = \"urn:example:callback\" }")]
    [InlineData("Input() with { Callback = \"/rooted/path\" }")]
    [InlineData("Input() with { Tags = [\"a\", \"b\", \"c\"] }")]
    [InlineData("Input() with { Tags = args }")]
    [InlineData("Input() with { Tags = [.. args, .. args, .. args, .. args] }")]
    [InlineData("Input() with { Language = \"en\" }")]
    [InlineData("new CheckInput { Name = \"anon\", Tags = [\"a\"] }")]
    public Task A_valid_value_of_the_rules_schema_is_not_reported_nor_a_required_property_set_to_its_default(string expression) =>
        Verify.Analyzer($$"""
            using Sample.Rules;

            internal static class Program
            {
                private static CheckInput Input() => new() { Name = "valid", Tags = ["a"] };

                internal static object Run(string[] args) => {{expression}};
            }
            """, [TestSchemas.Rules]);
}
