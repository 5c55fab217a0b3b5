using DashScope.Emulator.Media;

namespace DashScope.Emulator.Tests;

/// <summary>
/// A URL of the emulator's own files is read once and remembered by the file name it names, never by the file: a file
/// served later under that name, or served again with other bytes, is what the next fetch of the same URL gets.
/// </summary>
public sealed class OwnFileFetchTests : IDisposable
{
    private const int Port = 18999;
    private readonly MediaLibrary _library = new(TimeSpan.FromSeconds(1));

    public OwnFileFetchTests() => _library.RecogniseOwnUrls(uri => uri.Port == Port && MediaLibrary.IsLoopback(uri));

    public void Dispose() => _library.Dispose();

    [Fact]
    public async Task AFileServedAfterTheFirstFetchIsFoundByTheSameUrl()
    {
        var url = $"http://127.0.0.1:{Port}{MediaLibrary.FilesPath}later.png";

        var before = await _library.FetchAsync(url, null, CancellationToken.None);
        _library.Serve("later.png", Sample(SampleMediaFile.Portrait), "image/png");
        var after = await _library.FetchAsync(url, null, CancellationToken.None);

        Assert.Equal(FetchFailure.DownloadFailed, before.Failure);
        Assert.Null(after.Failure);
        Assert.Equal("png", after.Info!.Format);
    }

    [Fact]
    public async Task AFileServedAgainWithOtherBytesIsWhatTheNextFetchGets()
    {
        var url = $"http://127.0.0.1:{Port}{MediaLibrary.FilesPath}swap";
        _library.Serve("swap", Sample(SampleMediaFile.Portrait), "image/png");
        var first = await _library.FetchAsync(url, null, CancellationToken.None);

        _library.Serve("swap", Sample(SampleMediaFile.SpeechWav), "audio/wav");
        var second = await _library.FetchAsync(url, null, CancellationToken.None);

        Assert.Equal("png", first.Info!.Format);
        Assert.Equal("wav", second.Info!.Format);
    }

    [Fact]
    public async Task TheByteLimitIsAppliedOnEveryFetchOfARememberedUrl()
    {
        var url = $"http://127.0.0.1:{Port}{MediaLibrary.FilesPath}portrait.png";
        var size = Sample(SampleMediaFile.Portrait).Length;

        Assert.Null((await _library.FetchAsync(url, size + 1, CancellationToken.None)).Failure);
        Assert.Equal(FetchFailure.TooLarge, (await _library.FetchAsync(url, size, CancellationToken.None)).Failure);
    }

    [Fact]
    public async Task AnEscapedNameIsReadUnescapedFromTheFirstFetchOn()
    {
        _library.Serve("a b.png", Sample(SampleMediaFile.Portrait), "image/png");
        var url = $"http://127.0.0.1:{Port}{MediaLibrary.FilesPath}a%20b.png";

        Assert.Null((await _library.FetchAsync(url, null, CancellationToken.None)).Failure);
        Assert.Null((await _library.FetchAsync(url, null, CancellationToken.None)).Failure);
    }

    private byte[] Sample(SampleMediaFile sample) =>
        _library.TryGetFile(MediaLibrary.FileName(sample), out var file) ? file.Content : throw new InvalidOperationException("no sample " + sample);
}
