using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DashScope.Emulator;
using DashScope.Emulator.Media;
using DashScope.Emulator.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Reliability.Tests;

/// <summary>
/// Transitions stay in order, in the case the load test can only hit by chance: a subscriber
/// that is slow with one transition (a console that blocks, say) must not let a later transition of the
/// same task overtake an earlier one raised on another thread.
/// </summary>
public sealed class TransitionOrderTests
{
    [Fact]
    public async Task A_slow_subscriber_still_sees_each_tasks_transitions_in_order()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 12, 26, 3, 33, 3, TimeSpan.Zero));
        await using var emulator = LivePortraitEmulator.Start(o =>
        {
            o.TimeProvider = clock;
            o.QueueDelay = TimeSpan.FromSeconds(1);
            o.RunningBaseDuration = TimeSpan.FromSeconds(1);
            o.RunningSecondsPerAudioSecond = 0;
        });
        using var http = new HttpClient { BaseAddress = new Uri(emulator.BaseUrl + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.DemoApiKey);
        var first = await SubmitAsync(http, emulator);
        var second = await SubmitAsync(http, emulator); // queued behind the first: starts when it ends

        var seen = new List<TaskTransition>();
        using var inSlowHandler = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        emulator.TaskTransitioned += (_, t) =>
        {
            lock (seen)
            {
                seen.Add(t);
            }

            if (t.TaskId == first && t.To == EmulatedTaskStatus.Succeeded)
            {
                inSlowHandler.Set();
                release.Wait(TimeSpan.FromSeconds(5));
            }
        };

        // t+2 s: the first ends and the second starts; the subscriber dwells on the first's end...
        var slow = Task.Run(() => emulator.AdvanceClock(TimeSpan.FromSeconds(2)));
        Assert.True(inSlowHandler.Wait(TimeSpan.FromSeconds(10)), "the first task never ended");

        // ...while another request, at t+3 s, sees the second end.
        clock.Advance(TimeSpan.FromSeconds(1));
        var query = Task.Run(() => http.GetStringAsync($"tasks/{second}"));
        await Task.WhenAny(query, Task.Delay(TimeSpan.FromSeconds(1)));
        release.Set();
        await slow.WaitAsync(TimeSpan.FromSeconds(10));
        await query.WaitAsync(TimeSpan.FromSeconds(10));

        List<string> path;
        lock (seen)
        {
            path = seen.Where(t => t.TaskId == second).Select(t => $"{t.From?.ToWireName()}->{t.To.ToWireName()}").ToList();
        }

        Assert.Equal(["PENDING->RUNNING", "RUNNING->SUCCEEDED"], path);
    }

    private static async Task<string> SubmitAsync(HttpClient http, LivePortraitEmulator emulator)
    {
        using var content = new StringContent(
            $$$"""{"model":"liveportrait","input":{"image_url":"{{{emulator.SampleUrl(SampleMediaFile.Portrait)}}}","audio_url":"{{{emulator.SampleUrl(SampleMediaFile.SpeechWav)}}}"}}""",
            Encoding.UTF8,
            "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "services/aigc/image2video/video-synthesis/") { Content = content };
        request.Headers.Add("X-DashScope-Async", "enable");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("output").GetProperty("task_id").GetString()!;
    }
}
