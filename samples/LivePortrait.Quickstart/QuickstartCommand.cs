using System.CommandLine;
using System.CommandLine.Parsing;

namespace LivePortrait.Quickstart;

/// <summary>The command line: options, their checks, and the action that runs the journey.</summary>
public static class QuickstartCommand
{
    /// <summary>Builds the root command writing to <paramref name="output"/> and <paramref name="error"/>.</summary>
    public static RootCommand Create(TextWriter output, TextWriter error, Action<DashScope.Emulator.EmulatorOptions>? configureEmulator = null)
    {
        // Decided now: the command-line library may swap Console.Out for its own writer while it runs.
        var writesToConsole = ReferenceEquals(output, Console.Out);
        var target = new Option<QuickstartTarget>("--target")
        {
            Description = "emulator (default: an emulator started in-process) or real (DashScope itself; needs DASHSCOPE_API_KEY).",
            DefaultValueFactory = _ => QuickstartTarget.Emulator,
        };
        var baseUrl = new Option<Uri?>("--base-url")
        {
            Description = "API root to use instead of the default, e.g. a standalone emulator's http://127.0.0.1:PORT/api/v1.",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)) { return uri; }
                result.AddError($"--base-url must be an absolute http(s) URL, got '{text}'.");
                return null;
            },
        };
        var imageUrl = new Option<string?>("--image-url") { Description = "Portrait URL (http or https). Default: the emulator's sample portrait." };
        var audioUrl = new Option<string?>("--audio-url") { Description = "Speech URL (http or https, wav or mp3). Default: the emulator's sample speech." };
        var imagePath = new Option<string?>("--image") { Description = "Portrait file on this machine (jpeg, png, bmp or webp); uploaded to DashScope's temporary storage first." };
        var audioPath = new Option<string?>("--audio") { Description = "Speech file on this machine (wav or mp3); uploaded to DashScope's temporary storage first." };
        var template = new Option<string?>("--template") { Description = "template_id: normal, calm or active." };
        var eye = new Option<double?>("--eye-move-freq") { Description = "eye_move_freq, 0 to 1 (blinks per second)." };
        var fps = new Option<int?>("--video-fps") { Description = "video_fps, 15 to 30." };
        var mouth = new Option<double?>("--mouth-move-strength") { Description = "mouth_move_strength, 0 to 1.5." };
        var paste = new Option<bool?>("--paste-back") { Description = "paste_back: true keeps the body, false only the face." };
        var head = new Option<double?>("--head-move-strength") { Description = "head_move_strength, 0 to 1." };
        var outputPath = new Option<string>("--output", "-o") { Description = "Where to write the MP4.", DefaultValueFactory = _ => "liveportrait.mp4" };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for the task.", DefaultValueFactory = _ => 600 };
        var plain = new Option<bool>("--plain") { Description = "Print one line per status change even in a terminal." };

        // Parameter ranges are not repeated here: the generated request validates them from the schema.
        timeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is <= 0 or > 86_400) { result.AddError("--timeout must be between 0 and 86400 seconds."); }
        });

        var root = new RootCommand("LivePortrait quickstart: checks the portrait's face, submits a talking-head video task, shows its progress, and downloads the MP4. With no API key it runs against an emulator started in-process.")
        {
            target, baseUrl, imageUrl, audioUrl, imagePath, audioPath, template, eye, fps, mouth, paste, head, outputPath, timeout, plain,
        };
        root.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new QuickstartSettings
            {
                Target = parse.GetValue(target),
                BaseUrl = parse.GetValue(baseUrl),
                ImageUrl = parse.GetValue(imageUrl),
                AudioUrl = parse.GetValue(audioUrl),
                ImagePath = parse.GetValue(imagePath),
                AudioPath = parse.GetValue(audioPath),
                Template = parse.GetValue(template),
                EyeMoveFrequency = parse.GetValue(eye),
                VideoFps = parse.GetValue(fps),
                MouthMoveStrength = parse.GetValue(mouth),
                PasteBack = parse.GetValue(paste),
                HeadMoveStrength = parse.GetValue(head),
                OutputPath = parse.GetValue(outputPath)!,
                Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                Plain = parse.GetValue(plain),
            };
            return await new Journey(output, error, configureEmulator, writesToConsole).RunAsync(settings, cancellationToken).ConfigureAwait(false);
        });
        return root;
    }

    /// <summary>Parses and runs, mapping the parser's own failures to <see cref="ExitCodes.BadOptions"/>.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Action<DashScope.Emulator.EmulatorOptions>? configureEmulator = null, CancellationToken cancellationToken = default)
    {
        var parse = Create(output, error, configureEmulator).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors) { await error.WriteLineAsync(problem.Message).ConfigureAwait(false); }
            return ExitCodes.BadOptions;
        }
        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken).ConfigureAwait(false);
    }
}
