using System.Text;
using BenchmarkDotNet.Attributes;
using DashScope.Emulator.Media;
using DashScope.Emulator.Tasks;
using Microsoft.AspNetCore.Http;

namespace DashScope.Emulator.Benchmarks;

/// <summary>
/// The emulator's own work per request, without a socket: the ASP.NET Core request a poll or a submit
/// becomes, handed straight to the emulator's API middleware. Subtract from the HTTP figures to see what the
/// transport costs.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class HandlerBenchmarks
{
    private LivePortraitEmulator _emulator = null!;
    private Uri _pollUrl = null!;
    private byte[] _submitBody = null!;
    private Uri _submitUrl = null!;

    [GlobalSetup]
    public void Setup()
    {
        _emulator = LivePortraitEmulator.Start(o =>
        {
            o.DisableRateLimits = true;
            o.JournalCapacity = 1_000;
        });
        _submitBody = Encoding.UTF8.GetBytes(
            $$$"""{"model":"liveportrait","input":{"image_url":"{{{_emulator.SampleUrl(SampleMediaFile.Portrait)}}}","audio_url":"{{{_emulator.SampleUrl(SampleMediaFile.SpeechWav)}}}"},"parameters":{"template_id":"normal","video_fps":24}}""");
        _submitUrl = new Uri(_emulator.BaseUrl + "/services/aigc/image2video/video-synthesis/");
        var submitted = PipelineMessages.Request(_submitUrl, "POST", _submitBody);
        _emulator.AnswerApi(submitted).GetAwaiter().GetResult();
        var taskId = PipelineMessages.TaskIdOf(submitted);
        _emulator.ForceStatus(taskId, EmulatedTaskStatus.Succeeded);
        _pollUrl = new Uri(_emulator.BaseUrl + "/tasks/" + taskId);
    }

    [GlobalCleanup]
    public void Cleanup() => _emulator.Dispose();

    // A fresh request per call, as ASP.NET Core makes one per request.
    [Benchmark]
    public Task PollHandler() => _emulator.AnswerApi(PipelineMessages.Request(_pollUrl, "GET", null));

    [Benchmark]
    public Task SubmitHandler() => _emulator.AnswerApi(PipelineMessages.Request(_submitUrl, "POST", _submitBody));
}
