using System.Globalization;
using System.Text;

namespace DashScope.Toolkit.Generator.Benchmarks;

/// <summary>
/// A consumer that builds many LivePortrait requests with constant values, the code the request analyzer looks at:
/// every value valid (so the figures time the checks, not error reporting), ten requests per method.
/// </summary>
internal static class RequestProgram
{
    public const int RequestsPerMethod = 10;

    /// <summary>A file with <paramref name="requests"/> request initializers; <paramref name="invalidFps"/> writes one out-of-range frame rate (to prove the analyzer runs).</summary>
    public static string Source(int requests, bool invalidFps = false)
    {
        var text = new StringBuilder();
        text.AppendLine("using DashScope.LivePortrait;").AppendLine().AppendLine("namespace Consumer;").AppendLine();
        text.AppendLine("public static class Requests").AppendLine("{");
        for (var method = 0; method * RequestsPerMethod < requests; method++)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    public static VideoSynthesisRequest[] Batch{method}() =>").AppendLine("    [");
            for (var i = method * RequestsPerMethod; i < Math.Min(requests, (method + 1) * RequestsPerMethod); i++)
            {
                var fps = invalidFps && i == 0 ? 60 : 25 + i % 6;
                text.AppendLine(CultureInfo.InvariantCulture, $$"""
                            new VideoSynthesisRequest
                            {
                                Input = new VideoSynthesisInput { ImageUrl = "https://example.com/portrait{{i}}.png", AudioUrl = "https://example.com/speech{{i}}.mp3" },
                                Parameters = new VideoSynthesisParameters { TemplateId = TemplateId.Calm, VideoFps = {{fps}}, EyeMoveFreq = 0.{{i % 10}}, MouthMoveStrength = 1.2, PasteBack = false },
                            },
                    """);
            }
            text.AppendLine("    ];");
        }
        return text.AppendLine("}").ToString();
    }
}
