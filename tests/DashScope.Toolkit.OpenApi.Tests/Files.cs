namespace DashScope.Toolkit.OpenApi.Tests;

/// <summary>The schema and its committed OpenAPI document, as copied next to the tests.</summary>
internal static class Files
{
    public static string Schema => Path.Combine(AppContext.BaseDirectory, "schema", "liveportrait.schema.json");

    /// <summary>A test schema with a second sync and a second async operation (two task kinds in one service).</summary>
    public static string TwoTasksSchema => Path.Combine(AppContext.BaseDirectory, "schema", "two-tasks.schema.json");

    public static string CommittedOpenApi => Path.Combine(AppContext.BaseDirectory, "schema", "liveportrait.openapi.json");

    /// <summary>The path of the committed document in the repository, for the message that says how to refresh it.</summary>
    public const string RepositoryOpenApi = "schema/liveportrait.openapi.json";
}
