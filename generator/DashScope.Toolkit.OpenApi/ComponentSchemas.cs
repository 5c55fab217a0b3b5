using System.Text.Json.Nodes;

namespace DashScope.Toolkit.OpenApi;

/// <summary>
/// The schema file's <c>definitions</c> as OpenAPI component schemas. OpenAPI 3.1 speaks JSON Schema, so a
/// definition is carried over as it is; only references move from <c>#/definitions/</c> to
/// <c>#/components/schemas/</c>, and the draft-07 <c>definitions</c> keyword becomes the components map.
/// </summary>
internal sealed class ComponentSchemas
{
    private const string DefinitionsPrefix = "#/definitions/";
    private const string ComponentsPrefix = "#/components/schemas/";

    private ComponentSchemas(JsonObject schemas) => Schemas = schemas;

    /// <summary>The component schemas, keyed by definition name.</summary>
    public JsonObject Schemas { get; }

    /// <summary>The reference to the component of definition <paramref name="definition"/>.</summary>
    public static JsonObject Reference(string definition) => new() { ["$ref"] = ComponentsPrefix + definition };

    /// <summary>Reads the definitions out of the schema file's text (a tree of its own, so the caller's is never changed).</summary>
    public static ComponentSchemas FromDefinitions(string schemaText)
    {
        var root = JsonNode.Parse(schemaText) as JsonObject
            ?? throw new FormatException("The schema is not a JSON object.");
        var schemas = new JsonObject();
        if (root["definitions"] is JsonObject definitions)
        {
            foreach (var (name, definition) in definitions.ToList())
            {
                definitions.Remove(name);
                schemas[name] = Rewrite(definition);
            }
        }

        return new ComponentSchemas(schemas);
    }

    /// <summary>A copy of one property schema of definition <paramref name="definition"/>, with its references moved.</summary>
    public JsonNode? Property(string definition, string property) =>
        Schemas[definition]?["properties"]?[property]?.DeepClone();

    private static JsonNode? Rewrite(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (key == "$ref" && value is JsonValue reference && reference.TryGetValue<string>(out var target) && target.StartsWith(DefinitionsPrefix, StringComparison.Ordinal))
                    {
                        obj[key] = ComponentsPrefix + target[DefinitionsPrefix.Length..];
                    }
                    else
                    {
                        Rewrite(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Rewrite(item);
                }

                break;
        }

        return node;
    }
}
