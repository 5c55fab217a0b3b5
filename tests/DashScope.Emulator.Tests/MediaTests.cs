using DashScope.Testing;
using DashScope.Emulator.Media;
using DashScope.Emulator.Tests.Support;
using DashScope.Emulator.Xunit;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace DashScope.Emulator.Tests;

/// <summary>Media are fetched (loopback only), sniffed and measured, and their failures use the service's codes.</summary>
public sealed class MediaTests : IClassFixture<MediaTests.NoLimitsFixture>, IDisposable
{
    private readonly NoLimitsFixture _fixture;
    private readonly LivePortraitEmulator _emulator;
    private readonly HttpClient _client;

    public MediaTests(NoLimitsFixture fixture)
    {
        _fixture = fixture;
        _emulator = fixture.Emulator.Reset();
        _client = Api.Client(_emulator);
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task MediaFromAnotherLoopbackServerAreDownloadedAndMeasured()
    {
        using var other = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"], StartAdminInterface = false });
        var portrait = Sample(SampleMediaFile.Portrait);
        var wav = MediaFiles.Wav(1.5);
        other.Given(Request.Create().WithPath("/face.png").UsingGet()).RespondWith(Response.Create().WithBody(portrait).WithHeader("Content-Type", "image/png"));
        other.Given(Request.Create().WithPath("/talk").UsingGet()).RespondWith(Response.Create().WithBody(wav).WithHeader("Content-Type", "application/octet-stream"));
        var baseUrl = other.Urls[0];

        var task = await RunAsync(new Uri(baseUrl + "/face.png"), new Uri(baseUrl + "/talk"));
        Assert.Equal("SUCCEEDED", task.TaskStatus);
        Assert.Equal(1.5, task.Json.GetProperty("usage").GetProperty("video_duration").GetDouble());
        Assert.Equal(2, other.LogEntries.Count());
    }

    [Theory]
    [InlineData("https://example.com/portrait.png")]
    [InlineData("http://10.0.0.1/portrait.png")]
    [InlineData("http://localhost.example.com/portrait.png")]
    public async Task NonLoopbackHostsAreNeverContactedAndFailTheDownload(string imageUrl)
    {
        var task = await RunAsync(new Uri(imageUrl), _emulator.SampleUrl(SampleMediaFile.SpeechWav));
        AssertFailed(task, "InvalidParameter.InputDownloadFailed", "Failed to download input files.");
    }

    [Fact]
    public async Task MissingLoopbackFileFailsTheDownload()
    {
        var task = await RunAsync(new Uri(_emulator.Url, "/__emulator/files/nope.png"), _emulator.SampleUrl(SampleMediaFile.SpeechWav));
        AssertFailed(task, "InvalidParameter.InputDownloadFailed", "Failed to download input files.");
    }

    [Fact]
    public async Task FormatIsSniffedFromTheBytesNotTheName()
    {
        var gifNamedPng = _emulator.ServeFile("really-a-gif.png", MediaFiles.Gif(), "image/png");
        var task = await RunAsync(gifNamedPng, _emulator.SampleUrl(SampleMediaFile.SpeechWav));
        AssertFailed(task, "InvalidParameter.UnsupportedFileFormat", "Input files format not supported.");

        var pngNamedWav = _emulator.ServeFile("speech-really-png.wav", Sample(SampleMediaFile.Portrait), "audio/wav");
        var swapped = await RunAsync(_emulator.SampleUrl(SampleMediaFile.Portrait), pngNamedWav);
        AssertFailed(swapped, "InvalidParameter.UnsupportedFileFormat", "Input files format not supported.");

        var text = _emulator.ServeFile("notes.mp3", "just text, not audio"u8.ToArray(), "audio/mpeg");
        AssertFailed(await RunAsync(_emulator.SampleUrl(SampleMediaFile.Portrait), text), "InvalidParameter.UnsupportedFileFormat", "Input files format not supported.");
    }

    [Theory]
    [InlineData(801, 400)] // aspect ratio 2.0025 > 2
    [InlineData(400, 801)]
    [InlineData(4097, 3000)] // longest side > 4096
    public async Task ImagesBeyondTheLimitsFailWithImageSize(int width, int height)
    {
        var image = _emulator.ServeFile($"img-{width}x{height}.png", MediaFiles.Png(width, height), "image/png");
        var task = await RunAsync(image, _emulator.SampleUrl(SampleMediaFile.SpeechWav));
        AssertFailed(task, "InvalidImage.ImageSize", "The size of image is beyond limit.");
    }

    [Fact]
    public async Task ImageAtTheLimitsIsAccepted()
    {
        var image = _emulator.ServeFile("img-4096x2048.png", MediaFiles.Png(4096, 2048), "image/png");
        var task = await RunAsync(image, _emulator.SampleUrl(SampleMediaFile.SpeechWav));
        Assert.Equal("SUCCEEDED", task.TaskStatus);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(180.5)]
    public async Task AudioOutsideOneSecondToThreeMinutesFailsWithAudioLength(double seconds)
    {
        var audio = _emulator.ServeFile($"silence-{seconds}.wav", MediaFiles.Wav(seconds), "audio/wav");
        var task = await RunAsync(_emulator.SampleUrl(SampleMediaFile.Portrait), audio);
        AssertFailed(task, "InvalidFile.AudioLengthError", "Audio length must be between 1s and 300s.");
    }

    [Fact]
    public async Task RegisteredNoFaceUrlFailsSynthesisAndFaceDetect()
    {
        var url = _emulator.ServeFile("empty-room.png", MediaFiles.Png(300, 200), "image/png");
        _emulator.MarkNoFace(url);
        var task = await RunAsync(url, _emulator.SampleUrl(SampleMediaFile.SpeechWav));
        AssertFailed(task, "InvalidImage.NoHumanFace", "No human face detected.");

        var detect = await Api.DetectAsync(_client, url);
        Assert.Equal(200, detect.Status);
        Assert.False(detect.Output.GetProperty("pass").GetBoolean());
        Assert.Equal("No human face detected.", detect.Output.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ShippedNoFaceSampleHasNoFaceWhereverItIsServed()
    {
        var copy = _emulator.ServeFile("copy-of-landscape.png", Sample(SampleMediaFile.NoFaceImage), "image/png");
        var detect = await Api.DetectAsync(_client, copy);
        Assert.False(detect.Output.GetProperty("pass").GetBoolean());
        AssertFailed(await RunAsync(_emulator.SampleUrl(SampleMediaFile.NoFaceImage), _emulator.SampleUrl(SampleMediaFile.SpeechMp3)), "InvalidImage.NoHumanFace", "No human face detected.");
    }

    [Fact]
    public async Task FaceDetectAnswersMediaProblemsSynchronously()
    {
        var gif = _emulator.ServeFile("detect.gif", MediaFiles.Gif(), "image/gif");
        var result = await Api.DetectAsync(_client, gif);
        Assert.Equal(400, result.Status);
        Assert.Equal("InvalidParameter.UnsupportedFileFormat", result.Code);

        var remote = await Api.DetectAsync(_client, new Uri("https://example.com/face.jpg"));
        Assert.Equal(400, remote.Status);
        Assert.Equal("InvalidParameter.InputDownloadFailed", remote.Code);
    }

    [Fact]
    public void ShippedSamplesMeasureAsFfprobeReports()
    {
        var portrait = MediaInspector.Inspect(Sample(SampleMediaFile.Portrait));
        Assert.Equal(("png", 256, 320), (portrait.Format, portrait.Width, portrait.Height));
        var landscape = MediaInspector.Inspect(Sample(SampleMediaFile.NoFaceImage));
        Assert.Equal(("png", 320, 200), (landscape.Format, landscape.Width, landscape.Height));

        var wav = MediaInspector.Inspect(Sample(SampleMediaFile.SpeechWav));
        Assert.Equal("wav", wav.Format);
        Assert.Equal(2.527875, wav.DurationSeconds!.Value, 6);

        var mp3 = MediaInspector.Inspect(Sample(SampleMediaFile.SpeechMp3));
        Assert.Equal("mp3", mp3.Format);
        Assert.Equal(2.628, mp3.DurationSeconds!.Value, 6);

        Assert.True(Sample(SampleMediaFile.ResultVideo).Length < 64 * 1024);
    }

    [Fact]
    public void Mp3BehindAnId3TagIsStillMeasured()
    {
        var mp3 = Sample(SampleMediaFile.SpeechMp3);
        byte[] id3 = [.. "ID3"u8, 4, 0, 0, 0, 0, 0, 10, .. new byte[10]];
        var tagged = MediaInspector.Inspect([.. id3, .. mp3]);
        Assert.Equal("mp3", tagged.Format);
        Assert.Equal(2.628, tagged.DurationSeconds!.Value, 6);
    }

    private static byte[] Sample(SampleMediaFile sample)
    {
        using var stream = typeof(LivePortraitEmulator).Assembly.GetManifestResourceStream("DashScope.Emulator.SampleMedia." + SampleName(sample))!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string SampleName(SampleMediaFile sample) => sample switch
    {
        SampleMediaFile.Portrait => "portrait.png",
        SampleMediaFile.NoFaceImage => "no-face.png",
        SampleMediaFile.SpeechWav => "speech.wav",
        SampleMediaFile.SpeechMp3 => "speech.mp3",
        _ => "result.mp4",
    };

    private async Task<ApiResult> RunAsync(Uri image, Uri audio)
    {
        var submit = await Api.SubmitAsync(_client, Api.SynthesisBody(image, audio));
        Assert.True(submit.Status == 200, submit.Text);
        _fixture.Advance(TimeSpan.FromMinutes(5));
        return await Api.QueryAsync(_client, submit.TaskId);
    }

    private static void AssertFailed(ApiResult task, string code, string message)
    {
        Assert.True(task.TaskStatus == "FAILED", task.Text);
        Assert.Equal(code, task.OutputString("code"));
        Assert.Equal(message, task.OutputString("message"));
        Assert.False(task.Json.TryGetProperty("usage", out _));
    }

    public sealed class NoLimitsFixture : LivePortraitEmulatorFixture
    {
        protected override void Configure(EmulatorOptions options) => options.DisableRateLimits = true;
    }
}
