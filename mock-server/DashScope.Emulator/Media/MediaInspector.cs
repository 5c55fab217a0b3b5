using MetadataExtractor;
using MetadataExtractor.Formats.Bmp;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.Formats.Png;
using MetadataExtractor.Formats.WebP;
using MetadataExtractor.Util;

namespace DashScope.Emulator.Media;

/// <summary>
/// Sniffs a file's format from its bytes and reads image dimensions (MetadataExtractor) and audio
/// durations (<see cref="WaveDuration"/>, <see cref="Mp3Duration"/>). The file name and the
/// Content-Type a server sent are ignored on purpose: the real service judges the bytes.
/// </summary>
internal static class MediaInspector
{
    public static MediaInfo Inspect(byte[] bytes)
    {
        FileType type;
        try
        {
            using var probe = new MemoryStream(bytes, writable: false);
            type = FileTypeDetector.DetectFileType(probe);
        }
        catch (Exception e) when (e is IOException or ImageProcessingException or ArgumentException)
        {
            type = FileType.Unknown;
        }

        switch (type)
        {
            case FileType.Jpeg:
            case FileType.Png:
            case FileType.Bmp:
            case FileType.WebP:
                var (width, height) = ReadDimensions(bytes);
                return new MediaInfo(type.ToString().ToLowerInvariant(), bytes.Length, width, height, null);
            case FileType.Wav:
                return new MediaInfo("wav", bytes.Length, null, null, WaveDuration.Read(bytes));
            default:
                // MetadataExtractor only recognises MP3 that starts with an ID3 tag; headerless streams
                // (as LAME writes them) are recognised by their frame headers instead.
                if (Mp3Duration.Read(bytes) is { } seconds)
                {
                    return new MediaInfo("mp3", bytes.Length, null, null, seconds);
                }

                return new MediaInfo(type == FileType.Unknown ? null : type.ToString().ToLowerInvariant(), bytes.Length, null, null, null);
        }
    }

    private static (int? Width, int? Height) ReadDimensions(byte[] bytes)
    {
        IReadOnlyList<MetadataExtractor.Directory> directories;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            directories = ImageMetadataReader.ReadMetadata(stream);
        }
        catch (Exception e) when (e is IOException or ImageProcessingException or ArgumentException)
        {
            return (null, null);
        }

        foreach (var directory in directories)
        {
            var (widthTag, heightTag) = directory switch
            {
                JpegDirectory => (JpegDirectory.TagImageWidth, JpegDirectory.TagImageHeight),
                PngDirectory => (PngDirectory.TagImageWidth, PngDirectory.TagImageHeight),
                BmpHeaderDirectory => (BmpHeaderDirectory.TagImageWidth, BmpHeaderDirectory.TagImageHeight),
                WebPDirectory => (WebPDirectory.TagImageWidth, WebPDirectory.TagImageHeight),
                _ => (-1, -1),
            };
            if (widthTag >= 0 && directory.TryGetInt32(widthTag, out var width) && directory.TryGetInt32(heightTag, out var height))
            {
                // BMP stores bottom-up images with a negative height.
                return (Math.Abs(width), Math.Abs(height));
            }
        }

        return (null, null);
    }
}
