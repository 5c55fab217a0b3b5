using DashScope.Toolkit.Analyzer.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace DashScope.Toolkit.Analyzer.Tests;

/// <summary>Each rule of the LivePortrait schema, reported at the constant that breaks it, with its message.</summary>
public sealed class RuleSpanTests
{
    [Fact]
    public Task An_integer_out_of_range_names_the_wire_name_the_range_and_the_value() =>
        Verify.LivePortrait(
            Consumer.Statements("var p = new VideoSynthesisParameters { VideoFps = {|#0:60|} };"),
            Verify.At(0, "DSG009", DiagnosticSeverity.Error, "video_fps must be between 15 and 30; 60 is out of range"));

    [Fact]
    public Task A_real_number_out_of_range_is_reported_at_its_literal() =>
        Verify.LivePortrait(
            Consumer.Statements("var p = new VideoSynthesisParameters { EyeMoveFreq = {|#0:1.5|}, MouthMoveStrength = {|#1:-0.5|} };"),
            Verify.At(0, "DSG009", DiagnosticSeverity.Error, "eye_move_freq must be between 0 and 1; 1.5 is out of range"),
            Verify.At(1, "DSG009", DiagnosticSeverity.Error, "mouth_move_strength must be between 0 and 1.5; -0.5 is out of range"));

    [Fact]
    public Task A_with_expression_is_checked_like_an_initializer() =>
        Verify.LivePortrait(Consumer.Statements("""
            var p = new VideoSynthesisParameters { VideoFps = 20 };
            var q = p with { VideoFps = {|DSG009:14|} };
            """));

    [Fact]
    public Task Constants_folded_through_const_fields_locals_and_expressions_are_reported_where_they_are_used() =>
        Verify.LivePortrait(Consumer.Statements(
            """
            const double Blink = 2;
            var p = new VideoSynthesisParameters { VideoFps = {|DSG009:Fps|}, EyeMoveFreq = {|DSG009:Blink|}, HeadMoveStrength = {|DSG009:Blink / 4 + 1|} };
            var q = new VideoSynthesisParameters { VideoFps = {|DSG009:Fps / 2 + 1|} };
            """,
            "    private const int Fps = 60;"));

    [Fact]
    public Task A_plain_assignment_in_a_partial_part_of_the_record_is_checked() =>
        Verify.LivePortrait("""
            namespace DashScope.LivePortrait;

            public sealed partial record VideoSynthesisParameters
            {
                public VideoSynthesisParameters() { }

                public VideoSynthesisParameters(bool fast)
                {
                    VideoFps = fast ? 30 : 15;
                    HeadMoveStrength = {|DSG009:3|};
                }
            }
            """);

    [Fact]
    public Task A_model_other_than_the_fixed_one_is_an_error_naming_the_allowed_value() =>
        Verify.LivePortrait(
            Consumer.Statements("""
                var input = new VideoSynthesisInput { ImageUrl = "https://example.com/p.png", AudioUrl = "https://example.com/a.mp3" };
                var r = new VideoSynthesisRequest { Model = {|#0:"liveportrait-v2"|}, Input = input };
                """),
            Verify.At(0, "DSG010", DiagnosticSeverity.Error, "model must be one of liveportrait; \"liveportrait-v2\" is not"));

    [Fact]
    public Task An_unknown_extensible_enum_value_is_a_warning_in_every_way_it_can_be_written() =>
        Verify.LivePortrait(
            Consumer.Statements("""
                var a = new VideoSynthesisParameters { TemplateId = new({|#0:"wild"|}) };
                var b = new VideoSynthesisParameters { TemplateId = new TemplateId({|DSG011:"wild"|}) };
                var c = new VideoSynthesisParameters { TemplateId = (TemplateId){|DSG011:"Calm"|} };
                var d = a with { TemplateId = new({|DSG011:Wild|}) };
                """,
                "    private const string Wild = \"wild\";"),
            Verify.At(0, "DSG011", DiagnosticSeverity.Warning, "template_id should be one of normal, calm, active; \"wild\" is not a known value"));

    [Fact]
    public Task A_url_of_another_scheme_breaks_the_pattern_and_one_that_is_not_absolute_breaks_format_uri_too() =>
        Verify.LivePortrait(
            Consumer.Statements("""
                var a = new VideoSynthesisInput { ImageUrl = {|#0:"file:///photo.png"|}, AudioUrl = "https://example.com/a.mp3" };
                var b = new FaceDetectInput { ImageUrl = {|#1:"example.com/a.png"|} };
                var c = new FaceDetectInput { ImageUrl = "oss://dashscope-instant/abc/me.png" };
                """),
            Verify.At(0, "DSG013", DiagnosticSeverity.Error, "image_url must match the pattern ^([Hh][Tt][Tt][Pp][Ss]?|oss)://[^\\s]+$; \"file:///photo.png\" does not"),
            Verify.At(1, "DSG013", DiagnosticSeverity.Error, "image_url must match the pattern ^([Hh][Tt][Tt][Pp][Ss]?|oss)://[^\\s]+$; \"example.com/a.png\" does not"),
            Verify.At(1, "DSG012", DiagnosticSeverity.Error, "image_url must be an absolute URI (format: uri); \"example.com/a.png\" is not"));

    [Fact]
    public Task A_required_property_set_to_null_is_reported_at_the_null() =>
        Verify.LivePortrait(
            Consumer.Statements("""
                var input = new VideoSynthesisInput { ImageUrl = {|#0:null|}!, AudioUrl = "https://example.com/a.mp3" };
                var r = new VideoSynthesisRequest { Input = input } with { Model = {|DSG015:null|}! };
                """),
            Verify.At(0, "DSG015", DiagnosticSeverity.Error, "image_url is required; null leaves it out of the request"));

    [Fact]
    public Task A_missing_required_property_is_left_to_the_compilers_CS9035_alone() =>
        Verify.LivePortrait(Consumer.Statements("""
            var input = new {|CS9035:VideoSynthesisInput|} { ImageUrl = "https://example.com/p.png" };
            """));

    [Fact]
    public Task The_list_query_is_a_request_too() =>
        Verify.LivePortrait(Consumer.Statements("var q = new TaskListQuery { PageSize = {|DSG009:0|} };"));

    [Fact]
    public Task Setting_the_default_in_a_new_object_is_an_info_at_the_assignment_but_not_in_a_with_expression() =>
        Verify.LivePortrait(
            Consumer.Statements("""
                var p = new VideoSynthesisParameters { {|#0:VideoFps = 24|}, {|DSG017:TemplateId = new("normal")|}, {|DSG017:PasteBack = true|}, {|DSG017:EyeMoveFreq = 0.5|}, MouthMoveStrength = 0.9 };
                var q = p with { VideoFps = 24, TemplateId = new("normal") };
                """),
            Verify.At(0, "DSG017", DiagnosticSeverity.Info, "video_fps is 24 when absent; setting it to 24 changes nothing"));
}
