namespace DashScope.Emulator.Tests.Support;

/// <summary>The repository's schema files, and edited copies of them that delete themselves.</summary>
internal static class SchemaFiles
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The shipped schema, <c>schema/liveportrait.schema.json</c>.</summary>
    public static string LivePortrait => Path.Combine(Root.Value, "schema", "liveportrait.schema.json");

    /// <summary>The test schema with a second synchronous call and a second task kind, <c>tests/Schemas/two-tasks.schema.json</c>.</summary>
    public static string TwoTasks => Path.Combine(Root.Value, "tests", "Schemas", "two-tasks.schema.json");

    /// <summary>Writes <paramref name="text"/> to a new temporary schema file, deleted when the result is disposed.</summary>
    public static TemporaryFile Write(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"emulator-{Guid.NewGuid():N}.schema.json");
        File.WriteAllText(path, text);
        return new TemporaryFile(path);
    }

    private static string FindRepositoryRoot()
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

    /// <summary>A file that is deleted on dispose.</summary>
    internal sealed class TemporaryFile(string path) : IDisposable
    {
        public string Path { get; } = path;

        public void Dispose() => File.Delete(Path);
    }
}
