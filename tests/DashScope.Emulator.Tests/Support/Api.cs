using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DashScope.Emulator.Media;

namespace DashScope.Emulator.Tests.Support;

/// <summary>An answer of the emulator: status, raw text and parsed JSON (when it is JSON).</summary>
internal sealed record ApiResult(int Status, string Text, JsonElement Json)
{
    public string? Code => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("code", out var c) ? c.GetString() : null;

    public string? Message => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("message", out var m) ? m.GetString() : null;

    public string? RequestId => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("request_id", out var r) ? r.GetString() : null;

    public JsonElement Output => Json.GetProperty("output");

    public string TaskStatus => Output.GetProperty("task_status").GetString()!;

    public string TaskId => Output.GetProperty("task_id").GetString()!;

    public string? OutputString(string name) => Output.TryGetProperty(name, out var v) ? v.GetString() : null;
}

/// <summary>Plain HttpClient calls shaped like DashScope's (the generated client does not exist yet).</summary>
internal static class Api
{
    public const string SynthesisPath = "services/aigc/image2video/video-synthesis/";
    public const string DetectPath = "services/aigc/image2video/face-detect";

    public static HttpClient Client(LivePortraitEmulator emulator, string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(emulator.BaseUrl.ToString().TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey != "")
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey ?? emulator.DemoApiKey);
        }

        return client;
    }

    public static string SynthesisBody(Uri image, Uri audio, string? parameters = null, string model = "liveportrait") =>
        $$"""{"model":"{{model}}","input":{"image_url":"{{image}}","audio_url":"{{audio}}"}{{(parameters is null ? "" : ",\"parameters\":" + parameters)}}}""";

    public static string SampleSynthesisBody(LivePortraitEmulator emulator, SampleMediaFile audio = SampleMediaFile.SpeechWav, string? parameters = null) =>
        SynthesisBody(emulator.SampleUrl(SampleMediaFile.Portrait), emulator.SampleUrl(audio), parameters);

    public static Task<ApiResult> SubmitAsync(HttpClient client, string body, bool asyncHeader = true, string contentType = "application/json", string path = SynthesisPath, CancellationToken cancellation = default) =>
        SendAsync(client, HttpMethod.Post, path, body, contentType, asyncHeader, cancellation);

    public static Task<ApiResult> DetectAsync(HttpClient client, Uri image, bool asyncHeader = false) =>
        SendAsync(client, HttpMethod.Post, DetectPath, $$$"""{"model":"liveportrait-detect","input":{"image_url":"{{{image}}}"}}""", "application/json", asyncHeader);

    public static Task<ApiResult> QueryAsync(HttpClient client, string taskId) => SendAsync(client, HttpMethod.Get, "tasks/" + taskId);

    public static Task<ApiResult> CancelAsync(HttpClient client, string taskId) => SendAsync(client, HttpMethod.Post, $"tasks/{taskId}/cancel");

    public static Task<ApiResult> ListAsync(HttpClient client, string query = "") => SendAsync(client, HttpMethod.Get, "tasks/" + query);

    public static async Task<ApiResult> SendAsync(HttpClient client, HttpMethod method, string path, string? body = null, string? contentType = "application/json", bool asyncHeader = false, CancellationToken cancellation = default)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        if (asyncHeader)
        {
            request.Headers.Add("X-DashScope-Async", "enable");
        }

        using var response = await client.SendAsync(request, cancellation);
        return await ReadAsync(response);
    }

    public static async Task<ApiResult> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        JsonElement json = default;
        try
        {
            json = JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
        }

        return new ApiResult((int)response.StatusCode, text, json);
    }

    /// <summary>Submits the sample portrait and speech and returns the task id (asserting the submit was accepted).</summary>
    public static async Task<string> SubmitSampleAsync(HttpClient client, LivePortraitEmulator emulator, SampleMediaFile audio = SampleMediaFile.SpeechWav)
    {
        var result = await SubmitAsync(client, SampleSynthesisBody(emulator, audio));
        Assert.True(result.Status == 200, result.Text);
        return result.TaskId;
    }
}
