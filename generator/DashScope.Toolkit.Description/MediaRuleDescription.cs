namespace DashScope.Toolkit.Description;

/// <summary>What a media URL points at.</summary>
public enum MediaKind
{
    /// <summary>A still image.</summary>
    Image,

    /// <summary>An audio track.</summary>
    Audio,
}

/// <summary>The limits <c>x-dashscope-media</c> puts on the content behind a URL (JSON Schema cannot say them).</summary>
/// <param name="PropertyPath">Dotted wire path of the URL: from the request's root in <see cref="OperationDescription.MediaRules"/> (<c>input.image_url</c>), the property's own wire name in <see cref="ValueDescription.Media"/>.</param>
/// <param name="Kind">Image or audio.</param>
/// <param name="Formats">Accepted formats, lower case (<c>png</c>, <c>mp3</c>).</param>
/// <param name="ExclusiveMaxBytes">Files must be strictly smaller than this.</param>
/// <param name="MaxAspectRatio">Images: the longest side divided by the shortest may not exceed this.</param>
/// <param name="MaxLongestSidePixels">Images: the longest side may not exceed this.</param>
/// <param name="MinDurationSeconds">Audio: the shortest accepted duration.</param>
/// <param name="MaxDurationSeconds">Audio: the longest accepted duration.</param>
public sealed record MediaRuleDescription(
    string PropertyPath,
    MediaKind Kind,
    EquatableArray<string> Formats,
    long? ExclusiveMaxBytes,
    double? MaxAspectRatio,
    int? MaxLongestSidePixels,
    double? MinDurationSeconds,
    double? MaxDurationSeconds);
