using DashScope.Toolkit.Analyzer.Tests.Support;
using DashScope.Toolkit.CodeFixes;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;

namespace DashScope.Toolkit.Analyzer.Tests;

/// <summary>Each code fix, before and after.</summary>
public sealed class CodeFixTests
{
    [Theory]
    [InlineData("VideoFps = {|DSG009:60|}", "VideoFps = 30")]
    [InlineData("VideoFps = {|DSG009:-3|}", "VideoFps = 15")]
    [InlineData("EyeMoveFreq = {|DSG009:1.5|}", "EyeMoveFreq = 1")]
    [InlineData("MouthMoveStrength = {|DSG009:2|}", "MouthMoveStrength = 1.5")]
    [InlineData("HeadMoveStrength = {|DSG009:-0.25|} /* why */", "HeadMoveStrength = 0 /* why */")]
    public Task A_number_out_of_range_is_clamped_to_the_nearest_bound(string before, string after) =>
        Fix<ClampToBoundCodeFix>(
            Consumer.Statements("var p = new VideoSynthesisParameters { " + before + " };"),
            Consumer.Statements("var p = new VideoSynthesisParameters { " + after + " };"));

    [Fact]
    public Task An_exclusive_integer_bound_clamps_to_the_next_integer_inside() =>
        Fix<ClampToBoundCodeFix>(RulesSource("Retries = {|DSG009:0|}"), RulesSource("Retries = 1"), TestSchemas.Rules);

    [Fact]
    public Task An_exclusive_bound_of_a_real_number_has_no_nearest_value_so_no_fix_is_offered() =>
        Fix<ClampToBoundCodeFix>(RulesSource("Ratio = {|DSG009:1.0|}"), RulesSource("Ratio = {|DSG009:1.0|}"), TestSchemas.Rules);

    [Theory]
    [InlineData(0, "calm")]
    [InlineData(1, "normal")]
    [InlineData(2, "active")]
    public Task Each_known_value_is_its_own_fix_closest_first(int index, string value) =>
        Fix<KnownValueCodeFix>(
            Consumer.Statements("var p = new VideoSynthesisParameters { TemplateId = new({|DSG011:\"clam\"|}) };"),
            Consumer.Statements("var p = new VideoSynthesisParameters { " + DefaultMarkup(value, "TemplateId = new(\"" + value + "\")") + " };"),
            index: index);

    [Theory]
    [InlineData(0, "active")]
    [InlineData(1, "calm")]
    [InlineData(2, "normal")]
    public Task The_order_follows_the_edit_distance_to_the_written_text(int index, string value) =>
        Fix<KnownValueCodeFix>(
            Consumer.Statements("var p = new VideoSynthesisParameters { TemplateId = (TemplateId){|DSG011:\"actve\"|} };"),
            Consumer.Statements("var p = new VideoSynthesisParameters { " + DefaultMarkup(value, "TemplateId = (TemplateId)\"" + value + "\"") + " };"),
            index: index);

    [Fact]
    public Task A_wrong_model_becomes_the_only_allowed_one() =>
        Fix<KnownValueCodeFix>(
            Consumer.Statements("var r = new FaceDetectRequest { Model = {|DSG010:\"liveportrait-detec\"|}, Input = new FaceDetectInput { ImageUrl = \"https://example.com/p.png\" } };"),
            Consumer.Statements("var r = new FaceDetectRequest { Model = \"liveportrait-detect\", Input = new FaceDetectInput { ImageUrl = \"https://example.com/p.png\" } };"));

    [Fact]
    public Task An_assignment_of_the_default_is_removed_from_a_one_line_initializer() =>
        Fix<RemoveDefaultValueCodeFix>(
            Consumer.Statements("var p = new VideoSynthesisParameters { TemplateId = TemplateId.Calm, {|DSG017:VideoFps = 24|} };"),
            Consumer.Statements("var p = new VideoSynthesisParameters { TemplateId = TemplateId.Calm };"));

    [Fact]
    public Task An_assignment_of_the_default_in_the_middle_takes_its_comma_along() =>
        Fix<RemoveDefaultValueCodeFix>(
            Consumer.Statements("var p = new VideoSynthesisParameters { VideoFps = 25, {|DSG017:HeadMoveStrength = 0.7|}, PasteBack = false };"),
            Consumer.Statements("var p = new VideoSynthesisParameters { VideoFps = 25, PasteBack = false };"));

    [Fact]
    public Task The_last_assignment_of_a_multi_line_initializer_keeps_the_closing_brace_on_its_line() =>
        Fix<RemoveDefaultValueCodeFix>(
            Consumer.Statements("""
                var p = new VideoSynthesisParameters
                        {
                            VideoFps = 25,
                            {|DSG017:PasteBack = true|}
                        };
                """),
            Consumer.Statements("""
                var p = new VideoSynthesisParameters
                        {
                            VideoFps = 25
                        };
                """));

    [Fact]
    public Task An_assignment_of_the_default_is_removed_from_a_multi_line_initializer() =>
        Fix<RemoveDefaultValueCodeFix>(
            Consumer.Statements("""
                var p = new VideoSynthesisParameters
                        {
                            {|DSG017:PasteBack = true|},
                            VideoFps = 25,
                        };
                """),
            Consumer.Statements("""
                var p = new VideoSynthesisParameters
                        {
                            VideoFps = 25,
                        };
                """));

    private static Task Fix<TCodeFix>(string before, string after, string schema = TestSchemas.LivePortrait, int index = 0)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new RequestTest<TCodeFix>(before, schema) { FixedCode = after, CodeActionIndex = index };
        return test.RunAsync();
    }

    /// <summary>The fixed code expects DSG017 where the chosen value is the schema's default ("normal").</summary>
    private static string DefaultMarkup(string value, string assignment) => value == "normal" ? "{|DSG017:" + assignment + "|}" : assignment;

    private static string RulesSource(string assignment) => $$"""
        using Sample.Rules;

        internal static class Program
        {
            internal static object Run() => new CheckInput { Name = "valid", Tags = ["a"], {{assignment}} };
        }
        """;
}
