using System.CommandLine;
using DashScope.Emulator.Host.Settings;
using DashScope.Emulator.Recording;
using DashScope.Emulator.Recording.Drift;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Emulator.Host;

/// <summary>Runs the <c>drift</c> subcommand: loads the cassette, picks the target, runs the check, writes and prints the report.</summary>
internal static class DriftRunner
{
    private const string ApiKeyVariable = "DASHSCOPE_API_KEY";

    public static async Task<int> RunAsync(DriftCommand command, ParseResult parse, HostSettings settings, HostConsole console, IReadOnlyDictionary<string, string> environment, CancellationToken stop)
    {
        Cassette cassette;
        try
        {
            cassette = CassetteFile.Load(Path.GetFullPath(parse.GetValue(command.Cassette)!));
        }
        catch (CassetteException e)
        {
            console.Problem(e.Message);
            return ExitCodes.BadSettings;
        }

        LivePortraitEmulator? emulator = null;
        try
        {
            DriftTarget target;
            if (parse.GetValue(command.Target) is { Length: > 0 } url)
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var root) || root.Scheme is not ("http" or "https"))
                {
                    console.Problem($"option --target: '{url}' is not an http or https URL.");
                    return ExitCodes.BadSettings;
                }

                var key = parse.GetValue(command.Key) ?? environment.GetValueOrDefault(ApiKeyVariable);
                if (string.IsNullOrWhiteSpace(key))
                {
                    console.Problem($"option --key: a key is needed for --target; pass --key or set {ApiKeyVariable}.");
                    return ExitCodes.BadSettings;
                }

                target = new DriftTarget(root, key);
            }
            else
            {
                var options = settings.ToEmulatorOptions();
                options.Port = 0;
                options.Recording = null;
                options.Replay = null;
                options.TimeProvider = new FakeTimeProvider(DateTimeOffset.UtcNow);
                emulator = LivePortraitEmulator.Start(options);
                target = DriftTarget.ForEmulator(emulator);
            }

            var report = await DriftCheck.RunAsync(cassette, target, emulator?.Schema, stop).ConfigureAwait(false);
            var basePath = Path.GetFullPath(parse.GetValue(command.Report) ?? DriftCommand.DefaultReport);
            report.Write(basePath);
            console.Line(report.ToMarkdown().TrimEnd());
            console.Line($"Report written to {basePath}.md and {basePath}.json");
            return report.HasDrift ? ExitCodes.DriftFound : ExitCodes.Stopped;
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException or TaskCanceledException && !stop.IsCancellationRequested)
        {
            console.Problem("Cannot compare: " + StartFailure.Describe(e));
            return ExitCodes.StartFailed;
        }
        finally
        {
            if (emulator is not null)
            {
                await emulator.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
