using DashScope.Emulator.Host;

// Not disposed: ProcessExit fires after the host has returned, and cancelling a disposed source would
// crash the process (exit 134 with a stack trace) on every exit, however clean.
var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Let the host dispose the server cleanly instead of the runtime killing the process.
    e.Cancel = true;
    stop.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();

return await EmulatorHost.RunAsync(args, Console.Out, stop.Token);
