using System.Net.Http.Json;
using System.Text.Json;
using DashScope.Emulator.Media;
using DashScope.Emulator.Xunit;

namespace DashScope.Emulator.Tests;

public sealed class Smoke : IClassFixture<LivePortraitEmulatorFixture>
{
    private readonly LivePortraitEmulatorFixture _fx;

    public Smoke(LivePortraitEmulatorFixture fx) => _fx = fx;

    [Fact]
    public async Task SubmitAndPoll()
    {
        using var client = _fx.CreateClient();
        var body = new
        {
            model = "liveportrait",
            input = new { image_url = _fx.Emulator.SampleUrl(SampleMediaFile.Portrait), audio_url = _fx.Emulator.SampleUrl(SampleMediaFile.SpeechWav) },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "services/aigc/image2video/video-synthesis/") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-DashScope-Async", "enable");
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Console.WriteLine(text);
        Assert.Equal(200, (int)response.StatusCode);
        var id = JsonDocument.Parse(text).RootElement.GetProperty("output").GetProperty("task_id").GetString();
        _fx.Advance(TimeSpan.FromSeconds(6));
        Console.WriteLine(await client.GetStringAsync($"tasks/{id}"));
        _fx.Advance(TimeSpan.FromSeconds(60));
        var done = await client.GetStringAsync($"tasks/{id}");
        Console.WriteLine(done);
        Assert.Contains("SUCCEEDED", done);
    }
}
