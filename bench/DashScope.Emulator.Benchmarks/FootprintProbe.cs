using System.Globalization;
using System.Text;
using DashScope.Emulator.Media;
using WireMock;
using WireMock.Models;
using WireMock.Types;
using WireMock.Util;

namespace DashScope.Emulator.Benchmarks;

/// <summary>
/// What one submit and one poll allocate in the emulator's own pipeline (no HTTP), and what each unfinished task keeps
/// alive, with the default timings (every task stays PENDING): <c>--footprint [tasks=50000] [--types]</c> (with <c>--types</c>, the types allocated most, sampled). Figures are counted
/// bytes, not times, so they do not move with the machine's load.
/// </summary>
internal static class FootprintProbe
{
    public static async Task<int> RunAsync(string[] args)
    {
        var tasks = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50_000;
        using var emulator = LivePortraitEmulator.Start(o => o.DisableRateLimits = true);
        var submitBody = Encoding.UTF8.GetBytes(
            $$$"""{"model":"liveportrait","input":{"image_url":"{{{emulator.SampleUrl(SampleMediaFile.Portrait)}}}","audio_url":"{{{emulator.SampleUrl(SampleMediaFile.SpeechWav)}}}"},"parameters":{"template_id":"normal","video_fps":24}}""");
        var submitUrl = new Uri(emulator.BaseUrl + "/services/aigc/image2video/video-synthesis/");

        // Warm up: tiered JIT, the media cache, every per-thread buffer.
        string? taskId = null;
        for (var i = 0; i < 2_000; i++)
        {
            taskId = TaskIdOf(await emulator.Dispatch(Submit(submitUrl, submitBody)));
        }

        var poll = PipelineMessages.Message(new Uri(emulator.BaseUrl + "/tasks/" + taskId), "GET", null, PipelineMessages.Headers(false));
        for (var i = 0; i < 2_000; i++)
        {
            await emulator.Dispatch(poll);
        }

        var retainedBefore = Retained();
        using var sampler = args.Contains("--types") ? new AllocationSampler() : null;
        sampler?.Start();
        // Counted over the whole loop (a precise count per request would stop every thread each time), then the
        // messages alone are made again and their bytes taken off: WireMock makes them, in both servers.
        var submitPauseStart = GC.GetTotalPauseDuration();
        var submitCollections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var submitTime = System.Diagnostics.Stopwatch.StartNew();
        var submitStart = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < tasks; i++)
        {
            await emulator.Dispatch(Submit(submitUrl, submitBody));
        }

        var submitAllocated = GC.GetTotalAllocatedBytes(precise: true) - submitStart;
        submitTime.Stop();
        var submitPause = GC.GetTotalPauseDuration() - submitPauseStart;
        var collections = $"{GC.CollectionCount(0) - submitCollections.Item1}/{GC.CollectionCount(1) - submitCollections.Item2}/{GC.CollectionCount(2) - submitCollections.Item3}";
        var messagesStart = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < tasks; i++)
        {
            GC.KeepAlive(Submit(submitUrl, submitBody));
        }

        submitAllocated -= GC.GetTotalAllocatedBytes(precise: true) - messagesStart;
        PrintTypes("submit", sampler?.Stop(), tasks);
        var retainedAfter = Retained();
        using var pollSampler = args.Contains("--types") ? new AllocationSampler() : null;
        pollSampler?.Start();

        var pollStart = GC.GetTotalAllocatedBytes(precise: true);
        var pollTime = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < tasks; i++)
        {
            await emulator.Dispatch(poll);
        }

        var pollAllocated = (double)(GC.GetTotalAllocatedBytes(precise: true) - pollStart) / tasks;
        pollTime.Stop();
        PrintTypes("poll", pollSampler?.Stop(), tasks);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"tasks {tasks}: allocated per submit {(double)submitAllocated / tasks:F0} B (pipeline only, message excluded), per poll {pollAllocated:F0} B; " +
            $"retained per unfinished task {(double)(retainedAfter - retainedBefore) / tasks:F0} B; tasks on the board {emulator.GetTasks().Count}; " +
            $"one thread, wall time per submit {submitTime.Elapsed.TotalMicroseconds / tasks:F1} µs, per poll {pollTime.Elapsed.TotalMicroseconds / tasks:F1} µs (these move with the machine's load); " +
            $"during the submits {submitPause.TotalMilliseconds / submitTime.Elapsed.TotalMilliseconds:P0} of the time in GC pauses, collections gen0/1/2 {collections}"));
        return 0;
    }

    private static void PrintTypes(string what, IReadOnlyList<(string Type, long Bytes)>? types, int requests)
    {
        foreach (var (type, bytes) in types?.Take(25) ?? [])
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what} allocates about {(double)bytes / requests,7:F0} B/request of {type}"));
        }
    }

    private static long Retained()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }

    private static string TaskIdOf(IResponseMessage answer) =>
        System.Text.Json.JsonDocument.Parse(answer.BodyData!.BodyAsBytes!).RootElement.GetProperty("output").GetProperty("task_id").GetString()!;

    private static IRequestMessage Submit(Uri url, byte[] body) =>
        PipelineMessages.Message(url, "POST", new BodyData { BodyAsBytes = body, BodyAsString = Encoding.UTF8.GetString(body), DetectedBodyType = BodyType.String }, PipelineMessages.Headers(true));
}
