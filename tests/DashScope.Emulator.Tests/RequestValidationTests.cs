using DashScope.Emulator.Media;
using DashScope.Emulator.Tests.Support;
using DashScope.Emulator.Xunit;

namespace DashScope.Emulator.Tests;

/// <summary>Every bad request answers DashScope's status, code and message, never a 500.</summary>
public sealed class RequestValidationTests : IClassFixture<RequestValidationTests.NoLimitsFixture>
{
    private const string MissingParameter = "Required parameter(s) missing or invalid, please check the request parameters.";
    private const string InvalidParameter = "The request parameter is invalid.";
    private readonly LivePortraitEmulator _emulator;

    public RequestValidationTests(NoLimitsFixture fixture)
    {
        _emulator = fixture.Emulator;
        _emulator.Reset();
    }

    [Fact]
    public async Task MissingAuthorizationIs401WithNoKeyMessage()
    {
        using var client = Api.Client(_emulator, apiKey: "");
        var result = await Api.SubmitAsync(client, Api.SampleSynthesisBody(_emulator));
        AssertError(result, 401, "InvalidApiKey", "No API-key provided.");
    }

    [Theory]
    [InlineData("Basic c2stZW11bGF0b3ItZGVtbw==")]
    [InlineData("Bearer")]
    [InlineData("Bearer sk-not-registered")]
    public async Task BadAuthorizationIs401WithInvalidKeyMessage(string authorization)
    {
        using var client = Api.Client(_emulator, apiKey: "");
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        var result = await Api.SubmitAsync(client, Api.SampleSynthesisBody(_emulator));
        AssertError(result, 401, "InvalidApiKey", "Invalid API-key provided.");
    }

    [Fact]
    public async Task SynthesisWithoutAsyncHeaderIs403()
    {
        using var client = Api.Client(_emulator);
        var result = await Api.SubmitAsync(client, Api.SampleSynthesisBody(_emulator), asyncHeader: false);
        AssertError(result, 403, "AccessDenied", "current user api does not support synchronous calls");
    }

    [Fact]
    public async Task FaceDetectWithAsyncHeaderIs403()
    {
        using var client = Api.Client(_emulator);
        var result = await Api.DetectAsync(client, _emulator.SampleUrl(SampleMediaFile.Portrait), asyncHeader: true);
        AssertError(result, 403, "AccessDenied", "current user api does not support asynchronous calls");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task WrongContentTypeIs400(string contentType)
    {
        using var client = Api.Client(_emulator);
        var result = await Api.SubmitAsync(client, Api.SampleSynthesisBody(_emulator), contentType: contentType);
        AssertError(result, 400, "InvalidParameter", InvalidParameter);
    }

    [Theory]
    [InlineData("", "InvalidParameter", MissingParameter)]
    [InlineData("{\"model\":\"liveportrait\",", "InvalidParameter", MissingParameter)]
    [InlineData("not json at all", "InvalidParameter", MissingParameter)]
    [InlineData("[1,2,3]", "InvalidParameter", InvalidParameter)]
    [InlineData("{\"input\":{\"image_url\":\"http://127.0.0.1/a.png\",\"audio_url\":\"http://127.0.0.1/a.wav\"}}", "BadRequest.EmptyModel", "Required parameter \"model\" missing from request.")]
    [InlineData("{\"model\":\"\",\"input\":{}}", "BadRequest.EmptyModel", "Required parameter \"model\" missing from request.")]
    [InlineData("{\"model\":\"liveportrait\"}", "BadRequest.EmptyInput", "Required input parameter missing from request.")]
    [InlineData("{\"model\":\"liveportrait\",\"input\":null}", "BadRequest.EmptyInput", "Required input parameter missing from request.")]
    [InlineData("{\"model\":\"liveportrait\",\"input\":{\"audio_url\":\"http://127.0.0.1/a.wav\"}}", "InvalidURL", "Invalid URL provided in your request.")]
    [InlineData("{\"model\":\"liveportrait\",\"input\":{\"image_url\":\"http://127.0.0.1/a.png\"}}", "InvalidURL", "Invalid URL provided in your request.")]
    [InlineData("{\"model\":\"liveportrait\",\"input\":{\"image_url\":\"ftp://127.0.0.1/a.png\",\"audio_url\":\"http://127.0.0.1/a.wav\"}}", "InvalidURL", "Invalid URL provided in your request.")]
    // A temporary-storage URL passes the URL rules; without the resolve header it is refused (see StoredFileResolutionTests).
    [InlineData("{\"model\":\"liveportrait\",\"input\":{\"image_url\":\"oss://bucket/a.png\",\"audio_url\":\"http://127.0.0.1/a.wav\"}}", "InvalidParameter.DataInspection", "The media format is not supported or incorrect for the data inspection.")]
    [InlineData("{\"model\":\"liveportrait\",\"input\":{\"image_url\":\"s3://bucket/a.png\",\"audio_url\":\"http://127.0.0.1/a.wav\"}}", "InvalidURL", "Invalid URL provided in your request.")]
    [InlineData("{\"model\":\"liveportrait\",\"input\":{\"image_url\":\"a portrait\",\"audio_url\":\"http://127.0.0.1/a.wav\"}}", "InvalidURL", "Invalid URL provided in your request.")]
    [InlineData("{\"model\":\"liveportrait\",\"input\":{\"image_url\":42,\"audio_url\":\"http://127.0.0.1/a.wav\"}}", "InvalidURL", "Invalid URL provided in your request.")]
    [InlineData("{\"model\":\"liveportrait\",\"input\":\"http://127.0.0.1/a.png\"}", "InvalidParameter", InvalidParameter)]
    [InlineData("{\"model\":7,\"input\":{\"image_url\":\"http://127.0.0.1/a.png\",\"audio_url\":\"http://127.0.0.1/a.wav\"}}", "InvalidParameter", InvalidParameter)]
    public async Task MalformedOrIncompleteBodiesAnswerTheProvidersCodes(string body, string code, string message)
    {
        using var client = Api.Client(_emulator);
        var result = await Api.SubmitAsync(client, body);
        AssertError(result, 400, code, message);
    }

    [Theory]
    [InlineData("{\"video_fps\":\"30\"}")]
    [InlineData("{\"video_fps\":24.5}")]
    [InlineData("{\"paste_back\":\"yes\"}")]
    [InlineData("{\"eye_move_freq\":\"high\"}")]
    [InlineData("[]")]
    public async Task WrongTypesAreInvalidParameter(string parameters)
    {
        using var client = Api.Client(_emulator);
        var result = await Api.SubmitAsync(client, Api.SampleSynthesisBody(_emulator, parameters: parameters));
        AssertError(result, 400, "InvalidParameter", InvalidParameter);
    }

    [Theory]
    [InlineData("{\"video_fps\":31}", "parameters.video_fps")]
    [InlineData("{\"video_fps\":14}", "parameters.video_fps")]
    [InlineData("{\"eye_move_freq\":-0.01}", "parameters.eye_move_freq")]
    [InlineData("{\"eye_move_freq\":1.01}", "parameters.eye_move_freq")]
    [InlineData("{\"mouth_move_strength\":1.51}", "parameters.mouth_move_strength")]
    [InlineData("{\"head_move_strength\":1.2}", "parameters.head_move_strength")]
    [InlineData("{\"template_id\":\"wild\"}", "parameters.template_id")]
    public async Task OutOfRangeAndUnknownEnumNameTheParameter(string parameters, string parameter)
    {
        using var client = Api.Client(_emulator);
        var result = await Api.SubmitAsync(client, Api.SampleSynthesisBody(_emulator, parameters: parameters));
        AssertError(result, 400, "InvalidParamter.OutOfDefinition", $"The type or value of {parameter} is out of definition.");
    }

    [Theory]
    [InlineData("{\"video_fps\":15,\"eye_move_freq\":0,\"mouth_move_strength\":0,\"head_move_strength\":0}")]
    [InlineData("{\"video_fps\":30,\"eye_move_freq\":1,\"mouth_move_strength\":1.5,\"head_move_strength\":1,\"template_id\":\"active\",\"paste_back\":false}")]
    [InlineData("{\"template_id\":\"calm\",\"video_fps\":null}")]
    public async Task BoundsAreInclusive(string parameters)
    {
        using var client = Api.Client(_emulator);
        var result = await Api.SubmitAsync(client, Api.SampleSynthesisBody(_emulator, parameters: parameters));
        Assert.True(result.Status == 200, result.Text);
        Assert.Equal("PENDING", result.TaskStatus);
    }

    [Fact]
    public async Task UnknownModelIs400InvalidParameterByDefault()
    {
        using var client = Api.Client(_emulator);
        var body = Api.SynthesisBody(_emulator.SampleUrl(SampleMediaFile.Portrait), _emulator.SampleUrl(SampleMediaFile.SpeechWav), model: "liveportrait-pro");
        var result = await Api.SubmitAsync(client, body);
        AssertError(result, 400, "InvalidParameter", "Model not exist.");
    }

    [Fact]
    public async Task FaceDetectRejectsTheSynthesisModel()
    {
        using var client = Api.Client(_emulator);
        var result = await Api.SendAsync(client, HttpMethod.Post, Api.DetectPath, $$$"""{"model":"liveportrait","input":{"image_url":"{{{_emulator.SampleUrl(SampleMediaFile.Portrait)}}}"}}""");
        AssertError(result, 400, "InvalidParameter", "Model not exist.");
    }

    [Fact]
    public async Task OversizedBodyIs400AndNeverReachesTheHandler()
    {
        using var client = Api.Client(_emulator);
        var padding = new string('x', (int)_emulator.Options.MaxRequestBodyBytes + 10);
        var body = $$"""{"model":"liveportrait","input":{"image_url":"http://127.0.0.1/a.png","audio_url":"http://127.0.0.1/a.wav"},"padding":"{{padding}}"}""";
        var result = await Api.SubmitAsync(client, body);
        AssertError(result, 400, "InvalidParameter", InvalidParameter);
        Assert.Empty(_emulator.GetTasks());
    }

    [Theory]
    [InlineData("GET", "services/aigc/image2video/video-synthesis/", 405)]
    [InlineData("DELETE", "tasks/abc", 405)]
    [InlineData("GET", "services/aigc/text2image/image-synthesis", 404)]
    [InlineData("POST", "no/such/path", 404)]
    public async Task UnknownPathsAndWrongMethodsAnswerTheEnvelope(string method, string path, int status)
    {
        using var client = Api.Client(_emulator);
        var result = await Api.SendAsync(client, new HttpMethod(method), path);
        Assert.Equal(status, result.Status);
        Assert.Equal("InvalidURL", result.Code);
        Assert.False(string.IsNullOrEmpty(result.RequestId));
    }

    [Fact]
    public async Task RandomGarbageNeverYieldsA500()
    {
        // A seeded fuzz over mutations of a valid body: every answer is 200 or a 4xx envelope.
        var random = new Random(3);
        var valid = Api.SampleSynthesisBody(_emulator, parameters: "{\"video_fps\":24,\"template_id\":\"normal\"}");
        string[] fragments = ["null", "{}", "[]", "\"\"", "1e309", "-1", "true", "{\"a\":[[[[[]]]]]}", "\"\\u0000\"", "9999999999999999999999"];
        using var client = Api.Client(_emulator);
        for (var i = 0; i < 150; i++)
        {
            var chars = valid.ToCharArray();
            var body = (i % 3) switch
            {
                0 => new string(chars.Where(_ => random.NextDouble() > 0.03).ToArray()),
                1 => valid.Replace("24", fragments[random.Next(fragments.Length)], StringComparison.Ordinal),
                _ => valid.Replace("\"normal\"", fragments[random.Next(fragments.Length)], StringComparison.Ordinal),
            };
            var result = await Api.SubmitAsync(client, body);
            Assert.True(result.Status == 200 || (result.Status is >= 400 and < 500 && result.Code is not null), $"{result.Status} {result.Text} for {body}: {_emulator.LastUnexpectedError}");
        }

        Assert.DoesNotContain(_emulator.Journal, e => e.StatusCode >= 500);
        Assert.Null(_emulator.LastUnexpectedError);
    }

    private static void AssertError(ApiResult result, int status, string code, string message)
    {
        Assert.True(status == result.Status, $"expected {status}, got {result.Status}: {result.Text}");
        Assert.True(code == result.Code && message == result.Message, $"expected {code} '{message}', got {result.Text}");
        Assert.True(Guid.TryParse(result.RequestId, out _), result.Text);
    }

    /// <summary>Validation tests send many requests in a row; rate limits are tested on their own.</summary>
    public sealed class NoLimitsFixture : LivePortraitEmulatorFixture
    {
        protected override void Configure(EmulatorOptions options) => options.DisableRateLimits = true;
    }
}

/// <summary>The answer to an unknown model is configurable: the schema's 400, or a 404 ModelNotFound.</summary>
public sealed class UnknownModelOptionTests : IClassFixture<UnknownModelOptionTests.ModelNotFoundFixture>
{
    private readonly LivePortraitEmulator _emulator;

    public UnknownModelOptionTests(ModelNotFoundFixture fixture) => _emulator = fixture.Emulator;

    [Fact]
    public async Task UnknownModelCanAnswer404ModelNotFound()
    {
        using var client = Api.Client(_emulator);
        var body = Api.SynthesisBody(_emulator.SampleUrl(SampleMediaFile.Portrait), _emulator.SampleUrl(SampleMediaFile.SpeechWav), model: "wanx-v1");
        var result = await Api.SubmitAsync(client, body);
        Assert.Equal(404, result.Status);
        Assert.Equal("ModelNotFound", result.Code);
    }

    public sealed class ModelNotFoundFixture : LivePortraitEmulatorFixture
    {
        protected override void Configure(EmulatorOptions options) => options.UnknownModel = UnknownModelBehavior.ModelNotFound404;
    }
}
