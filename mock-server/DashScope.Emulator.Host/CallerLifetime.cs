using Microsoft.Extensions.Hosting;

namespace DashScope.Emulator.Host;

/// <summary>
/// The lifetime of a host run inside another program (the tests): it stops only through the caller's token and
/// hooks no signals, which belong to the program, not to one of possibly several hosts in it.
/// </summary>
internal sealed class CallerLifetime : IHostLifetime
{
    /// <inheritdoc />
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
