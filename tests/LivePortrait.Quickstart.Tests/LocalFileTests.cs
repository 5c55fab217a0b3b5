using DashScope.Emulator;
using DashScope.Testing;
using LivePortrait.Quickstart;
using Xunit;
using static LivePortrait.Quickstart.Tests.QuickstartRun;

namespace LivePortrait.Quickstart.Tests;

/// <summary>
/// <c>--image</c> and <c>--audio</c>: local files are checked before anything starts, uploaded with their progress
/// shown, and the journey runs on them; a missing, unreadable or unusable file is named and exits with 2.
/// </summary>
public sealed class LocalFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("quickstart-files-").FullName;

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public async Task Local_files_are_uploaded_with_progress_and_the_journey_runs_on_them()
    {
        var image = Write("me.png", MediaFiles.Png(64, 64));
        var audio = Write("hello.wav", MediaFiles.Wav(3.0));
        var video = Path.Combine(_directory, "out.mp4");

        var (code, output, error) = await Run("--image", image, "--audio", audio, "--output", video, "--plain");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains($"Face check of {image} (uploaded to the temporary storage)", output, StringComparison.Ordinal);
        // The portrait is uploaded twice (face check, synthesis): a stored file is bound to its model.
        Assert.Equal(2, Count(output, $"Uploading me.png: 100% of {new FileInfo(image).Length} bytes"));
        Assert.Equal(1, Count(output, $"Uploading hello.wav: 100% of {new FileInfo(audio).Length} bytes"));
        Assert.Contains("Uploading hello.wav: 0%", output, StringComparison.Ordinal);
        Assert.Contains("video duration: 3 s", output, StringComparison.Ordinal); // the uploaded WAV, measured
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(await File.ReadAllBytesAsync(video), 4, 4));
    }

    [Fact]
    public async Task A_local_file_mixes_with_a_url_for_the_other_input()
    {
        var audio = Write("hello.wav", MediaFiles.Wav(1.5));

        var (code, output, error) = await Run("--audio", audio, "--output", Path.Combine(_directory, "mixed.mp4"), "--plain");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("Face check of http", output, StringComparison.Ordinal);
        Assert.Contains("Uploading hello.wav: 100%", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Uploading portrait", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_named_and_exits_with_2_before_anything_starts()
    {
        var missing = Path.Combine(_directory, "nope.wav");

        var (code, output, error) = await Run("--image", Write("me.png", MediaFiles.Png(8, 8)), "--audio", missing);

        Assert.Equal(ExitCodes.BadOptions, code);
        Assert.Contains($"--audio: '{missing}' does not exist", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Target:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_given_as_a_file_exits_with_2()
    {
        var (code, _, error) = await Run("--image", _directory);

        Assert.Equal(ExitCodes.BadOptions, code);
        Assert.Contains($"--image: '{_directory}' is a directory", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_and_a_url_for_the_same_input_exit_with_2()
    {
        var (code, _, error) = await Run("--image", Write("me.png", MediaFiles.Png(8, 8)), "--image-url", "https://example.com/me.png");

        Assert.Equal(ExitCodes.BadOptions, code);
        Assert.Contains("--image (a local file) or --image-url, not both", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_of_the_wrong_format_is_named_and_exits_with_2_without_uploading()
    {
        var notes = Write("portrait.jpg", "not a picture"u8.ToArray());

        var (code, output, error) = await Run("--image", notes, "--output", Path.Combine(_directory, "x.mp4"), "--plain");

        Assert.Equal(ExitCodes.BadOptions, code);
        Assert.Contains($"'{notes}' cannot be used with liveportrait-detect", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Uploading", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) { count++; }
        return count;
    }
}
