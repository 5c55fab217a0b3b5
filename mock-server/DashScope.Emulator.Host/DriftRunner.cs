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

    private static int Finish(DriftCommand command, ParseResult parse, HostConsole console, DriftReport report)
    {
        var basePath = Path.GetFullPath(parse.GetValue(command.Report) ?? DriftCommand.DefaultReport);
        report.Write(basePath);
        console.Line(report.ToMarkdown().TrimEnd());
        console.Line($"Report written to {basePath}.md and {basePath}.json");
        return report.HasDrift ? ExitCodes.DriftFound : ExitCodes.Stopped;
    }

    private static async Task<int> SuggestAsync(DriftCommand command, ParseResult parse, HostSettings settings, HostConsole console, Cassette cassette, string path, CancellationToken stop)
    {
        if (parse.GetValue(command.Target) is { Length: > 0 })
        {
            console.Problem("option --suggest-settings: switches can only be tried on the in-process emulator; leave out --target.");
            return ExitCodes.BadSettings;
        }

        try
        {
            var suggestion = await FidelitySuggestion.FindAsync(cassette, settings.ToEmulatorOptions, stop).ConfigureAwait(false);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, suggestion.ToSettingsJson() + Environment.NewLine, stop).ConfigureAwait(false);
            foreach (var flip in suggestion.Flips)
            {
                console.Line($"{flip.Switch} = {flip.Choice}: {flip.DifferencesBefore} -> {flip.DifferencesAfter} differences");
            }

            console.Line(suggestion.Flips.Count == 0 ? $"No switch answers the drift better; wrote an empty {path}." : $"Settings written to {path} (use --settings {path}).");
            return Finish(command, parse, console, suggestion.Remaining);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException && !stop.IsCancellationRequested)
        {
            console.Problem("Cannot compare: " + StartFailure.Describe(e));
            return ExitCodes.StartFailed;
        }
    }

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

        if (parse.GetValue(command.SuggestSettings) is { Length: > 0 } suggestPath)
        {
            return await SuggestAsync(command, parse, settings, console, cassette, Path.GetFullPath(suggestPath), stop).ConfigureAwait(false);
        }

        LivePortraitEmulator? emulator = null;
        DriftTarget? target = null;
        try
        {
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
            return Finish(command, parse, console, report);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException or TaskCanceledException && !stop.IsCancellationRequested)
        {
            console.Problem("Cannot compare: " + StartFailure.Describe(e));
            return ExitCodes.StartFailed;
        }
        finally
        {
            target?.Dispose();
            if (emulator is not null)
            {
                await emulator.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
