using System.Reflection;

namespace DashScope.Emulator.Host.Tests.Support;

/// <summary>Where the SDK, the repository and this build are, so child processes use the same ones as the test.</summary>
internal static class DotNet
{
    /// <summary>The dotnet executable running the tests (the test host runs under it), else the one on the PATH.</summary>
    public static string Executable { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath) ? hostPath
        : Environment.ProcessPath is { } processPath && Path.GetFileNameWithoutExtension(processPath) == "dotnet" ? processPath
        : "dotnet";

    /// <summary>The folder holding <see cref="Executable"/>: what an installed tool's launcher needs as DOTNET_ROOT.</summary>
    public static string? Root => Path.IsPathRooted(Executable) ? Path.GetDirectoryName(Executable) : null;

    /// <summary>Debug or Release: the configuration this test assembly (and so the host beside it) was built in.</summary>
    public static string Configuration { get; } =
        typeof(DotNet).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The built host, copied beside the tests by the project reference.</summary>
    public static string HostAssembly { get; } = Path.Combine(AppContext.BaseDirectory, "DashScope.Emulator.Host.dll");

    /// <summary>The repository's root: the folder holding Toolkit.sln above the test's output.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Toolkit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Toolkit.sln not found above " + AppContext.BaseDirectory);
    }
}
