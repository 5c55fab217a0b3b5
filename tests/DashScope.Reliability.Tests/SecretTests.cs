using System.Diagnostics;
using System.Net.Http.Json;
using DashScope.Emulator;
using DashScope.Emulator.Control;
using DashScope.Emulator.Host;
using DashScope.Emulator.Media;
using DashScope.LivePortrait;
using DashScope.Reliability.Tests.Support;
using DashScope.Toolkit;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Reliability.Tests;

/// <summary>
/// The generated client and the emulator, at their most verbose, through a normal task,
/// failed tasks and error answers; no log line, console line, exception, ToString, journal entry or admin
/// answer carries the API key. And the standalone host, run as the process users run, refuses a
/// non-loopback address without --allow-remote.
/// </summary>
public sealed class SecretTests
{
    private const string Key = "sk-leakcheck-6b1f0c2e9d7a4e3f";
    private const string UnregisteredKey = "sk-leakcheck-unregistered-51a9c7";

    [Fact]
    public async Task The_key_appears_in_no_log_exception_journal_or_console_line()
    {
        var texts = new List<string>();
        var console = new StringWriter();
        var (stdout, stderr) = (Console.Out, Console.Error);
        Console.SetOut(console);
        Console.SetError(console);
        try
        {
            var clock = new FakeTimeProvider(new DateTimeOffset(2025, 12, 26, 3, 33, 3, TimeSpan.Zero));
            await using var emulator = LivePortraitEmulator.Start(o => o.TimeProvider = clock);
            emulator.AddAccount("leakcheck", Key);
            var logs = new CollectingLoggerFactory();
            using var driver = new ClockDriver(emulator, clock);
            var wait = new TaskWaitOptions { InitialPollInterval = TimeSpan.FromSeconds(1), MaxPollInterval = TimeSpan.FromSeconds(2), JitterRatio = 0, Timeout = TimeSpan.FromMinutes(2), MaxConsecutiveTransientFailures = 1 };
            var client = driver.Client(Key, wait, logging: logs, maxSubmitRetries: 0);
            var stranger = driver.Client(UnregisteredKey, wait, logging: logs);
            var step = TimeSpan.FromMilliseconds(500);
            var budget = TimeSpan.FromHours(1);
            var request = new VideoSynthesisRequest
            {
                Input = new VideoSynthesisInput { ImageUrl = emulator.SampleUrl(SampleMediaFile.Portrait).ToString(), AudioUrl = emulator.SampleUrl(SampleMediaFile.SpeechWav).ToString() },
            };

            async Task Fails<TException>(Func<Task> call) where TException : Exception
            {
                var error = await Assert.ThrowsAnyAsync<TException>(call);
                for (Exception? e = error; e is not null; e = e.InnerException)
                {
                    texts.Add(e.Message);
                    texts.Add(e.ToString());
                }
            }

            // A normal task, the face check and the list.
            var done = await driver.Drive(client.GenerateAsync(request), step, budget);
            texts.Add(done.ToString()!);
            texts.Add((await client.DetectFaceAsync(new FaceDetectRequest { Input = new FaceDetectInput { ImageUrl = request.Input.ImageUrl } })).ToString()!);
            texts.Add((await client.ListTasksAsync()).ToString()!);

            // Failed tasks, error answers and faults.
            emulator.FailNextTasks(1, "InternalError.Algo");
            await Fails<DashScopeTaskFailedException>(() => driver.Drive(client.GenerateAsync(request), step, budget));
            await Fails<DashScopeApiException>(() => client.CancelTaskAsync(done.Output.TaskId));
            await Fails<DashScopeApiException>(() => stranger.SubmitAsync(request));
            await Fails<DashScopeApiException>(() => stranger.GetTaskAsync(done.Output.TaskId));
            emulator.OnEndpoint(EmulatorEndpoint.VideoSynthesis).Next(1).RespondWith(500);
            await Fails<DashScopeApiException>(() => client.SubmitAsync(request));
            emulator.OnEndpoint(EmulatorEndpoint.VideoSynthesis).Next(1).RespondWith(429);
            await Fails<DashScopeApiException>(() => client.SubmitAsync(request));
            emulator.OnEndpoint(EmulatorEndpoint.QueryTask).Next(2).DropConnection();
            await Fails<HttpRequestException>(() => driver.Drive(client.WaitForCompletionAsync(done.Output.TaskId), step, budget));
            emulator.HoldNextTasksInPending(1);
            await Fails<DashScopeTaskTimeoutException>(() => driver.Drive(client.GenerateAsync(request), step, budget));
            // A call its caller gives up on while the service holds it, on the fake clock.
            emulator.OnEndpoint(EmulatorEndpoint.QueryTask).Next(1).Delay(TimeSpan.FromHours(1));
            using var giveUp = new CancellationTokenSource(TimeSpan.FromMinutes(1), clock);
            await Fails<TaskCanceledException>(() => driver.Drive(client.GetTaskAsync(done.Output.TaskId, giveUp.Token), step, budget));

            // Everything either side wrote or shows about itself.
            texts.AddRange(logs.Lines);
            texts.Add(client.Options.ToString());
            texts.Add(client.ToString()!);
            texts.Add(emulator.Options.ToString()!);
            texts.AddRange(emulator.Journal.Select(e => e.ToString()));
            texts.AddRange(emulator.GetTasks().Select(t => t.ToString()));
            texts.Add(emulator.LastUnexpectedError?.ToString() ?? "");
            using var admin = new HttpClient { BaseAddress = new Uri(emulator.Url, LivePortraitEmulator.AdminPathPrefix) };
            texts.Add(await admin.GetStringAsync("journal"));
            texts.Add(await admin.GetStringAsync("tasks"));
            texts.Add(await admin.GetStringAsync("faults"));

            Assert.Contains(logs.Lines, l => l.Contains("RUNNING", StringComparison.Ordinal));
            Assert.True(emulator.Journal.Count >= 15, $"only {emulator.Journal.Count} journal entries");
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }

        texts.Add(console.ToString());
        var leaks = texts.Where(t => t.Contains(Key, StringComparison.Ordinal) || t.Contains(UnregisteredKey, StringComparison.Ordinal) || t.Contains("leakcheck-6b1f", StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} texts carry a key, e.g.:\n{string.Join("\n", leaks.Take(5))}");
        Assert.True(texts.Count > 40, $"only {texts.Count} texts scanned");
    }

    [Fact]
    public async Task The_standalone_host_prints_no_key_registered_on_its_command_line()
    {
        using var output = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var started = new TaskCompletionSource<LivePortraitEmulator>();
        var run = EmulatorHost.RunAsync(["--port", "0", "--fake-clock", "--api-key", "hosted=" + Key], TextWriter.Synchronized(output), stop.Token, started.SetResult);
        var emulator = await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var clock = (FakeTimeProvider)emulator.Options.TimeProvider;
        using (var driver = new ClockDriver(emulator, clock))
        {
            var client = driver.Client(Key, new TaskWaitOptions { MaxPollInterval = TimeSpan.FromSeconds(2) });
            await driver.Drive(client.GenerateAsync(new VideoSynthesisRequest
            {
                Input = new VideoSynthesisInput { ImageUrl = emulator.SampleUrl(SampleMediaFile.Portrait).ToString(), AudioUrl = emulator.SampleUrl(SampleMediaFile.SpeechWav).ToString() },
            }), TimeSpan.FromMilliseconds(500), TimeSpan.FromHours(1));
        }

        using var admin = new HttpClient { BaseAddress = new Uri(emulator.Url, LivePortraitEmulator.AdminPathPrefix) };
        (await admin.PostAsJsonAsync("clock/advance", new AdvanceClockRequest(60), LivePortraitEmulator.AdminJson)).EnsureSuccessStatusCode();
        stop.Cancel();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));

        var text = output.ToString();
        Assert.Contains("(hosted): RUNNING -> SUCCEEDED", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
    }

    /// <summary>
    /// The built host, as a child process (what <c>dotnet run</c> starts): the host's own tests cover the in-process
    /// entry point with one address; this covers the process's exit code and output, and the wildcard and
    /// host-name spellings Kestrel users reach for.
    /// </summary>
    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("*")]
    [InlineData("example.com")]
    public async Task The_host_process_refuses_a_non_loopback_address_without_allow_remote(string host)
    {
        var (code, text) = await RunHostAsync("--host", host, "--port", "0");

        Assert.True(code == 1, $"exit code {code}: {text}");
        Assert.Contains("Cannot start", text, StringComparison.Ordinal);
        Assert.Contains("--allow-remote", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("listening on", text, StringComparison.Ordinal);
        Assert.True(EmulatorHost.ReadSettings(["--host", host, "--allow-remote"], new Dictionary<string, string>()).Settings!.AllowRemote);
    }

    private static async Task<(int Code, string Output)> RunHostAsync(params string[] args)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "DashScope.Emulator.Host.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(host);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The host did not exit within 60 s: {await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
