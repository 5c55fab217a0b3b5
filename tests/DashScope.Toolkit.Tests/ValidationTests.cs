using DashScope.LivePortrait;
using DashScope.Toolkit.Tests.Support;

namespace DashScope.Toolkit.Tests;

/// <summary>Requests are checked against the schema before any HTTP call.</summary>
public class ValidationTests
{
    [Fact]
    public void A_valid_request_passes()
    {
        ClientHarness.ValidRequest().Validate();
    }

    [Theory]
    [InlineData(15)]
    [InlineData(30)]
    public void Frame_rate_bounds_are_inclusive(int fps)
    {
        var request = ClientHarness.ValidRequest() with { Parameters = new VideoSynthesisParameters { VideoFps = fps } };
        request.Validate();
    }

    [Theory]
    [InlineData(14, "minimum")]
    [InlineData(31, "maximum")]
    public void Frame_rate_out_of_range_names_field_rule_and_value(int fps, string rule)
    {
        var request = ClientHarness.ValidRequest() with { Parameters = new VideoSynthesisParameters { VideoFps = fps } };
        var error = Assert.Throws<DashScopeValidationException>(request.Validate);
        Assert.Equal("parameters.video_fps", error.Field);
        Assert.Equal(rule, error.Rule);
        Assert.Equal(fps.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Value);
        Assert.Contains("parameters.video_fps", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_broken_rule_is_reported_not_only_the_first()
    {
        var request = ClientHarness.ValidRequest() with
        {
            Parameters = new VideoSynthesisParameters { EyeMoveFreq = RunTimeValue.Of(1.01), MouthMoveStrength = RunTimeValue.Of(-0.1), HeadMoveStrength = RunTimeValue.Of(2.0) },
        };
        var error = Assert.Throws<DashScopeValidationException>(request.Validate);
        Assert.Equal(
            new[] { "parameters.eye_move_freq", "parameters.mouth_move_strength", "parameters.head_move_strength" },
            error.Errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    public void Mouth_strength_accepts_its_inclusive_bounds(double strength)
    {
        (ClientHarness.ValidRequest() with { Parameters = new VideoSynthesisParameters { MouthMoveStrength = strength } }).Validate();
    }

    [Fact]
    public void Unknown_template_is_rejected_with_the_allowed_values()
    {
        var request = ClientHarness.ValidRequest() with { Parameters = new VideoSynthesisParameters { TemplateId = new TemplateId(RunTimeValue.Of("wild")) } };
        var error = Assert.Throws<DashScopeValidationException>(request.Validate);
        Assert.Equal("parameters.template_id", error.Field);
        Assert.Equal("enum", error.Rule);
        Assert.Equal("wild", error.Value);
        Assert.Contains("normal, calm, active", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://example.com/a.png")]
    [InlineData("file:///etc/passwd")]
    [InlineData("example.com/a.png")]
    [InlineData("https://")]
    public void A_non_http_image_url_is_rejected(string url)
    {
        var request = ClientHarness.ValidRequest() with { Input = new VideoSynthesisInput { ImageUrl = url, AudioUrl = "https://example.com/a.mp3" } };
        var error = Assert.Throws<DashScopeValidationException>(request.Validate);
        Assert.Equal("input.image_url", error.Field);
        Assert.Equal(url, error.Value);
    }

    [Fact]
    public void A_missing_required_object_is_reported_as_required()
    {
        var request = ClientHarness.ValidRequest() with { Input = RunTimeValue.Of<VideoSynthesisInput?>(null)! };
        var error = Assert.Throws<DashScopeValidationException>(request.Validate);
        Assert.Equal("input", error.Field);
        Assert.Equal("required", error.Rule);
        Assert.Null(error.Value);
    }

    [Fact]
    public void The_model_defaults_to_the_only_allowed_value_and_a_wrong_one_is_rejected()
    {
        Assert.Equal("liveportrait", ClientHarness.ValidRequest().Model);
        var error = Assert.Throws<DashScopeValidationException>((ClientHarness.ValidRequest() with { Model = RunTimeValue.Of("emo-v1") }).Validate);
        Assert.Equal(("model", "enum"), (error.Field, error.Rule));
    }

    [Fact]
    public async Task An_invalid_request_is_never_sent()
    {
        var harness = new ClientHarness();
        harness.Handler.ThenOk(Answers.Submitted());
        var request = ClientHarness.ValidRequest() with { Parameters = new VideoSynthesisParameters { VideoFps = RunTimeValue.Of(60) } };

        await Assert.ThrowsAsync<DashScopeValidationException>(() => harness.Client.SubmitAsync(request));
        await Assert.ThrowsAsync<DashScopeValidationException>(() => harness.Client.GenerateAsync(request));
        await Assert.ThrowsAsync<DashScopeValidationException>(() => harness.Client.DetectFaceAsync(new FaceDetectRequest { Input = new FaceDetectInput { ImageUrl = RunTimeValue.Of("not a url") } }));

        Assert.Empty(harness.Handler.Requests);
    }

    [Fact]
    public void List_query_page_size_is_bounded()
    {
        var error = Assert.Throws<DashScopeValidationException>(new TaskListQuery { PageSize = RunTimeValue.Of(0) }.Validate);
        Assert.Equal(("page_size", "minimum", "0"), (error.Field, error.Rule, error.Value));
    }
}
