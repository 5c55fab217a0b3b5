using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace DashScope.Emulator.Benchmarks;

/// <summary>
/// The plain WireMock.Net server the load script compares the emulator host with: the same server settings as the
/// in-process comparison, two static stubs (submit and poll) whose bodies are the emulator's own answers, read from
/// files. Runs until its standard input closes or the process is stopped.
/// </summary>
internal static class StubServer
{
    /// <summary><c>--serve-stub port submit-answer-file poll-answer-file task-id</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 5)
        {
            Console.Error.WriteLine("usage: --serve-stub <port> <submit-answer-file> <poll-answer-file> <task-id>");
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

        // Stops when the script closes our input (or kills us): never outlives the script by accident.
        await Console.In.ReadToEndAsync();
        return 0;
    }
}
