using DashScope.Emulator.Host.Tests.Support;

namespace DashScope.Emulator.Host.Tests;

/// <summary>The built host as a process (what <c>dotnet run</c> starts) stops cleanly on SIGTERM and on Ctrl+C's SIGINT.</summary>
public sealed class SignalTests
{
    [Theory]
    [InlineData(Posix.SigTerm)]
    [InlineData(Posix.SigInt)]
    public async Task A_signal_stops_the_host_with_exit_code_zero(int signal)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var host = HostProcess.StartBuiltHostInForeground("--port", "0", "--fake-clock");
        var root = await host.ListeningAsync(limit.Token);
        using (var client = LivePortraitHttp.Client(root))
        {
            await LivePortraitHttp.SubmitSampleAsync(client, root, limit.Token);
        }

        host.Signal(signal);

        Assert.Equal(ExitCodes.Stopped, await host.ExitCodeAsync(limit.Token));
        Assert.Contains("Stopped.", host.Output);
        Assert.DoesNotContain("Unhandled exception", host.Output);
    }

    [Fact]
    public async Task A_bad_settings_file_exits_with_two_on_standard_error_only()
    {
        using var folder = new TempFolder();
        var file = folder.File("settings.json", """{ "Port": "eighty" }""");
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var host = HostProcess.StartBuiltHost("--settings", file);

        Assert.Equal(ExitCodes.BadSettings, await host.ExitCodeAsync(limit.Token));
        Assert.Equal($"settings file '{file}', key 'Port': 'eighty' is not a port number (0 to 65535).", host.Errors.Trim());
        Assert.Equal(host.Errors, host.Output);
    }
}
