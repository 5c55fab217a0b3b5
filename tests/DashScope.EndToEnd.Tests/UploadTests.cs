using DashScope.Emulator;
using DashScope.EndToEnd.Tests.Support;
using DashScope.LivePortrait;
using DashScope.Testing;
using DashScope.Toolkit;

namespace DashScope.EndToEnd.Tests;

/// <summary>
/// The generated client on local files: it uploads them to the emulator's temporary storage with one policy per
/// model, names them <c>oss://</c> in the request and sends the resolve header by itself, and the task runs on them.
/// </summary>
public sealed class UploadTests(EndToEndFixture fixture) : IClassFixture<EndToEndFixture>
{
    private const string Synthesis = "/services/aigc/image2video/video-synthesis";
    private const string Policy = "/uploads";
    private static readonly string ResolveHeader = LivePortraitClient.Service.Uploads!.ResolveHeaderName;

    [Fact]
    public async Task A_task_runs_on_two_local_files_uploaded_first_with_one_policy_and_the_resolve_header()
    {
        using var h = new Harness(fixture);
        using var files = new LocalFiles();
        var log = new RequestLog();
        var client = h.Client(outer: log);
        var uploads = new Recorder<DashScopeUploadProgress>();
        var states = new Recorder<VideoSynthesisTask>();

        var done = await h.Drive(client.GenerateFromFilesAsync(files.Portrait(), files.Speech(), new VideoSynthesisParameters { VideoFps = 24 }, uploads, states));

        Assert.Equal("SUCCEEDED", done.Output.TaskStatus.Value);
        Assert.Equal(["PENDING", "RUNNING", "SUCCEEDED"], states.Items.Select(t => t.Output.TaskStatus.Value));
        Assert.Equal(1, log.Count(Policy));
        Assert.Equal("enable", log.LastHeaders(Synthesis)[ResolveHeader]);
        var stored = h.Emulator.GetUploads(h.AccountId);
        Assert.Equal(["hello.wav", "me.png"], stored.Select(s => s.Key[(s.Key.LastIndexOf('/') + 1)..]).Order());
        Assert.All(stored, s => Assert.Equal("liveportrait", s.Model));
        // The emulator measured the uploaded WAV, so the task really read the stored bytes.
        Assert.Equal(2.0, done.Usage!.VideoDuration, 3);
        Assert.Equal(["me.png", "hello.wav"], uploads.Items.Where(p => p.BytesSent == p.TotalBytes).Select(p => p.FileName).Select(Path.GetFileName));
    }

    [Fact]
    public async Task UploadAsync_answers_an_oss_url_in_the_policy_directory_and_a_request_naming_it_carries_the_header()
    {
        using var h = new Harness(fixture);
        using var files = new LocalFiles();
        var log = new RequestLog();
        var client = h.Client(outer: log);

        var image = await client.UploadAsync(files.Portrait(), "liveportrait");
        await using var audioStream = File.OpenRead(files.Speech());
        var audio = await client.UploadAsync(audioStream, "speech.wav", "liveportrait");
        var policy = await client.Uploader.GetPolicyAsync("liveportrait");

        Assert.Equal("oss://" + image.Key, image.Url);
        Assert.StartsWith(policy.UploadDir + "/", image.Key, StringComparison.Ordinal);
        Assert.Equal(("png", "wav"), (image.Format, audio.Format));
        Assert.Equal(h.Now + TimeSpan.FromHours(48), image.ExpiresAt);
        Assert.Equal(1, log.Count(Policy));
        // The form goes to the policy's upload host without the API key.
        var forms = log.Requests.Where(r => r.Uri.AbsolutePath == policy.UploadHost.AbsolutePath && r.Method == HttpMethod.Post).ToList();
        Assert.Equal(2, forms.Count);
        Assert.All(forms, form => Assert.False(form.Headers.ContainsKey("Authorization")));

        var submitted = await client.SubmitAsync(new VideoSynthesisRequest { Input = new VideoSynthesisInput { ImageUrl = image.Url, AudioUrl = audio.Url } });
        Assert.Equal("enable", log.LastHeaders(Synthesis)[ResolveHeader]);
        var done = await h.Drive(client.WaitForCompletionAsync(submitted.Output.TaskId));
        Assert.Equal("SUCCEEDED", done.Output.TaskStatus.Value);

        await client.SubmitAsync(Harness.Request(h.Portrait, h.SpeechWav));
        Assert.False(log.LastHeaders(Synthesis).ContainsKey(ResolveHeader), "a request with only http(s) URLs sends no resolve header");
    }

    [Fact]
    public async Task One_policy_serves_every_file_until_it_is_about_to_expire_and_then_a_new_one_is_asked_for()
    {
        using var h = new Harness(fixture);
        using var files = new LocalFiles();
        var log = new RequestLog();
        var client = h.Client(outer: log);
        var path = files.Portrait();

        var first = await client.UploadAsync(path, "liveportrait");
        var second = await client.UploadAsync(path, "liveportrait");
        var policy = await client.Uploader.GetPolicyAsync("liveportrait");
        Assert.Equal(1, log.Count(Policy));
        // The storage forbids overwriting, so the second upload of one name is stored under another.
        Assert.EndsWith("/me.png", first.Key, StringComparison.Ordinal);
        Assert.EndsWith("/me-2.png", second.Key, StringComparison.Ordinal);

        await client.UploadAsync(path, "liveportrait-detect");
        Assert.Equal(2, log.Count(Policy)); // a policy is bound to its model

        h.Advance(policy.ExpiresAt - h.Now - DashScopeUploader.PolicyRenewalMargin);
        var third = await client.UploadAsync(path, "liveportrait");
        Assert.Equal(3, log.Count(Policy));
        Assert.NotEqual(policy.UploadDir, third.Key[..third.Key.LastIndexOf('/')]);
        Assert.Equal(4, h.Emulator.GetUploads(h.AccountId).Count);
    }

    [Fact]
    public async Task Progress_rises_to_the_file_size_in_order()
    {
        using var h = new Harness(fixture);
        using var files = new LocalFiles();
        var big = files.Write("long.wav", MediaFiles.Wav(20.0)); // several chunks
        var progress = new Recorder<DashScopeUploadProgress>();

        var stored = await h.Client().UploadAsync(big, "liveportrait", progress);

        var sent = progress.Items.Select(p => p.BytesSent).ToList();
        Assert.True(sent.Count > 2, $"expected several reports, got {sent.Count}");
        Assert.Equal(sent.OrderBy(s => s), sent);
        Assert.Equal(0, sent[0]);
        Assert.Equal(stored.Length, sent[^1]);
        Assert.All(progress.Items, p => Assert.Equal(new FileInfo(big).Length, p.TotalBytes));
        Assert.Equal(1.0, progress.Items[^1].Fraction);
    }

    [Fact]
    public async Task The_face_check_runs_on_an_uploaded_portrait_and_sees_its_real_bytes()
    {
        using var h = new Harness(fixture);
        using var files = new LocalFiles();
        var client = h.Client();
        var faceless = MediaFiles.Png(40, 30);
        h.Emulator.MarkNoFace(faceless);

        var pass = await client.DetectFaceFromFilesAsync(files.Portrait());
        var fail = await client.DetectFaceFromFilesAsync(files.Write("wall.png", faceless));

        Assert.True(pass.Output.Pass);
        Assert.False(fail.Output.Pass);
        Assert.All(h.Emulator.GetUploads(h.AccountId), s => Assert.Equal("liveportrait-detect", s.Model));
    }

    [Fact]
    public async Task A_file_uploaded_for_another_model_or_by_another_account_fails_the_task_as_an_unreadable_input()
    {
        using var h = new Harness(fixture);
        using var files = new LocalFiles();
        var client = h.Client();
        var forDetect = await client.UploadAsync(files.Portrait(), "liveportrait-detect");
        var audio = await client.UploadAsync(files.Speech(), "liveportrait");

        var wrongModel = await Assert.ThrowsAsync<DashScopeTaskFailedException>(() => h.Drive(client.GenerateAsync(new VideoSynthesisRequest
        {
            Input = new VideoSynthesisInput { ImageUrl = forDetect.Url, AudioUrl = audio.Url },
        })));
        Assert.Equal("InvalidParameter.InputDownloadFailed", wrongModel.Code);

        var otherAccount = "e2e-other-" + Guid.NewGuid().ToString("N")[..8];
        h.Emulator.AddAccount(otherAccount, "sk-" + otherAccount);
        var image = await client.UploadAsync(files.Portrait("again.png"), "liveportrait");
        var foreign = await Assert.ThrowsAsync<DashScopeTaskFailedException>(() => h.Drive(h.Client(apiKey: "sk-" + otherAccount).GenerateAsync(new VideoSynthesisRequest
        {
            Input = new VideoSynthesisInput { ImageUrl = image.Url, AudioUrl = audio.Url },
        })));
        Assert.Equal("InvalidParameter.InputDownloadFailed", foreign.Code);
    }

    [Theory]
    [InlineData("file:///home/me/me.png")]
    [InlineData("ftp://example.com/me.png")]
    [InlineData("OSS://upper/me.png")]
    [InlineData("me.png")]
    public async Task Validation_takes_http_and_oss_urls_only_and_sends_nothing_else(string url)
    {
        using var h = new Harness(fixture);
        var log = new RequestLog();
        var client = h.Client(outer: log);

        var refused = await Assert.ThrowsAsync<DashScopeValidationException>(() => client.SubmitAsync(Harness.Request(new Uri(h.Portrait.ToString()), h.SpeechWav) with
        {
            Input = new VideoSynthesisInput { ImageUrl = url, AudioUrl = h.SpeechWav.ToString() },
        }));

        Assert.Contains("input.image_url", refused.Message, StringComparison.Ordinal);
        Assert.Empty(log.Requests);
        new VideoSynthesisRequest { Input = new VideoSynthesisInput { ImageUrl = "oss://dashscope-instant/x/me.png", AudioUrl = "https://example.com/a.wav" } }.Validate();
    }
}
