namespace DashScope.Toolkit.Tests.Support;

/// <summary>The documented examples kept in schema/examples, copied next to the test assembly.</summary>
public static class Fixtures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "examples");

    public static string PathOf(string name) => Path.Combine(Directory, name);

    public static IEnumerable<string> All() => System.IO.Directory.EnumerateFiles(Directory, "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);
}
