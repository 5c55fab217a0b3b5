using DashScope.Emulator;
using DashScope.Emulator.Media;
using LivePortrait.Quickstart;
using Xunit;
using static LivePortrait.Quickstart.Tests.QuickstartRun;

namespace LivePortrait.Quickstart.Tests;

/// <summary>
/// The quickstart end to end against real emulators on loopback (real clock, durations shortened to a
/// fraction of a second): the happy path writes a real MP4; every failure gives a message and its exit code.
/// </summary>
public sealed class QuickstartTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("quickstart-").FullName;

    [Fact]
    public async Task With_no_options_it_runs_the_whole_journey_on_the_embedded_emulator()
    {
        var path = Path.Combine(_directory, "out", "video.mp4");

        var (code, output, error) = await Run("--output", path, "--template", "calm", "--video-fps", "25");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("embedded emulator", output, StringComparison.Ordinal);
        Assert.Contains("Face check passed.", output, StringComparison.Ordinal);
        Assert.Contains("PENDING", output, StringComparison.Ordinal);
        Assert.Contains("SUCCEEDED", output, StringComparison.Ordinal);
        Assert.Contains(path, output, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(bytes, 4, 4));
        Assert.Contains($"size:           {bytes.Length} bytes", output, StringComparison.Ordinal);
        Assert.Contains("video duration: 2.528 s", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--video-fps", "60", "parameters.video_fps")]
    [InlineData("--template", "wild", "parameters.template_id")]
    [InlineData("--mouth-move-strength", "1.6", "parameters.mouth_move_strength")]
    public async Task An_out_of_range_option_is_refused_with_the_field_named(string option, string value, string field)
    {
        var (code, _, error) = await Run(option, value, "--output", Path.Combine(_directory, "x.mp4"));

        Assert.Equal(ExitCodes.BadOptions, code);
        Assert.Contains(field, error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "x.mp4")));
    }

    [Fact]
    public async Task An_unknown_option_is_refused()
    {
        var (code, _, error) = await Run("--colour", "blue");
        Assert.Equal(ExitCodes.BadOptions, code);
        Assert.Contains("--colour", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_real_target_needs_a_key_and_says_so()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DASHSCOPE_API_KEY"))) { return; } // never call the real service from tests
        var (code, _, error) = await Run("--target", "real");
        Assert.Equal(ExitCodes.BadOptions, code);
        Assert.Contains("DASHSCOPE_API_KEY", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_base_url_without_media_urls_is_refused_before_any_call()
    {
        var (code, _, error) = await Run("--base-url", "http://127.0.0.1:9/api/v1");
        Assert.Equal(ExitCodes.BadOptions, code);
        Assert.Contains("--image-url", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_portrait_without_a_face_stops_after_the_face_check()
    {
        await using var emulator = LivePortraitEmulator.Start(Fast);

        var (code, output, error) = await Run("--base-url", emulator.BaseUrl.ToString(), "--image-url", emulator.SampleUrl(SampleMediaFile.NoFaceImage).ToString(),
            "--audio-url", emulator.SampleUrl(SampleMediaFile.SpeechMp3).ToString(), "--output", Path.Combine(_directory, "x.mp4"));

        Assert.Equal(ExitCodes.Failed, code);
        Assert.True(error.Contains("No human face detected.", StringComparison.Ordinal), error);
        Assert.DoesNotContain("Submitted", output, StringComparison.Ordinal);
        Assert.Empty(emulator.GetTasks());
    }

    [Fact]
    public async Task A_failed_task_reports_its_code_and_exits_non_zero()
    {
        await using var emulator = LivePortraitEmulator.Start(Fast);
        emulator.FailNextTasks(1, "InternalError.Algo");

        var (code, _, error) = await Run("--base-url", emulator.BaseUrl.ToString(), "--image-url", emulator.SampleUrl(SampleMediaFile.Portrait).ToString(),
            "--audio-url", emulator.SampleUrl(SampleMediaFile.SpeechWav).ToString(), "--output", Path.Combine(_directory, "x.mp4"));

        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("FAILED", error, StringComparison.Ordinal);
        Assert.Contains("InternalError.Algo", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_that_never_ends_times_out_with_its_id()
    {
        await using var emulator = LivePortraitEmulator.Start(Fast);
        emulator.HoldNextTasksInPending(1);

        var (code, output, error) = await Run("--base-url", emulator.BaseUrl.ToString(), "--image-url", emulator.SampleUrl(SampleMediaFile.Portrait).ToString(),
            "--audio-url", emulator.SampleUrl(SampleMediaFile.SpeechWav).ToString(), "--timeout", "1.5", "--output", Path.Combine(_directory, "x.mp4"));

        Assert.Equal(ExitCodes.TimedOut, code);
        var taskId = Assert.Single(emulator.GetTasks()).TaskId;
        Assert.Contains(taskId, error, StringComparison.Ordinal);
        Assert.Contains("PENDING", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
