using Xunit;

namespace DashScope.Emulator.Xunit;

/// <summary>
/// The xUnit v3 life cycle of the fixture: xUnit starts the emulator before the class and stops it after. v3's
/// <c>IAsyncLifetime</c> returns <see cref="ValueTask"/> and is an <see cref="IAsyncDisposable"/>.
/// </summary>
public partial class LivePortraitEmulatorFixture : IAsyncLifetime
{
    /// <summary>Starts the emulator (called by xUnit before the first test of the class).</summary>
    public ValueTask InitializeAsync()
    {
        Start();
        return ValueTask.CompletedTask;
    }

    /// <summary>Stops the emulator (called by xUnit after the last test of the class).</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }
}
