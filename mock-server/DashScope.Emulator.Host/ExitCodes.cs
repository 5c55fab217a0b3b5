namespace DashScope.Emulator.Host;

/// <summary>The exit codes of the emulator host; scripts and the tests rely on them, so they never change meaning.</summary>
public static class ExitCodes
{
    /// <summary>Stopped cleanly (Ctrl+C, SIGTERM, SIGQUIT), or only printed help or the version.</summary>
    public const int Stopped = 0;

    /// <summary>The settings were fine but the emulator could not start: port in use, a non-loopback address without
    /// <c>--allow-remote</c>, an address that is not an IP address, a schema the emulator cannot serve.</summary>
    public const int StartFailed = 1;

    /// <summary>A bad option, environment variable, settings file or setting; the message names which.</summary>
    public const int BadSettings = 2;

    /// <summary>The <c>drift</c> subcommand found differences between the cassette and the target (its report lists them).</summary>
    public const int DriftFound = 3;
}
