using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace DashScope.Emulator.Benchmarks;

/// <summary>
/// The plain WireMock.Net server the load script compares the emulator host with: the same server settings as the
/// in-process comparison, two static stubs (submit and poll) whose bodies are the emulator's own answers, read from
/// files (with <c>STUB_ANSWERS_BY_CALLBACK=1</c>: one catch-all mapping answering the same bytes from a callback, as the
/// emulator's server is mapped). Runs until the process is stopped, or for an hour at most, so it never outlives a script that died.
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
        var byCallback = Environment.GetEnvironmentVariable("STUB_ANSWERS_BY_CALLBACK") == "1";

        // The emulator's setting for answers made by a callback.
        settings.DoNotSaveDynamicResponseInLogEntry = byCallback;
        using var stub = WireMockServer.Start(settings);
        var submitAnswer = await File.ReadAllTextAsync(args[2]);
        var pollAnswer = await File.ReadAllTextAsync(args[3]);
        if (byCallback)
        {
            // Shaped like the emulator's server: one catch-all mapping whose callback makes each answer, with the same
            // bytes as the static stubs; measures what WireMock's callback path costs over a static answer.
            var submitBytes = System.Text.Encoding.UTF8.GetBytes(submitAnswer);
            var pollBytes = System.Text.Encoding.UTF8.GetBytes(pollAnswer);
            stub.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithCallback(request =>
            {
                var answer = new WireMock.ResponseMessage
                {
                    StatusCode = 200,
                    BodyData = new WireMock.Util.BodyData
                    {
                        DetectedBodyType = WireMock.Types.BodyType.Bytes,
                        BodyAsBytes = request.Method == "POST" ? submitBytes : pollBytes,
                    },
                };
                answer.AddHeader("Content-Type", "application/json");
                return answer;
            }));
        }
        else
        {
            stub.Given(Request.Create().WithPath("/api/v1/services/aigc/image2video/video-synthesis/").UsingPost())
                .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(submitAnswer));
            stub.Given(Request.Create().WithPath("/api/v1/tasks/" + args[4]).UsingGet())
                .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(pollAnswer));
        }

        Console.WriteLine("stub listening on " + stub.Urls[0]);

        await Task.Delay(TimeSpan.FromSeconds(args.Length == 6 ? int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture) : 3600));
        return 0;
    }
}
