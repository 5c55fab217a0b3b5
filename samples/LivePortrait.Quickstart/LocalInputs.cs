using System.Globalization;
using DashScope.LivePortrait;
using DashScope.Toolkit;

namespace LivePortrait.Quickstart;

/// <summary>
/// Turns <c>--image</c> and <c>--audio</c> files into inputs: checks them before anything starts, uploads them to
/// the temporary storage (once for the face check's model, once for the synthesis model: a stored file is bound to
/// its model) and prints each upload's progress.
/// </summary>
internal sealed class LocalInputs
{
    private readonly QuickstartSettings _settings;
    private readonly TextWriter _output;

    public LocalInputs(QuickstartSettings settings, TextWriter output)
    {
        _settings = settings;
        _output = output;
    }

    /// <summary>True when at least one input is a local file.</summary>
    public bool Any => _settings.ImagePath is not null || _settings.AudioPath is not null;

    /// <summary>What is wrong with the file options, or null: a file and a URL for one input, or a file that cannot be read.</summary>
    public static string? Problem(QuickstartSettings settings)
    {
        if (settings.ImagePath is not null && settings.ImageUrl is not null) { return "Give the portrait once: --image (a local file) or --image-url, not both."; }
        if (settings.AudioPath is not null && settings.AudioUrl is not null) { return "Give the speech once: --audio (a local file) or --audio-url, not both."; }
        return Unreadable("--image", settings.ImagePath) ?? Unreadable("--audio", settings.AudioPath);
    }

    /// <summary>The face check on the portrait, uploading it first when it is a local file.</summary>
    public async Task<FaceDetectResponse> DetectFaceAsync(LivePortraitClient client, string? imageUrl, CancellationToken cancellationToken)
    {
        if (_settings.ImagePath is not { } path)
        {
            await _output.WriteLineAsync($"Face check of {imageUrl} ...").ConfigureAwait(false);
            return await client.DetectFaceAsync(new FaceDetectRequest { Input = new FaceDetectInput { ImageUrl = imageUrl! } }, cancellationToken).ConfigureAwait(false);
        }
        await _output.WriteLineAsync($"Face check of {path} (uploaded to the temporary storage) ...").ConfigureAwait(false);
        return await client.DetectFaceFromFilesAsync(path, new Printer(_output), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The submit's URLs: each local file uploaded for the synthesis model, each URL as given.</summary>
    public async Task<(string Image, string Audio)> SynthesisUrlsAsync(LivePortraitClient client, string? imageUrl, string? audioUrl, CancellationToken cancellationToken)
    {
        var files = new List<DashScopeLocalFile>();
        if (_settings.ImagePath is { } image) { files.Add(new DashScopeLocalFile(image, "input.image_url")); }
        if (_settings.AudioPath is { } audio) { files.Add(new DashScopeLocalFile(audio, "input.audio_url")); }
        if (files.Count == 0) { return (imageUrl!, audioUrl!); }

        // The model the request names by default: the stored files must be bound to it.
        var model = new VideoSynthesisRequest { Input = new VideoSynthesisInput { ImageUrl = string.Empty, AudioUrl = string.Empty } }.Model;
        var stored = await client.Uploader.UploadFilesAsync(files, model, new Printer(_output), cancellationToken).ConfigureAwait(false);
        var next = 0;
        return (_settings.ImagePath is null ? imageUrl! : stored[next++].Url, _settings.AudioPath is null ? audioUrl! : stored[next].Url);
    }

    private static string? Unreadable(string option, string? path)
    {
        if (path is null) { return null; }
        if (Directory.Exists(path)) { return $"{option}: '{path}' is a directory, not a file."; }
        if (!File.Exists(path)) { return $"{option}: '{path}' does not exist (full path: {Path.GetFullPath(path)})."; }
        try
        {
            using var _ = File.OpenRead(path);
            return null;
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            return $"{option}: '{path}' cannot be read: {unreadable.Message}";
        }
    }

    /// <summary>One line when a file starts and at each quarter of it, in report order.</summary>
    private sealed class Printer(TextWriter output) : IProgress<DashScopeUploadProgress>
    {
        private int _lastQuarter = -1;

        public void Report(DashScopeUploadProgress value)
        {
            var quarter = (int)Math.Floor(value.Fraction * 4);
            if (value.BytesSent == 0) { _lastQuarter = -1; }
            if (quarter == _lastQuarter) { return; }
            _lastQuarter = quarter;
            var percent = (value.Fraction * 100).ToString("0", CultureInfo.InvariantCulture);
            output.WriteLine($"Uploading {Path.GetFileName(value.FileName)}: {percent}% of {value.TotalBytes} bytes");
        }
    }
}
