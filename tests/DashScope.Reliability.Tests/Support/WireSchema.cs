using NJsonSchema;

namespace DashScope.Reliability.Tests.Support;

/// <summary>
/// The definitions of <c>schema/liveportrait.schema.json</c>, loaded once with NJsonSchema, to validate
/// what the emulator answers: the error envelope and each endpoint's success body.
/// </summary>
public static class WireSchema
{
    private static readonly Lazy<JsonSchema> Root = new(() =>
        JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Schema", "liveportrait.schema.json")).GetAwaiter().GetResult());

    /// <summary>A definition by name, e.g. <c>ErrorResponse</c>.</summary>
    public static JsonSchema Definition(string name) =>
        Root.Value.Definitions.TryGetValue(name, out var definition)
            ? definition
            : throw new KeyNotFoundException($"The schema has no definition '{name}'.");

    /// <summary>The schema's complaints about <paramref name="json"/> against a definition; empty when it conforms.</summary>
    public static IReadOnlyList<string> Errors(string definition, string json)
    {
        var schema = Definition(definition);
        lock (schema)
        {
            // NJsonSchema's validator is not documented as thread safe; validations here are cheap.
            return schema.Validate(json).Select(e => e.ToString()).ToList();
        }
    }
}
