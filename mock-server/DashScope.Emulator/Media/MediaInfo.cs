namespace DashScope.Emulator.Media;

/// <summary>What the emulator learned from a media file's bytes.</summary>
/// <param name="Format">Format sniffed from the bytes, lower case (<c>png</c>, <c>jpeg</c>, <c>wav</c>, <c>mp3</c>...), or null when unrecognised.</param>
/// <param name="Length">Size of the file in bytes.</param>
/// <param name="Width">Image width in pixels.</param>
/// <param name="Height">Image height in pixels.</param>
/// <param name="DurationSeconds">Audio duration in seconds.</param>
public sealed record MediaInfo(string? Format, long Length, int? Width, int? Height, double? DurationSeconds);
