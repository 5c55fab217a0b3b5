using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace DashScope.Emulator.Host.Tests.Support;

/// <summary>A client's side of one task, over plain HTTP as any language would do it: submit, poll, download.</summary>
internal static class LivePortraitHttp
{
    public const string DemoKey = "sk-emulator-demo";

    /// <summary>A client for the API under <paramref name="root"/> (the URL the host prints) with <paramref name="apiKey"/>.</summary>
    public static HttpClient Client(Uri root, string apiKey = DemoKey)
    {
        var client = new HttpClient { BaseAddress = new Uri(root, "api/v1/"), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    /// <summary>Submits the emulator's sample portrait and speech; returns the task id.</summary>
    public static async Task<string> SubmitSampleAsync(HttpClient client, Uri root, CancellationToken cancellationToken = default)
    {
        var body = $$$"""{"model":"liveportrait","input":{"image_url":"{{{root}}}__emulator/files/portrait.png","audio_url":"{{{root}}}__emulator/files/speech.wav"}}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "services/aigc/image2video/video-synthesis/")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-DashScope-Async", "enable");
        using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        Assert.True(response.IsSuccessStatusCode, $"submit answered {(int)response.StatusCode}: {text}");
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("output").GetProperty("task_id").GetString()!;
    }

    /// <summary>Polls the task until it SUCCEEDED (returning its output) or ended otherwise (failing the test).</summary>
    public static async Task<JsonElement> WaitUntilSucceededAsync(HttpClient client, string taskId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var text = await client.GetStringAsync("tasks/" + taskId, cancellationToken).ConfigureAwait(false);
            using var json = JsonDocument.Parse(text);
            var output = json.RootElement.GetProperty("output");
            switch (output.GetProperty("task_status").GetString())
            {
                case "SUCCEEDED":
                    return output.Clone();
                case "FAILED" or "CANCELED" or "UNKNOWN":
                    Assert.Fail("The task ended without succeeding: " + text);
                    break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>True when the bytes are an ISO media file: a box of type <c>ftyp</c> first.</summary>
    public static bool IsMp4(byte[] bytes) => bytes.Length > 12 && Encoding.ASCII.GetString(bytes, 4, 4) == "ftyp";
}
