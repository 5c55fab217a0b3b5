using Xunit;

namespace DashScope.Emulator.Xunit;

/// <summary>The xUnit v2 life cycle of the fixture: xUnit starts the emulator before the class and stops it after.</summary>
public partial class LivePortraitEmulatorFixture : IAsyncLifetime
{
    /// <summary>Starts the emulator (called by xUnit before the first test of the class).</summary>
    public Task InitializeAsync()
    {
        Start();
        return Task.CompletedTask;
    }

    /// <summary>Stops the emulator (called by xUnit after the last test of the class).</summary>
    public async Task DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }
}
