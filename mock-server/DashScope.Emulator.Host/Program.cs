using DashScope.Emulator.Host;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Let the host dispose the server cleanly instead of the runtime killing the process.
    e.Cancel = true;
    stop.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();

return await EmulatorHost.RunAsync(args, Console.Out, stop.Token);
