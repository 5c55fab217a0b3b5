using System.Text;
using BenchmarkDotNet.Attributes;
using DashScope.Emulator.Media;
using DashScope.Emulator.Tasks;
using WireMock;
using WireMock.Models;
using WireMock.Types;
using WireMock.Util;

namespace DashScope.Emulator.Benchmarks;

/// <summary>
/// The emulator's own work per request, without HTTP: the WireMock request message a poll or a submit
/// becomes, handed straight to the emulator's handler. Subtract from the HTTP figures to see what the
/// transport costs (the same for the stub).
/// </summary>
[Config(typeof(ShortRunConfig))]
public class HandlerBenchmarks
{
    private LivePortraitEmulator _emulator = null!;
    private IRequestMessage _poll = null!;
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
        var submitted = Submit().GetAwaiter().GetResult();
        var taskId = System.Text.Json.JsonDocument.Parse(submitted.BodyData!.BodyAsBytes!).RootElement.GetProperty("output").GetProperty("task_id").GetString()!;
        _emulator.ForceStatus(taskId, EmulatedTaskStatus.Succeeded);
        _poll = PipelineMessages.Message(new Uri(_emulator.BaseUrl + "/tasks/" + taskId), "GET", null, PipelineMessages.Headers(false));
    }

    [GlobalCleanup]
    public void Cleanup() => _emulator.Dispose();

    [Benchmark]
    public Task<IResponseMessage> PollHandler() => _emulator.Dispatch(_poll);

    [Benchmark]
    public Task<IResponseMessage> SubmitHandler() => Submit();

    private Task<IResponseMessage> Submit()
    {
        // A fresh message per submit, as WireMock makes one per request.
        var body = new BodyData { BodyAsBytes = _submitBody, BodyAsString = Encoding.UTF8.GetString(_submitBody), DetectedBodyType = BodyType.String };
        return _emulator.Dispatch(PipelineMessages.Message(_submitUrl, "POST", body, PipelineMessages.Headers(true)));
    }
}
