using System.Text.Json.Nodes;

namespace DashScope.Toolkit.Description.Tests;

/// <summary>The schemas the tests read (copied next to the test assembly), and edits of their text.</summary>
internal static class TestSchemas
{
    public const string LivePortraitFile = "liveportrait.schema.json";
    public const string TwoTasksFile = "two-tasks.schema.json";

    public static string Text(string fileName) => File.ReadAllText(Path(fileName)).Replace("\r\n", "\n", StringComparison.Ordinal);

    public static string Path(string fileName) => System.IO.Path.Combine(AppContext.BaseDirectory, "Schemas", fileName);

    public static DescriptionReadResult Read(string fileName) => EndpointDescriptionReader.Read(Path(fileName), Text(fileName));

    public static EndpointDescription Describe(string fileName) => Read(fileName).GetDescriptionOrThrow();

    /// <summary>The text with its JSON tree changed by <paramref name="edit"/>, written back indented.</summary>
    public static string Edit(string text, Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(text)!.AsObject();
        edit(root);
        return root.ToJsonString(new System.Text.Json.JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }) + "\n";
    }
}
