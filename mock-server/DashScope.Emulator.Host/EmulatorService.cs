using DashScope.Emulator.Host.Settings;
using Microsoft.Extensions.Hosting;

namespace DashScope.Emulator.Host;

/// <summary>The emulator as a hosted service: started with the host, disposed when the host stops.</summary>
internal sealed class EmulatorService(
    HostSettings settings,
    HostConsole console,
    Action<LivePortraitEmulator>? started,
    Action<EmulatorOptions>? adjustOptions) : IHostedService, IAsyncDisposable
{
    private LivePortraitEmulator? _emulator;

    /// <summary>Starts listening; a failure (port in use, refused address) propagates and fails the host's start.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = settings.ToEmulatorOptions();
        adjustOptions?.Invoke(options);
        var emulator = LivePortraitEmulator.Start(options);
        _emulator = emulator;
        foreach (var grant in settings.ApiKeys)
        {
            emulator.AddAccount(grant.Account, grant.Key);
        }

        emulator.TaskTransitioned += (_, t) => console.Transition(emulator, t);
        console.Banner(emulator, settings);
        started?.Invoke(emulator);
        return Task.CompletedTask;
    }

    /// <summary>Stops listening and says so.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_emulator is { } emulator)
        {
            _emulator = null;
            // Disposing writes the cassette; it is read back so the line says what the file really holds.
            await emulator.DisposeAsync().ConfigureAwait(false);
            if (settings.RecordPath is { } path)
            {
                console.Recorded(path, Recording.CassetteFile.Load(path));
            }

            console.Stopped();
        }
    }

    /// <summary>Disposes the emulator if the host is disposed without stopping (a start that failed later on).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_emulator is { } emulator)
        {
            _emulator = null;
            await emulator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
