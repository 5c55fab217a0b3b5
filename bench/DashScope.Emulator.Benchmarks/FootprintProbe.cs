using System.Globalization;
using System.Text;
using DashScope.Emulator.Media;
using Microsoft.AspNetCore.Http;

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
            var submit = Submit(submitUrl, submitBody);
            await emulator.AnswerApi(submit);
            taskId = PipelineMessages.TaskIdOf(submit);
        }

        var pollUrl = new Uri(emulator.BaseUrl + "/tasks/" + taskId);
        for (var i = 0; i < 2_000; i++)
        {
            await emulator.AnswerApi(Poll(pollUrl));
        }

        var retainedBefore = Retained();
        using var sampler = args.Contains("--types") ? new AllocationSampler() : null;
        sampler?.Start();
        // Counted over the whole loop (a precise count per request would stop every thread each time), then the
        // requests alone are made again and their bytes taken off: ASP.NET Core makes them, in both servers.
        var submitPauseStart = GC.GetTotalPauseDuration();
        var submitCollections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var submitTime = System.Diagnostics.Stopwatch.StartNew();
        var submitStart = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < tasks; i++)
        {
            await emulator.AnswerApi(Submit(submitUrl, submitBody));
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
            await emulator.AnswerApi(Poll(pollUrl));
        }

        var pollAllocated = GC.GetTotalAllocatedBytes(precise: true) - pollStart;
        pollTime.Stop();
        messagesStart = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < tasks; i++)
        {
            GC.KeepAlive(Poll(pollUrl));
        }

        pollAllocated -= GC.GetTotalAllocatedBytes(precise: true) - messagesStart;
        PrintTypes("poll", pollSampler?.Stop(), tasks);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"tasks {tasks}: allocated per submit {(double)submitAllocated / tasks:F0} B (pipeline only, request excluded), per poll {(double)pollAllocated / tasks:F0} B; " +
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

    private static HttpContext Submit(Uri url, byte[] body) => PipelineMessages.Request(url, "POST", body);

    private static HttpContext Poll(Uri url) => PipelineMessages.Request(url, "GET", null);
}
