namespace DashScope.Emulator.Dashboard.Tests.Support;

/// <summary>Paths in the repository the tests run from (found by walking up to the solution file).</summary>
internal static class RepositoryFiles
{
    /// <summary>The repository's root directory.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The screenshot the README shows; a run refreshes it only when <see cref="UpdateScreenshotVariable"/> is 1.</summary>
    public static string Screenshot => Path.Combine(Root, "docs", "images", "dashboard.png");

    /// <summary>Where every run writes its screenshot (the test output), so a plain test run leaves the working tree clean.</summary>
    public static string RunScreenshot => Path.Combine(AppContext.BaseDirectory, "dashboard.png");

    /// <summary>Set to 1 to copy the run's screenshot over <see cref="Screenshot"/> (task ids differ per run, so it always changes).</summary>
    public const string UpdateScreenshotVariable = "DASHSCOPE_UPDATE_SCREENSHOT";

    /// <summary>True when this run should refresh the committed screenshot.</summary>
    public static bool UpdateScreenshot => Environment.GetEnvironmentVariable(UpdateScreenshotVariable) == "1";

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
