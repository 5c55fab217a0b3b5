using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Schema;

/// <summary>What the schema's <c>x-dashscope-media</c> keyword says about one URL property of a request.</summary>
/// <param name="JsonPath">Dotted path of the URL in the request body, e.g. <c>input.image_url</c>.</param>
/// <param name="Kind">Whether the URL names an image or an audio track.</param>
/// <param name="Formats">Accepted formats, lower case (<c>png</c>, <c>mp3</c>...).</param>
/// <param name="ExclusiveMaxBytes">Files must be strictly smaller than this.</param>
/// <param name="MaxAspectRatio">Images: longest side divided by shortest side may not exceed this.</param>
/// <param name="MaxLongestSidePixels">Images: the longest side may not exceed this.</param>
/// <param name="MinDurationSeconds">Audio: shortest accepted duration.</param>
/// <param name="MaxDurationSeconds">Audio: longest accepted duration.</param>
public sealed record MediaRule(
    string JsonPath,
    MediaKind Kind,
    IReadOnlyList<string> Formats,
    long? ExclusiveMaxBytes,
    double? MaxAspectRatio,
    int? MaxLongestSidePixels,
    double? MinDurationSeconds,
    double? MaxDurationSeconds);
