using System.Net;
using DashScope.Emulator;
using DashScope.EndToEnd.Tests.Support;
using DashScope.Testing;
using DashScope.Toolkit;

namespace DashScope.EndToEnd.Tests;

/// <summary>
/// Bad files and refused uploads: each is a <see cref="DashScopeUploadException"/> that names the file, checks
/// made on the machine send nothing at all, and a refused or stopped upload leaves nothing stored.
/// </summary>
public sealed class UploadFailureTests(UploadFailureTests.SmallStorageFixture fixture) : IClassFixture<UploadFailureTests.SmallStorageFixture>
{
    /// <summary>The emulator's storage with a 200 KiB file limit (1 MB in the policy, which rounds up) and a 300 KiB daily quota.</summary>
    public sealed class SmallStorageFixture : EndToEndFixture
    {
        public const long MaxFileBytes = 200 * 1024;
        public const long DailyCapacityBytes = 300 * 1024;

        protected override void Configure(EmulatorOptions options)
        {
            base.Configure(options);
            options.UploadMaxFileBytes = MaxFileBytes;
            options.UploadDailyCapacityBytes = DailyCapacityBytes;
        }
    }

    [Fact]
    public async Task A_missing_file_is_named_with_its_full_path_and_nothing_is_sent()
    {
        using var h = new Harness(fixture);
        using var files = new LocalFiles();
        var log = new RequestLog();

        var error = await Assert.ThrowsAsync<DashScopeUploadException>(() => h.Client(outer: log).UploadAsync(files.Missing(), "liveportrait"));

        Assert.Equal(DashScopeUploadFailure.FileNotFound, error.Failure);
        Assert.Equal(files.Missing(), error.FileName);
        Assert.Contains(files.Missing(), error.Message, StringComparison.Ordinal);
        Assert.Empty(log.Requests);
    }

    [Fact]
    public async Task A_directory_is_not_a_file()
    {
        using var h = new Harness(fixture);
        using var files = new LocalFiles();

        var error = await Assert.ThrowsAsync<DashScopeUploadException>(() => h.Client().UploadAsync(files.Folder, "liveportrait"));

        Assert.Equal((DashScopeUploadFailure.FileUnreadable, files.Folder), (error.Failure, error.FileName));
        Assert.Contains("directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_file_is_refused_before_the_policy_call()
    {
        using var h = new Harness(fixture);
        using var files = new LocalFiles();
        var log = new RequestLog();
        var empty = files.Write("empty.png", []);

        var error = await Assert.ThrowsAsync<DashScopeUploadException>(() => h.Client(outer: log).UploadAsync(empty, "liveportrait"));

        Assert.Equal(DashScopeUploadFailure.EmptyFile, error.Failure);
        Assert.Contains("empty.png", error.Message, StringComparison.Ordinal);
        Assert.Empty(log.Requests);
    }

    [Fact]
    public async Task A_file_is_judged_by_its_content_not_its_name()
    {
        using var h = new Harness(fixture);
        using var files = new LocalFiles();
        var log = new RequestLog();
        var client = h.Client(outer: log);
        var text = files.Write("notes.png", "just some text, not a picture"u8.ToArray());
        var gif = files.Write("anim.png", MediaFiles.Gif());

        var notMedia = await Assert.ThrowsAsync<DashScopeUploadException>(() => client.UploadAsync(text, "liveportrait"));
        var wrongMedia = await Assert.ThrowsAsync<DashScopeUploadException>(() => client.UploadAsync(gif, "liveportrait"));

        Assert.Equal(DashScopeUploadFailure.UnsupportedFormat, notMedia.Failure);
        Assert.Contains("notes.png", notMedia.Message, StringComparison.Ordinal);
        Assert.Contains("input.image_url takes jpeg, jpg, png, bmp, webp", notMedia.Message, StringComparison.Ordinal);
        Assert.Contains("its content is gif", wrongMedia.Message, StringComparison.Ordinal);
        Assert.Empty(log.Requests);
    }

    [Fact]
    public async Task A_file_for_a_field_must_keep_that_fields_rule_and_a_bad_second_file_stops_the_first_from_being_stored()
    {
        using var h = new Harness(fixture);
        using var files = new LocalFiles();
        var log = new RequestLog();
        var client = h.Client(outer: log);
        var portrait = files.Portrait();

        // A WAV where the portrait goes, then a PNG where the speech goes.
        var audioAsImage = await Assert.ThrowsAsync<DashScopeUploadException>(() => client.GenerateFromFilesAsync(files.Speech(), files.Speech("b.wav")));
        var imageAsAudio = await Assert.ThrowsAsync<DashScopeUploadException>(() => client.GenerateFromFilesAsync(portrait, files.Portrait("voice.wav")));
        var missingAudio = await Assert.ThrowsAsync<DashScopeUploadException>(() => client.GenerateFromFilesAsync(portrait, files.Missing()));

        Assert.Contains("hello.wav", audioAsImage.Message, StringComparison.Ordinal);
        Assert.Contains("input.image_url takes", audioAsImage.Message, StringComparison.Ordinal);
        Assert.Equal((DashScopeUploadFailure.UnsupportedFormat, files.Portrait("voice.wav")), (imageAsAudio.Failure, imageAsAudio.FileName));
        Assert.Equal(DashScopeUploadFailure.FileNotFound, missingAudio.Failure);
        Assert.Empty(log.Requests);
        Assert.Empty(h.Emulator.GetUploads(h.AccountId));
    }

    [Fact]
    public async Task A_file_over_its_media_rule_is_refused_on_the_machine_and_one_over_the_policy_after_the_policy_call()
    {
        using var h = new Harness(fixture);
        using var files = new LocalFiles();
        var log = new RequestLog();
        var client = h.Client(outer: log);
        // PNG's signature followed by padding: the size, not the picture, is what is checked first.
        var overRule = files.Write("huge.png", Padded(MediaFiles.Png(8, 8), 10 * 1024 * 1024));
        var overPolicy = files.Write("large.png", Padded(MediaFiles.Png(8, 8), 1024 * 1024 + 1));

        var rule = await Assert.ThrowsAsync<DashScopeUploadException>(() => client.UploadAsync(overRule, "liveportrait"));
        Assert.Empty(log.Requests);
        var policy = await Assert.ThrowsAsync<DashScopeUploadException>(() => client.UploadAsync(overPolicy, "liveportrait"));

        Assert.Equal(DashScopeUploadFailure.TooLarge, rule.Failure);
        Assert.Contains("huge.png", rule.Message, StringComparison.Ordinal);
        Assert.Contains("under 10 MB (10485760 bytes)", rule.Message, StringComparison.Ordinal);
        Assert.Equal(DashScopeUploadFailure.TooLarge, policy.Failure);
        Assert.Contains("at most 1 MB", policy.Message, StringComparison.Ordinal);
        Assert.Equal(1, log.Count("/uploads"));
        Assert.Empty(h.Emulator.GetUploads(h.AccountId));
    }

    [Fact]
    public async Task The_storage_refusing_a_file_over_its_exact_limit_is_an_upload_exception_with_its_code()
    {
        using var h = new Harness(fixture);
        using var files = new LocalFiles();
        // Under the policy's rounded 1 MB, over the exact 200 KiB of its content-length-range.
        var path = files.Write("medium.png", Padded(MediaFiles.Png(8, 8), (int)SmallStorageFixture.MaxFileBytes + 1));

        var error = await Assert.ThrowsAsync<DashScopeUploadException>(() => h.Client().UploadAsync(path, "liveportrait"));

        Assert.Equal((DashScopeUploadFailure.Refused, HttpStatusCode.BadRequest, "EntityTooLarge"), (error.Failure, error.StatusCode, error.Code));
        Assert.Contains("medium.png", error.Message, StringComparison.Ordinal);
        Assert.Empty(h.Emulator.GetUploads(h.AccountId));
    }

    [Fact]
    public async Task The_daily_capacity_refuses_the_upload_that_would_pass_it_and_keeps_the_earlier_ones()
    {
        using var h = new Harness(fixture);
        using var files = new LocalFiles();
        var client = h.Client();
        var chunk = Padded(MediaFiles.Png(8, 8), 120 * 1024);
        await client.UploadAsync(files.Write("one.png", chunk), "liveportrait");
        await client.UploadAsync(files.Write("two.png", chunk), "liveportrait");

        var error = await Assert.ThrowsAsync<DashScopeUploadException>(() => client.UploadAsync(files.Write("three.png", chunk), "liveportrait"));

        Assert.Equal((DashScopeUploadFailure.Refused, HttpStatusCode.Forbidden, "QuotaExceeded"), (error.Failure, error.StatusCode, error.Code));
        Assert.Contains("three.png", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, h.Emulator.GetUploads(h.AccountId).Count);
    }

    [Fact]
    public async Task A_model_that_takes_no_media_is_named_with_the_models_that_do()
    {
        using var h = new Harness(fixture);
        using var files = new LocalFiles();

        var error = await Assert.ThrowsAsync<DashScopeUploadException>(() => h.Client().UploadAsync(files.Portrait(), "wanx-v1"));

        Assert.Equal(DashScopeUploadFailure.UnknownModel, error.Failure);
        Assert.Contains("'wanx-v1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("liveportrait-detect, liveportrait", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_that_cannot_seek_is_read_whole_and_stored()
    {
        using var h = new Harness(fixture);
        var bytes = MediaFiles.Wav(1.5);
        await using var stream = new ForwardOnlyStream(bytes);

        var stored = await h.Client().UploadAsync(stream, "voice.wav", "liveportrait");

        Assert.Equal(bytes.Length, stored.Length);
        Assert.Equal(bytes.Length, Assert.Single(h.Emulator.GetUploads(h.AccountId)).SizeBytes);
    }

    private static byte[] Padded(byte[] head, int length)
    {
        var bytes = new byte[length];
        head.CopyTo(bytes, 0);
        return bytes;
    }

    /// <summary>A stream that reads once, front to back, and cannot tell its length.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    }
}
