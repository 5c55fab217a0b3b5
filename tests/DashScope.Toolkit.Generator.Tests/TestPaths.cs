using System.Runtime.CompilerServices;

namespace DashScope.Toolkit.Generator.Tests;

/// <summary>Where the test data lives: copies next to the test assembly, originals in the source tree.</summary>
internal static class TestPaths
{
    /// <summary>Set to 1 to rewrite the Expected/ files from the generator's current output instead of comparing.</summary>
    public const string UpdateExpectedVariable = "DASHSCOPE_UPDATE_EXPECTED";

    public static bool UpdateExpected => Environment.GetEnvironmentVariable(UpdateExpectedVariable) == "1";

    /// <summary>The test project's folder in the source tree (where Expected/ files are rewritten).</summary>
    public static string ProjectDirectory { get; } = SourceDirectory();

    public static string OutputDirectory => AppContext.BaseDirectory;

    /// <summary>The text of a schema under Schemas/ (the LivePortrait schema is linked there from schema/).</summary>
    public static string Schema(string fileName) => Normalize(File.ReadAllText(Path.Combine(OutputDirectory, "Schemas", fileName)));

    public static string Normalize(string text) => text.Replace("\r\n", "\n");

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
