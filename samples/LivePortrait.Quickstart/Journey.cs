using System.Diagnostics;
using DashScope.Emulator;
using DashScope.Emulator.Media;
using DashScope.LivePortrait;
using DashScope.Toolkit;
using Spectre.Console;

namespace LivePortrait.Quickstart;

/// <summary>
/// The quickstart's journey: face check, submit, progress while waiting, download, summary. Every failure
/// ends in a clear message and a non-zero exit code.
/// </summary>
public sealed class Journey
{
    private const string StandInUrl = "oss://local-file-not-yet-uploaded";

    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly Action<EmulatorOptions>? _configureEmulator;
    private readonly bool _writesToConsole;

    /// <summary>Creates a journey printing to <paramref name="output"/> and <paramref name="error"/>.</summary>
    /// <param name="output">Where progress and the summary go.</param>
    /// <param name="error">Where failures go.</param>
    /// <param name="configureEmulator">Adjusts the embedded emulator (tests shorten its durations).</param>
    /// <param name="writesToConsole">True when <paramref name="output"/> is the process's console, which allows the live display.</param>
    public Journey(TextWriter output, TextWriter error, Action<EmulatorOptions>? configureEmulator = null, bool writesToConsole = false)
    {
        _output = output;
        _error = error;
        _configureEmulator = configureEmulator;
        _writesToConsole = writesToConsole;
    }

    /// <summary>Runs the journey and returns the process exit code.</summary>
    public async Task<int> RunAsync(QuickstartSettings settings, CancellationToken cancellationToken)
    {
        LivePortraitEmulator? emulator = null;
        if (LocalInputs.Problem(settings) is { } fileProblem)
        {
            return await Fail(ExitCodes.BadOptions, fileProblem).ConfigureAwait(false);
        }
        var local = new LocalInputs(settings, _output);
        try
        {
            var apiKey = Environment.GetEnvironmentVariable("DASHSCOPE_API_KEY");
            Uri baseUrl;
            if (settings.Target == QuickstartTarget.Real)
            {
                if (string.IsNullOrWhiteSpace(apiKey))
                {
                    return await Fail(ExitCodes.BadOptions, "--target real needs the DASHSCOPE_API_KEY environment variable.").ConfigureAwait(false);
                }
                if ((settings.ImageUrl ?? settings.ImagePath) is null || (settings.AudioUrl ?? settings.AudioPath) is null)
                {
                    return await Fail(ExitCodes.BadOptions, "--target real needs a portrait and a speech track: --image and --audio (local files, uploaded first) or --image-url and --audio-url (public URLs).").ConfigureAwait(false);
                }
                baseUrl = settings.BaseUrl ?? LivePortraitClient.Service.DefaultBaseAddress;
                await _output.WriteLineAsync($"Target: DashScope at {baseUrl}").ConfigureAwait(false);
            }
            else if (settings.BaseUrl is not null)
            {
                if ((settings.ImageUrl ?? settings.ImagePath) is null || (settings.AudioUrl ?? settings.AudioPath) is null)
                {
                    return await Fail(ExitCodes.BadOptions, "--base-url needs --image and --audio (local files) or --image-url and --audio-url (a standalone emulator serves its samples under /__emulator/files/, e.g. portrait.png and speech.wav).").ConfigureAwait(false);
                }
                // A standalone emulator started with `dotnet run --project mock-server/DashScope.Emulator.Host`.
                apiKey = string.IsNullOrWhiteSpace(apiKey) ? EmulatorOptions.DefaultDemoApiKey : apiKey;
                baseUrl = settings.BaseUrl;
                await _output.WriteLineAsync($"Target: emulator at {baseUrl}").ConfigureAwait(false);
            }
            else
            {
                emulator = LivePortraitEmulator.Start(options =>
                {
                    // Quick but still realistic in shape: queued, then running for about the audio's length.
                    options.QueueDelay = TimeSpan.FromSeconds(1);
                    options.RunningBaseDuration = TimeSpan.FromSeconds(1);
                    options.RunningSecondsPerAudioSecond = 1;
                    _configureEmulator?.Invoke(options);
                });
                apiKey = emulator.DemoApiKey;
                baseUrl = emulator.BaseUrl;
                await _output.WriteLineAsync($"Target: embedded emulator at {baseUrl} (no API key needed; --target real for DashScope)").ConfigureAwait(false);
            }

            // Only the embedded emulator can supply defaults; the other targets were checked above.
            var imageUrl = settings.ImagePath is not null ? null : settings.ImageUrl ?? emulator!.SampleUrl(SampleMediaFile.Portrait).ToString();
            var audioUrl = settings.AudioPath is not null ? null : settings.AudioUrl ?? emulator!.SampleUrl(SampleMediaFile.SpeechWav).ToString();
            var request = new VideoSynthesisRequest
            {
                // Local files get their oss:// URLs after the face check; until then a stand-in keeps validation honest.
                Input = new VideoSynthesisInput { ImageUrl = imageUrl ?? StandInUrl, AudioUrl = audioUrl ?? StandInUrl },
                Parameters = new VideoSynthesisParameters
                {
                    TemplateId = settings.Template is null ? null : new TemplateId(settings.Template),
                    EyeMoveFreq = settings.EyeMoveFrequency,
                    VideoFps = settings.VideoFps,
                    MouthMoveStrength = settings.MouthMoveStrength,
                    PasteBack = settings.PasteBack,
                    HeadMoveStrength = settings.HeadMoveStrength,
                },
            };
            try
            {
                request.Validate();
            }
            catch (DashScopeValidationException invalid)
            {
                foreach (var problem in invalid.Errors) { await _error.WriteLineAsync("Invalid option: " + problem).ConfigureAwait(false); }
                return ExitCodes.BadOptions;
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
            var client = new LivePortraitClient(http, new LivePortraitClientOptions
            {
                ApiKey = apiKey,
                BaseAddress = baseUrl,
                Wait = new TaskWaitOptions
                {
                    Timeout = settings.Timeout,
                    MaxPollInterval = settings.Target == QuickstartTarget.Real ? null : TimeSpan.FromSeconds(1),
                },
            });

            var clock = Stopwatch.StartNew();
            var face = await local.DetectFaceAsync(client, imageUrl, cancellationToken).ConfigureAwait(false);
            if (!face.Output.Pass)
            {
                return await Fail(ExitCodes.Failed, $"The portrait did not pass the face check: {face.Output.Message}").ConfigureAwait(false);
            }
            await _output.WriteLineAsync("Face check passed.").ConfigureAwait(false);
            if (local.Any)
            {
                var (image, audio) = await local.SynthesisUrlsAsync(client, imageUrl, audioUrl, cancellationToken).ConfigureAwait(false);
                request = request with { Input = new VideoSynthesisInput { ImageUrl = image, AudioUrl = audio } };
            }

            var submission = await client.SubmitAsync(request, cancellationToken).ConfigureAwait(false);
            var taskId = submission.Output.TaskId;
            await _output.WriteLineAsync($"Submitted task {taskId} ({submission.Output.TaskStatus}).").ConfigureAwait(false);

            VideoSynthesisTask result;
            try
            {
                result = await WaitWithProgress(client, taskId, settings, clock, cancellationToken).ConfigureAwait(false);
            }
            catch (DashScopeTaskFailedException failed)
            {
                return await Fail(ExitCodes.Failed, $"Task {failed.TaskId} ended {failed.Status}: {failed.Code ?? "-"}: {failed.ErrorMessage ?? failed.Message}").ConfigureAwait(false);
            }
            catch (DashScopeTaskTimeoutException timedOut)
            {
                return await Fail(ExitCodes.TimedOut, $"Gave up after {timedOut.Elapsed:mm\\:ss}; task {timedOut.TaskId} was last {timedOut.LastStatus}. Query it again later.").ConfigureAwait(false);
            }

            var videoUrl = result.Output.Results?.VideoUrl
                ?? throw new DashScopeResponseException("The SUCCEEDED answer has no output.results.video_url.");
            var path = Path.GetFullPath(settings.OutputPath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var download = await http.GetAsync(new Uri(videoUrl), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false))
            {
                if (!download.IsSuccessStatusCode)
                {
                    return await Fail(ExitCodes.Failed, $"Downloading {videoUrl} answered {(int)download.StatusCode}.").ConfigureAwait(false);
                }
                await using var file = File.Create(path);
                await download.Content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            }
            var size = new FileInfo(path).Length;

            await _output.WriteLineAsync().ConfigureAwait(false);
            await _output.WriteLineAsync("Done.").ConfigureAwait(false);
            await _output.WriteLineAsync($"  task id:        {taskId}").ConfigureAwait(false);
            await _output.WriteLineAsync($"  video duration: {result.Usage?.VideoDuration.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) ?? "?"} s").ConfigureAwait(false);
            await _output.WriteLineAsync($"  took:           {clock.Elapsed.TotalSeconds:0.0} s").ConfigureAwait(false);
            await _output.WriteLineAsync($"  file:           {path}").ConfigureAwait(false);
            await _output.WriteLineAsync($"  size:           {size} bytes").ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (DashScopeUploadException upload)
        {
            // A file the checks refused sent nothing: like a bad option. A refusal by the storage is a failed call.
            return await Fail(upload.Failure == DashScopeUploadFailure.Refused ? ExitCodes.Failed : ExitCodes.BadOptions, upload.Message).ConfigureAwait(false);
        }
        catch (DashScopeApiException api)
        {
            return await Fail(ExitCodes.Failed, $"DashScope refused the call: {(int)api.StatusCode} {api.Code}: {api.ErrorMessage}").ConfigureAwait(false);
        }
        catch (DashScopeConfigurationException config)
        {
            return await Fail(ExitCodes.BadOptions, config.Message).ConfigureAwait(false);
        }
        catch (HttpRequestException transport)
        {
            return await Fail(ExitCodes.Failed, $"Could not reach the service: {transport.Message}").ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await _error.WriteLineAsync("Interrupted.").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }
        finally
        {
            if (emulator is not null) { await emulator.DisposeAsync().ConfigureAwait(false); }
        }
    }

    private async Task<VideoSynthesisTask> WaitWithProgress(LivePortraitClient client, string taskId, QuickstartSettings settings, Stopwatch clock, CancellationToken cancellationToken)
    {
        var live = _writesToConsole && !settings.Plain && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Ansi;
        if (!live)
        {
            var progress = new InlineProgress<VideoSynthesisTask>(task => _output.WriteLine($"[{clock.Elapsed:mm\\:ss\\.f}] {task.Output.TaskStatus}"));
            return await client.WaitForCompletionAsync(taskId, progress, cancellationToken).ConfigureAwait(false);
        }

        var status = "PENDING";
        VideoSynthesisTask? result = null;
        await AnsiConsole.Status().Spinner(Spinner.Known.Dots).StartAsync("Waiting", async context =>
        {
            var waiting = client.WaitForCompletionAsync(taskId, new InlineProgress<VideoSynthesisTask>(task =>
            {
                status = task.Output.TaskStatus.Value;
                AnsiConsole.MarkupLine($"[grey]{clock.Elapsed:mm\\:ss\\.f}[/] {Markup.Escape(status)}");
            }), cancellationToken);
            while (!waiting.IsCompleted)
            {
                context.Status($"Task {Markup.Escape(taskId)}: {Markup.Escape(status)}, {clock.Elapsed:mm\\:ss}");
                await Task.WhenAny(waiting, Task.Delay(200, cancellationToken)).ConfigureAwait(false);
            }
            result = await waiting.ConfigureAwait(false);
        }).ConfigureAwait(false);
        return result!;
    }

    private async Task<int> Fail(int code, string message)
    {
        await _error.WriteLineAsync(message).ConfigureAwait(false);
        return code;
    }

    /// <summary>Reports on the caller's thread at once, so lines appear in order.</summary>
    private sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
