using DashScope.Emulator;
using LivePortrait.Quickstart;

namespace LivePortrait.Quickstart.Tests;

/// <summary>Runs the quickstart in-process with its output captured, on emulators whose tasks take a fraction of a second.</summary>
internal static class QuickstartRun
{
    /// <summary>Shortens every emulated duration (the tests run on the real clock, so tasks must end quickly).</summary>
    public static void Fast(EmulatorOptions options)
    {
        options.QueueDelay = TimeSpan.FromMilliseconds(100);
        options.RunningBaseDuration = TimeSpan.FromMilliseconds(100);
        options.RunningSecondsPerAudioSecond = 0.05;
    }

    /// <summary>Runs the command line <paramref name="args"/>; answers the exit code and what it printed.</summary>
    public static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        // A bound on a hang, not a timing assertion: every run ends in well under a second of emulated work.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var code = await QuickstartCommand.RunAsync(args, output, error, Fast, limit.Token);
        return (code, output.ToString(), error.ToString());
    }
}
