using System.Runtime.InteropServices;

namespace DashScope.Emulator.Host.Tests.Support;

/// <summary>Sends POSIX signals; .NET can only kill a child process, not ask it to stop the way a terminal or an orchestrator does.</summary>
internal static class Posix
{
    public const int SigInt = 2;
    public const int SigTerm = 15;

    public static void Signal(int processId, int signal)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The signal tests need a POSIX system.");
        }

        if (Kill(processId, signal) != 0)
        {
            throw new InvalidOperationException($"kill({processId}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int sig);
}
