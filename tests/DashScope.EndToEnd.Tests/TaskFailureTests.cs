using DashScope.Testing;
using System.Net;
using DashScope.Emulator;
using DashScope.Emulator.Tasks;
using DashScope.EndToEnd.Tests.Support;
using DashScope.LivePortrait;
using DashScope.Toolkit;

namespace DashScope.EndToEnd.Tests;

/// <summary>
/// Tasks fail with the service's own codes and messages, and the generated client reports each as a
/// <see cref="DashScopeTaskFailedException"/>; the face check passes or not.
/// </summary>
public sealed class TaskFailureTests(EndToEndFixture fixture) : IClassFixture<EndToEndFixture>
{
    public static TheoryData<string, string, string> MediaFailures => new()
    {
        { "no-face", LivePortraitErrorCodes.InvalidImageNoHumanFace, "No human face detected." },
        { "image-is-audio", LivePortraitErrorCodes.InvalidParameterUnsupportedFileFormat, "Input files format not supported." },
        { "audio-is-image", LivePortraitErrorCodes.InvalidParameterUnsupportedFileFormat, "Input files format not supported." },
        { "aspect-ratio-over-2", LivePortraitErrorCodes.InvalidImageImageSize, "The size of image is beyond limit." },
        { "longest-side-over-4096", LivePortraitErrorCodes.InvalidImageImageSize, "The size of image is beyond limit." },
        { "audio-under-1s", LivePortraitErrorCodes.InvalidFileAudioLengthError, "Audio length must be between 1s and 300s." },
        { "audio-over-3min", LivePortraitErrorCodes.InvalidFileAudioLengthError, "Audio length must be between 1s and 300s." },
        { "image-from-the-internet", LivePortraitErrorCodes.InvalidParameterInputDownloadFailed, "Failed to download input files." },
        { "audio-missing-on-loopback", LivePortraitErrorCodes.InvalidParameterInputDownloadFailed, "Failed to download input files." },
    };

    [Theory]
    [MemberData(nameof(MediaFailures))]
    public async Task Bad_media_fail_the_task_with_the_services_code(string @case, string code, string message)
    {
        using var h = new Harness(fixture);
        var (image, audio) = await InputsAsync(h, @case);
        var client = h.Client();

        // The submit is accepted: the service only fetches the files once the task runs.
        var submission = await client.SubmitAsync(Harness.Request(image, audio));
        Assert.Equal("PENDING", submission.Output.TaskStatus.Value);
        var failed = await Assert.ThrowsAsync<DashScopeTaskFailedException>(() => h.Drive(client.WaitForCompletionAsync(submission.Output.TaskId)));

        Assert.Equal("FAILED", failed.Status);
        Assert.Equal(code, failed.Code);
        Assert.Equal(message, failed.ErrorMessage);
        Assert.Equal(submission.Output.TaskId, failed.TaskId);
        var read = await client.GetTaskAsync(submission.Output.TaskId);
        Assert.Equal(code, read.Output.Code);
        Assert.Null(read.Usage); // failed tasks are not billed
        Assert.Null(read.Output.Results);
        Assert.NotNull(read.Output.EndTime);
    }

    [Theory]
    [InlineData(2000, 1000, 1.0)] // aspect ratio exactly 2, the shortest audio
    [InlineData(2048, 4096, 180.0)] // longest side exactly 4096, the longest audio
    public async Task Media_at_the_inclusive_limits_succeed(int width, int height, double seconds)
    {
        using var h = new Harness(fixture);
        var image = h.Emulator.ServeFile($"{h.AccountId}-edge.png", MediaFiles.Png(width, height), "image/png");
        var audio = h.Emulator.ServeFile($"{h.AccountId}-edge.wav", MediaFiles.Wav(seconds), "audio/wav");

        var done = await h.Drive(h.Client().GenerateAsync(Harness.Request(image, audio)), step: TimeSpan.FromSeconds(1));

        Assert.Equal("SUCCEEDED", done.Output.TaskStatus.Value);
        Assert.Equal(seconds, done.Usage!.VideoDuration, 3);
    }

    [Fact]
    public async Task A_failure_scripted_for_the_next_task_reaches_the_client()
    {
        using var h = new Harness(fixture);
        h.Emulator.FailNextTasks(1, LivePortraitErrorCodes.InternalErrorUpload);
        var client = h.Client();

        var failed = await Assert.ThrowsAsync<DashScopeTaskFailedException>(() => h.Drive(client.GenerateAsync(Harness.Request(h.Portrait, h.SpeechWav))));

        Assert.Equal(LivePortraitErrorCodes.InternalErrorUpload, failed.Code);
        Assert.Equal("Failed to upload result.", failed.ErrorMessage);

        // Only the next task was planned to fail.
        var next = await h.Drive(client.GenerateAsync(Harness.Request(h.Portrait, h.SpeechWav)));
        Assert.Equal("SUCCEEDED", next.Output.TaskStatus.Value);
    }

    [Fact]
    public async Task A_running_task_forced_to_fail_ends_the_wait_with_that_code()
    {
        using var h = new Harness(fixture);
        var client = h.Client();
        var id = (await client.SubmitAsync(Harness.Request(h.Portrait, h.SpeechWav))).Output.TaskId;
        h.Advance(EndToEndFixture.QueueDelay + TimeSpan.FromSeconds(1));
        Assert.Equal("RUNNING", (await client.GetTaskAsync(id)).Output.TaskStatus.Value);

        h.Emulator.ForceFailed(id, LivePortraitErrorCodes.DataInspectionFailed, "Output data may contain inappropriate content.");
        var failed = await Assert.ThrowsAsync<DashScopeTaskFailedException>(() => h.Drive(client.WaitForCompletionAsync(id)));

        Assert.Equal(LivePortraitErrorCodes.DataInspectionFailed, failed.Code);
        Assert.Equal("Output data may contain inappropriate content.", failed.ErrorMessage);
        Assert.Equal(EmulatedTaskStatus.Failed, h.Emulator.FindTask(id)!.Status);
    }

    [Fact]
    public async Task Face_detect_passes_a_portrait_and_fails_an_image_without_a_face()
    {
        using var h = new Harness(fixture);
        var client = h.Client();

        var pass = await client.DetectFaceAsync(new FaceDetectRequest { Input = new FaceDetectInput { ImageUrl = h.Portrait.ToString() } });
        var noFace = await client.DetectFaceAsync(new FaceDetectRequest { Input = new FaceDetectInput { ImageUrl = h.NoFace.ToString() } });

        Assert.True(pass.Output.Pass);
        Assert.Equal("", pass.Output.Message);
        Assert.Equal(1, pass.Usage!.ImageCount);
        Assert.False(noFace.Output.Pass);
        Assert.Equal("No human face detected.", noFace.Output.Message);
        Assert.Equal(1, noFace.Usage!.ImageCount);
        Assert.NotEqual(pass.RequestId, noFace.RequestId);

        // A face check creates no task.
        Assert.Empty(h.Emulator.GetTasks(h.AccountId));
    }

    [Fact]
    public async Task Face_detect_marks_an_image_faceless_by_its_url_when_the_test_says_so()
    {
        using var h = new Harness(fixture);
        var client = h.Client();
        var url = h.Emulator.ServeFile($"blank-{h.AccountId}.png", MediaFiles.Png(300, 300), "image/png");
        var before = await client.DetectFaceAsync(new FaceDetectRequest { Input = new FaceDetectInput { ImageUrl = url.ToString() } });

        h.Emulator.MarkNoFace(url);
        var after = await client.DetectFaceAsync(new FaceDetectRequest { Input = new FaceDetectInput { ImageUrl = url.ToString() } });
        var failed = await Assert.ThrowsAsync<DashScopeTaskFailedException>(() => h.Drive(client.GenerateAsync(Harness.Request(url, h.SpeechWav))));

        Assert.True(before.Output.Pass);
        Assert.False(after.Output.Pass);
        Assert.Equal(LivePortraitErrorCodes.InvalidImageNoHumanFace, failed.Code);
    }

    [Theory]
    [InlineData("image-is-audio", LivePortraitErrorCodes.InvalidParameterUnsupportedFileFormat)]
    [InlineData("aspect-ratio-over-2", LivePortraitErrorCodes.InvalidImageImageSize)]
    [InlineData("image-from-the-internet", LivePortraitErrorCodes.InvalidParameterInputDownloadFailed)]
    public async Task Face_detect_of_a_bad_image_is_a_400_with_the_media_code(string @case, string code)
    {
        using var h = new Harness(fixture);
        var (image, _) = await InputsAsync(h, @case);

        var error = await Assert.ThrowsAsync<DashScopeApiException>(() =>
            h.Client().DetectFaceAsync(new FaceDetectRequest { Input = new FaceDetectInput { ImageUrl = image.ToString() } }));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(code, error.Code);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
    }

    private static async Task<(Uri Image, Uri Audio)> InputsAsync(Harness h, string @case)
    {
        using var http = new HttpClient();
        var speech = await http.GetByteArrayAsync(h.SpeechWav);
        var portrait = await http.GetByteArrayAsync(h.Portrait);
        Uri Serve(string name, byte[] content, string type) => h.Emulator.ServeFile($"{h.AccountId}-{name}", content, type);
        return @case switch
        {
            "no-face" => (h.NoFace, h.SpeechWav),
            "image-is-audio" => (Serve("portrait.png", speech, "image/png"), h.SpeechWav),
            "audio-is-image" => (h.Portrait, Serve("speech.wav", portrait, "audio/wav")),
            "aspect-ratio-over-2" => (Serve("wide.png", MediaFiles.Png(2001, 1000), "image/png"), h.SpeechWav),
            "longest-side-over-4096" => (Serve("huge.png", MediaFiles.Png(1000, 4097), "image/png"), h.SpeechWav),
            "audio-under-1s" => (h.Portrait, Serve("short.wav", MediaFiles.Wav(0.9), "audio/wav")),
            "audio-over-3min" => (h.Portrait, Serve("long.wav", MediaFiles.Wav(181), "audio/wav")),
            // TEST-NET-3 (RFC 5737): the emulator fetches only from loopback, so this is never contacted.
            "image-from-the-internet" => (new Uri("http://203.0.113.7/portrait.png"), h.SpeechWav),
            "audio-missing-on-loopback" => (h.Portrait, new Uri(h.Emulator.Url, "/__emulator/files/missing.wav")),
            _ => throw new ArgumentOutOfRangeException(nameof(@case), @case, null),
        };
    }
}
