using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace DashScope.Emulator.Benchmarks;

/// <summary>
/// The plain WireMock.Net server the load script compares the emulator host with: the same server settings as the
/// in-process comparison, two static stubs (submit and poll) whose bodies are the emulator's own answers, read from
/// files. Runs until the process is stopped, or for an hour at most, so it never outlives a script that died.
/// </summary>
internal static class StubServer
{
    /// <summary><c>--serve-stub port submit-answer-file poll-answer-file task-id [max-seconds]</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length is not (5 or 6))
        {
            Console.Error.WriteLine("usage: --serve-stub <port> <submit-answer-file> <poll-answer-file> <task-id> [max-seconds=3600]");
            return 2;
        }

        var settings = EmulatorVersusStubBenchmarks.StubSettings();
        settings.Urls = ["http://127.0.0.1:" + args[1]];
        using var stub = WireMockServer.Start(settings);
        stub.Given(Request.Create().WithPath("/api/v1/services/aigc/image2video/video-synthesis/").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(await File.ReadAllTextAsync(args[2])));
        stub.Given(Request.Create().WithPath("/api/v1/tasks/" + args[4]).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(await File.ReadAllTextAsync(args[3])));
        Console.WriteLine("stub listening on " + stub.Urls[0]);

        await Task.Delay(TimeSpan.FromSeconds(args.Length == 6 ? int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture) : 3600));
        return 0;
    }
}
