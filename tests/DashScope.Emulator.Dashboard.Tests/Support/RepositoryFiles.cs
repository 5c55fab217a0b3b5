namespace DashScope.Emulator.Dashboard.Tests.Support;

/// <summary>Paths in the repository the tests run from (found by walking up to the solution file).</summary>
internal static class RepositoryFiles
{
    /// <summary>The repository's root directory.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Where the test run keeps the dashboard's screenshot, shown in the README.</summary>
    public static string Screenshot => Path.Combine(Root, "docs", "images", "dashboard.png");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Toolkit.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The tests do not run inside the repository: Toolkit.sln was not found above " + AppContext.BaseDirectory);
    }
}
