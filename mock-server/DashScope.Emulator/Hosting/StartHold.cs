namespace DashScope.Emulator.Hosting;

/// <summary>
/// A test's hold on <see cref="LivePortraitEmulator.Start(EmulatorOptions?)"/>: the build of the emulator waits, once
/// the server has bound its port, until the test releases it (or makes it fail), so that a request can be sent in
/// the window between the two on purpose rather than by luck. Internal, set through
/// <see cref="EmulatorOptions.StartHold"/>; every wait ends when <paramref name="cancellation"/> does, so a test that
/// fails cannot leave a start hanging.
/// </summary>
internal sealed class StartHold(CancellationToken cancellation)
{
    private readonly TaskCompletionSource<Uri> _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _requestWaiting = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Exception?> _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the server's root URL once the port is bound and the build is held.</summary>
    public Task<Uri> Holding => _holding.Task;

    /// <summary>Completes once a request has reached the server and waits for the emulator to be built.</summary>
    public Task RequestWaiting => _requestWaiting.Task;

    /// <summary>Lets the build go on.</summary>
    public void Release() => _release.TrySetResult(null);

    /// <summary>Makes the held build throw <paramref name="error"/>, as a bad schema would.</summary>
    public void FailBuild(Exception error) => _release.TrySetResult(error);

    /// <summary>Called by the start, on the thread that builds the emulator, before it builds anything.</summary>
    internal void HoldBuild(Task<Uri> listening)
    {
        // A server that could not bind fails the wait, and with it the start, as it would without the hold; the test
        // waiting on Holding hears of it at once rather than at its own time limit.
        try
        {
            _holding.TrySetResult(listening.WaitAsync(cancellation).GetAwaiter().GetResult());
        }
        catch (Exception bindFailed)
        {
            _holding.TrySetException(bindFailed);
            throw;
        }
        if (_release.Task.WaitAsync(cancellation).GetAwaiter().GetResult() is { } error)
        {
            throw error;
        }
    }

    /// <summary>Called by the server when a request starts waiting for the emulator.</summary>
    internal void OnRequestWaiting() => _requestWaiting.TrySetResult();
}
