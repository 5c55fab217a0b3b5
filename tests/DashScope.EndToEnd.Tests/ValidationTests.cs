using System.Net;
using System.Text;
using System.Text.Json;
using DashScope.EndToEnd.Tests.Support;
using DashScope.LivePortrait;
using DashScope.Toolkit;

namespace DashScope.EndToEnd.Tests;

/// <summary>
/// Requests the generated client would never send (it validates first) go out raw, and the emulator
/// answers each in DashScope's flat envelope with the service's status, code and message; the client's
/// own validation stops a bad request before anything reaches the wire.
/// </summary>
public sealed class ValidationTests(EndToEndFixture fixture) : IClassFixture<EndToEndFixture>
{
    private const string Synthesis = "services/aigc/image2video/video-synthesis/";
    private const string Missing = "Required parameter(s) missing or invalid, please check the request parameters.";
    private const string Invalid = "The request parameter is invalid.";

    public static TheoryData<string, string, string> BadSubmitBodies => new()
    {
        { "{\"model\":\"liveportrait\",", LivePortraitErrorCodes.InvalidParameter, Missing },
        { "", LivePortraitErrorCodes.InvalidParameter, Missing },
        { "[1,2]", LivePortraitErrorCodes.InvalidParameter, Invalid },
        { """{"input":{"image_url":"http://127.0.0.1/a.png","audio_url":"http://127.0.0.1/a.wav"}}""", LivePortraitErrorCodes.BadRequestEmptyModel, "Required parameter \"model\" missing from request." },
        { """{"model":"liveportrait"}""", LivePortraitErrorCodes.BadRequestEmptyInput, "Required input parameter missing from request." },
        { """{"model":"liveportrait","input":{"image_url":"ftp://127.0.0.1/a.png","audio_url":"http://127.0.0.1/a.wav"}}""", LivePortraitErrorCodes.InvalidURL, "Invalid URL provided in your request." },
        { """{"model":"liveportrait","input":{"image_url":"http://127.0.0.1/a.png"}}""", LivePortraitErrorCodes.InvalidURL, "Invalid URL provided in your request." },
        { """{"model":"liveportrait","input":"portrait.png"}""", LivePortraitErrorCodes.InvalidParameter, Invalid },
        { """{"model":"liveportrait","input":{"image_url":"http://127.0.0.1/a.png","audio_url":"http://127.0.0.1/a.wav"},"parameters":{"video_fps":"thirty"}}""", LivePortraitErrorCodes.InvalidParameter, Invalid },
        { """{"model":"liveportrait","input":{"image_url":"http://127.0.0.1/a.png","audio_url":"http://127.0.0.1/a.wav"},"parameters":{"video_fps":31}}""", LivePortraitErrorCodes.InvalidParamterOutOfDefinition, "The type or value of parameters.video_fps is out of definition." },
        { """{"model":"liveportrait","input":{"image_url":"http://127.0.0.1/a.png","audio_url":"http://127.0.0.1/a.wav"},"parameters":{"mouth_move_strength":1.51}}""", LivePortraitErrorCodes.InvalidParamterOutOfDefinition, "The type or value of parameters.mouth_move_strength is out of definition." },
        { """{"model":"liveportrait","input":{"image_url":"http://127.0.0.1/a.png","audio_url":"http://127.0.0.1/a.wav"},"parameters":{"template_id":"dramatic"}}""", LivePortraitErrorCodes.InvalidParamterOutOfDefinition, "The type or value of parameters.template_id is out of definition." },
        { """{"model":"emo-v1","input":{"image_url":"http://127.0.0.1/a.png","audio_url":"http://127.0.0.1/a.wav"}}""", LivePortraitErrorCodes.InvalidParameter, "Model not exist." },
    };

    [Theory]
    [MemberData(nameof(BadSubmitBodies))]
    public async Task A_bad_submit_body_is_a_400_in_DashScopes_envelope_and_creates_no_task(string body, string code, string message)
    {
        using var h = new Harness(fixture);
        using var request = new HttpRequestMessage(HttpMethod.Post, Synthesis) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-DashScope-Async", "enable");

        using var response = await h.Raw(h.ApiKey).SendAsync(request);

        await AssertEnvelope(response, HttpStatusCode.BadRequest, code, message);
        Assert.Empty(h.Emulator.GetTasks(h.AccountId));
    }

    [Fact]
    public async Task A_wrong_content_type_is_a_400_invalid_parameter()
    {
        using var h = new Harness(fixture);
        using var request = new HttpRequestMessage(HttpMethod.Post, Synthesis)
        {
            Content = new StringContent("""{"model":"liveportrait","input":{"image_url":"http://127.0.0.1/a.png","audio_url":"http://127.0.0.1/a.wav"}}""", Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("X-DashScope-Async", "enable");

        using var response = await h.Raw(h.ApiKey).SendAsync(request);

        await AssertEnvelope(response, HttpStatusCode.BadRequest, LivePortraitErrorCodes.InvalidParameter, Invalid);
    }

    [Fact]
    public async Task Header_faults_answer_401_and_403_with_the_services_messages()
    {
        using var h = new Harness(fixture);
        const string body = """{"model":"liveportrait","input":{"image_url":"http://127.0.0.1/a.png","audio_url":"http://127.0.0.1/a.wav"}}""";

        using (var noKey = await h.Raw(null).SendAsync(Submit(body, async: true)))
        {
            await AssertEnvelope(noKey, HttpStatusCode.Unauthorized, LivePortraitErrorCodes.InvalidApiKey, "No API-key provided.");
        }

        using (var badKey = await h.Raw("sk-not-registered").SendAsync(Submit(body, async: true)))
        {
            await AssertEnvelope(badKey, HttpStatusCode.Unauthorized, LivePortraitErrorCodes.InvalidApiKey, "Invalid API-key provided.");
        }

        using (var noAsync = await h.Raw(h.ApiKey).SendAsync(Submit(body, async: false)))
        {
            await AssertEnvelope(noAsync, HttpStatusCode.Forbidden, LivePortraitErrorCodes.AccessDenied, "current user api does not support synchronous calls");
        }

        using var detect = new HttpRequestMessage(HttpMethod.Post, "services/aigc/image2video/face-detect")
        {
            Content = new StringContent($$$"""{"model":"liveportrait-detect","input":{"image_url":"{{{h.Portrait}}}"}}""", Encoding.UTF8, "application/json"),
        };
        detect.Headers.Add("X-DashScope-Async", "enable");
        using var asyncDetect = await h.Raw(h.ApiKey).SendAsync(detect);
        await AssertEnvelope(asyncDetect, HttpStatusCode.Forbidden, LivePortraitErrorCodes.AccessDenied, "current user api does not support asynchronous calls");
    }

    [Fact]
    public async Task Unknown_paths_and_methods_answer_in_the_envelope_too()
    {
        using var h = new Harness(fixture);

        using var unknownPath = await h.Raw(h.ApiKey).GetAsync("services/aigc/image2video/no-such-thing");
        using var wrongMethod = await h.Raw(h.ApiKey).DeleteAsync("tasks/" + Guid.NewGuid());

        await AssertEnvelope(unknownPath, HttpStatusCode.NotFound, LivePortraitErrorCodes.InvalidURL, null);
        await AssertEnvelope(wrongMethod, HttpStatusCode.MethodNotAllowed, LivePortraitErrorCodes.InvalidURL, null);
    }

    [Fact]
    public async Task The_generated_client_refuses_a_request_that_breaks_the_schema_before_sending_it()
    {
        using var h = new Harness(fixture);
        var client = h.Client();

        // Parsed at run time: written as constants, the request analyzer would stop the build (DSG009).
        var tooFast = int.Parse("31", System.Globalization.CultureInfo.InvariantCulture);
        var belowZero = double.Parse("-0.1", System.Globalization.CultureInfo.InvariantCulture);
        var error = await Assert.ThrowsAsync<DashScopeValidationException>(() => client.SubmitAsync(
            Harness.Request(h.Portrait, h.SpeechWav, new VideoSynthesisParameters { VideoFps = tooFast, EyeMoveFreq = belowZero })));

        Assert.Contains(error.Errors, e => e.Field == "parameters.video_fps" && e.Rule == "maximum");
        Assert.Contains(error.Errors, e => e.Field == "parameters.eye_move_freq" && e.Rule == "minimum");
        Assert.Empty(h.Journal());

        // The same values at the inclusive bounds are sent, and the emulator accepts them.
        var ok = await client.SubmitAsync(Harness.Request(h.Portrait, h.SpeechWav, new VideoSynthesisParameters
        {
            VideoFps = 30, EyeMoveFreq = 0, MouthMoveStrength = 1.5, HeadMoveStrength = 1, TemplateId = TemplateId.Calm, PasteBack = true,
        }));
        Assert.Equal("PENDING", ok.Output.TaskStatus.Value);
    }

    private static HttpRequestMessage Submit(string body, bool async)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Synthesis) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (async)
        {
            request.Headers.Add("X-DashScope-Async", "enable");
        }

        return request;
    }

    private static async Task AssertEnvelope(HttpResponseMessage response, HttpStatusCode status, string code, string? message)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;

        // Flat: exactly code, message and request_id, all strings.
        Assert.Equal(["code", "message", "request_id"], root.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(code, root.GetProperty("code").GetString());
        if (message is not null)
        {
            Assert.Equal(message, root.GetProperty("message").GetString());
        }

        Assert.True(Guid.TryParse(root.GetProperty("request_id").GetString(), out _), $"request_id is not a UUID: {text}");
    }
}
