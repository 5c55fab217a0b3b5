using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace DashScope.Emulator.Benchmarks;

/// <summary>
/// The plain WireMock.Net server the load script compares the emulator host with: the same server settings as the
/// in-process comparison, two static stubs (submit and poll) whose bodies are the emulator's own answers, read from
/// files. With <c>STUB_ANSWERS_BY_CALLBACK=1</c>: one catch-all mapping answering the same bytes from a callback. With
/// <c>STUB_ANSWERS_IN_MIDDLEWARE=1</c>: the same bytes written by ASP.NET Core middleware ahead of WireMock's request
/// mapping, as the emulator answers its API, so only the emulator's own work separates the two. Runs until the process
/// is stopped, or for an hour at most, so it never outlives a script that died.
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
        var inMiddleware = Environment.GetEnvironmentVariable("STUB_ANSWERS_IN_MIDDLEWARE") == "1";
        var submitAnswer = await File.ReadAllTextAsync(args[2]);
        var pollAnswer = await File.ReadAllTextAsync(args[3]);

        // The emulator's setting for answers made by a callback.
        settings.DoNotSaveDynamicResponseInLogEntry = byCallback;
        if (inMiddleware)
        {
            settings.PreWireMockMiddlewareInit = app => ((IApplicationBuilder)app).Use(MiddlewareAnswers(submitAnswer, pollAnswer, args[4]));
        }

        using var stub = WireMockServer.Start(settings);
        if (byCallback)
        {
            // Shaped as the emulator's server was before it answered its API in middleware: one catch-all mapping whose
            // callback makes each answer, with the same bytes as the static stubs; measures what WireMock's callback
            // path costs over a static answer.
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

        Console.WriteLine($"stub listening on {stub.Urls[0]}{(inMiddleware ? ", answering in middleware" : byCallback ? ", answering from a callback" : "")}");

        await Task.Delay(TimeSpan.FromSeconds(args.Length == 6 ? int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture) : 3600));
        return 0;
    }

    // The two answers as the emulator writes its own: status, content type, length, bytes; anything else goes on to WireMock.
    private static Func<HttpContext, RequestDelegate, Task> MiddlewareAnswers(string submitAnswer, string pollAnswer, string taskId)
    {
        var submitBytes = System.Text.Encoding.UTF8.GetBytes(submitAnswer);
        var pollBytes = System.Text.Encoding.UTF8.GetBytes(pollAnswer);
        var pollPath = "/api/v1/tasks/" + taskId;
        return async (http, next) =>
        {
            var request = http.Request;
            byte[]? answer = null;
            if (HttpMethods.IsPost(request.Method) && request.Path == "/api/v1/services/aigc/image2video/video-synthesis/")
            {
                // Read the body, as any server that answers a submit must.
                await request.BodyReader.CopyToAsync(Stream.Null);
                answer = submitBytes;
            }
            else if (HttpMethods.IsGet(request.Method) && request.Path == pollPath)
            {
                answer = pollBytes;
            }

            if (answer is null)
            {
                await next(http);
                return;
            }

            http.Response.StatusCode = 200;
            http.Response.ContentType = "application/json";
            http.Response.ContentLength = answer.Length;
            await http.Response.Body.WriteAsync(answer);
        };
    }
}
