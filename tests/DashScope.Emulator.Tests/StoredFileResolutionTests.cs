using DashScope.Emulator.Media;
using DashScope.Emulator.Tests.Support;
using DashScope.Emulator.Xunit;
using DashScope.Testing;

namespace DashScope.Emulator.Tests;

/// <summary>
/// oss:// URLs in a submit and in the face check: with the resolve header the stored bytes go through the same media
/// checks as a download; without it the request is refused at once; a file that is absent, expired, another account's
/// or another model's fails like a URL that cannot be downloaded.
/// </summary>
public sealed class StoredFileResolutionTests : IClassFixture<StoredFileResolutionTests.NoLimitsFixture>, IDisposable
{
    private const string ResolveHeader = "X-DashScope-OssResourceResolve";
    private readonly NoLimitsFixture _fixture;
    private readonly LivePortraitEmulator _emulator;
    private readonly HttpClient _client;

    public StoredFileResolutionTests(NoLimitsFixture fixture)
    {
        _fixture = fixture;
        _emulator = fixture.Emulator.Reset();
        _client = Api.Client(_emulator);
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Uploaded_portrait_and_speech_run_to_SUCCEEDED_with_the_uploaded_audio_measured()
    {
        var image = await Uploader.UploadAsync(_client, "liveportrait", "portrait.png", await SampleAsync(SampleMediaFile.Portrait));
        var audio = await Uploader.UploadAsync(_client, "liveportrait", "speech.wav", MediaFiles.Wav(2.5));

        var task = await RunAsync(image, audio);
        Assert.True(task.TaskStatus == "SUCCEEDED", task.Text);
        Assert.Equal(2.5, task.Json.GetProperty("usage").GetProperty("video_duration").GetDouble());
    }

    [Fact]
    public async Task The_face_check_resolves_a_file_uploaded_for_its_own_model()
    {
        var image = await Uploader.UploadAsync(_client, "liveportrait-detect", "portrait.png", await SampleAsync(SampleMediaFile.Portrait));
        var result = await DetectAsync(image, resolve: true);
        Assert.True(result.Status == 200, result.Text);

        var forSynthesis = await Uploader.UploadAsync(_client, "liveportrait", "portrait.png", await SampleAsync(SampleMediaFile.Portrait));
        var otherModel = await DetectAsync(forSynthesis, resolve: true);
        Assert.Equal((400, "InvalidParameter.InputDownloadFailed"), (otherModel.Status, otherModel.Code));
    }

    [Fact]
    public async Task Without_the_resolve_header_the_submit_and_the_face_check_are_refused_and_no_task_is_made()
    {
        var image = await Uploader.UploadAsync(_client, "liveportrait", "portrait.png", await SampleAsync(SampleMediaFile.Portrait));
        var submit = await SubmitAsync(Api.SynthesisBody(new Uri(image), _emulator.SampleUrl(SampleMediaFile.SpeechWav)), resolve: false);
        Assert.Equal((400, "InvalidParameter.DataInspection", "The media format is not supported or incorrect for the data inspection."), (submit.Status, submit.Code, submit.Message));
        Assert.Empty(_emulator.GetTasks());

        var detect = await DetectAsync(image, resolve: false);
        Assert.Equal((400, "InvalidParameter.DataInspection"), (detect.Status, detect.Code));
    }

    [Fact]
    public async Task A_wrong_format_and_an_empty_file_are_caught_by_the_media_checks_at_submit()
    {
        var gif = await Uploader.UploadAsync(_client, "liveportrait", "portrait.png", MediaFiles.Gif());
        var empty = await Uploader.UploadAsync(_client, "liveportrait", "empty.wav", []);
        AssertFailed(await RunAsync(gif, _emulator.SampleUrl(SampleMediaFile.SpeechWav).ToString()), "InvalidParameter.UnsupportedFileFormat");
        AssertFailed(await RunAsync(_emulator.SampleUrl(SampleMediaFile.Portrait).ToString(), empty), "InvalidParameter.UnsupportedFileFormat");
    }

    [Fact]
    public async Task Another_accounts_file_another_models_file_and_a_file_never_uploaded_fail_the_download()
    {
        var account = "other-" + Guid.NewGuid().ToString("N");
        _emulator.AddAccount(account, "sk-" + account);
        using var other = Api.Client(_emulator, "sk-" + account);
        var theirs = await Uploader.UploadAsync(other, "liveportrait", "portrait.png", await SampleAsync(SampleMediaFile.Portrait));
        var forDetect = await Uploader.UploadAsync(_client, "liveportrait-detect", "portrait.png", await SampleAsync(SampleMediaFile.Portrait));
        var speech = _emulator.SampleUrl(SampleMediaFile.SpeechWav).ToString();

        AssertFailed(await RunAsync(theirs, speech), "InvalidParameter.InputDownloadFailed");
        AssertFailed(await RunAsync(forDetect, speech), "InvalidParameter.InputDownloadFailed");
        AssertFailed(await RunAsync("oss://dashscope-instant/never/uploaded.png", speech), "InvalidParameter.InputDownloadFailed");
    }

    [Fact]
    public async Task Any_key_of_the_uploading_account_may_use_the_file()
    {
        var account = "team-" + Guid.NewGuid().ToString("N");
        _emulator.AddAccount(account, "sk-1-" + account, "sk-2-" + account);
        using var first = Api.Client(_emulator, "sk-1-" + account);
        using var second = Api.Client(_emulator, "sk-2-" + account);
        var image = await Uploader.UploadAsync(first, "liveportrait", "portrait.png", await SampleAsync(SampleMediaFile.Portrait));
        var task = await RunAsync(image, _emulator.SampleUrl(SampleMediaFile.SpeechWav).ToString(), second);
        Assert.True(task.TaskStatus == "SUCCEEDED", task.Text);
    }

    [Fact]
    public async Task A_file_expires_48_hours_after_its_upload()
    {
        var image = await Uploader.UploadAsync(_client, "liveportrait", "portrait.png", await SampleAsync(SampleMediaFile.Portrait));
        _fixture.Advance(TimeSpan.FromHours(48));
        Assert.Empty(_emulator.GetUploads());
        AssertFailed(await RunAsync(image, _emulator.SampleUrl(SampleMediaFile.SpeechWav).ToString()), "InvalidParameter.InputDownloadFailed");
    }

    private async Task<ApiResult> RunAsync(string image, string audio, HttpClient? client = null)
    {
        var submit = await SubmitAsync(Api.SynthesisBody(new Uri(image), new Uri(audio)), resolve: true, client);
        Assert.True(submit.Status == 200, submit.Text);
        _fixture.Advance(TimeSpan.FromMinutes(5));
        return await Api.QueryAsync(client ?? _client, submit.TaskId);
    }

    private async Task<ApiResult> SubmitAsync(string body, bool resolve, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Api.SynthesisPath) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-DashScope-Async", "enable");
        if (resolve)
        {
            request.Headers.Add(ResolveHeader, "enable");
        }

        using var response = await (client ?? _client).SendAsync(request);
        return await Api.ReadAsync(response);
    }

    private async Task<ApiResult> DetectAsync(string image, bool resolve)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Api.DetectPath)
        {
            Content = new StringContent($$$"""{"model":"liveportrait-detect","input":{"image_url":"{{{image}}}"}}""", System.Text.Encoding.UTF8, "application/json"),
        };
        if (resolve)
        {
            request.Headers.Add(ResolveHeader, "enable");
        }

        using var response = await _client.SendAsync(request);
        return await Api.ReadAsync(response);
    }

    private async Task<byte[]> SampleAsync(SampleMediaFile sample)
    {
        using var http = new HttpClient();
        return await http.GetByteArrayAsync(_emulator.SampleUrl(sample));
    }

    private static void AssertFailed(ApiResult task, string code)
    {
        Assert.True(task.TaskStatus == "FAILED", task.Text);
        Assert.Equal(code, task.OutputString("code"));
    }

    public sealed class NoLimitsFixture : LivePortraitEmulatorFixture
    {
        protected override void Configure(EmulatorOptions options) => options.DisableRateLimits = true;
    }
}
