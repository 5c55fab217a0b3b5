using WireMock;
using WireMock.Models;
using WireMock.Util;

namespace DashScope.Emulator.Benchmarks;

/// <summary>The WireMock request messages a poll and a submit become, built without HTTP for the in-process measurements.</summary>
internal static class PipelineMessages
{
    /// <summary>A message as WireMock's middleware makes one; its constructor is internal, so it is reached by reflection.</summary>
    public static IRequestMessage Message(Uri url, string method, IBodyData? body, IDictionary<string, string[]> headers) =>
        (IRequestMessage)Activator.CreateInstance(
            typeof(RequestMessage),
            System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic,
            null,
            [new UrlDetails(url), method, "127.0.0.1", body, headers, null],
            null)!;

    /// <summary>The demo account's key, plus the JSON and async headers of a submit when <paramref name="submit"/>.</summary>
    public static Dictionary<string, string[]> Headers(bool submit)
    {
        var headers = new Dictionary<string, string[]> { ["Authorization"] = ["Bearer " + EmulatorOptions.DefaultDemoApiKey] };
        if (submit)
        {
            headers["Content-Type"] = ["application/json"];
            headers["X-DashScope-Async"] = ["enable"];
        }

        return headers;
    }
}
