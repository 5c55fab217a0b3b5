using System.Text.Json.Nodes;

namespace DashScope.Emulator.Recording;

/// <summary>
/// The shape of a JSON value: every field's path with the kind of its value (<c>input.image_url: string</c>), array
/// elements merged under <c>[]</c>. Two bodies with the same fields and kinds have the same shape whatever their values.
/// </summary>
internal static class JsonShape
{
    public static SortedDictionary<string, string> Of(JsonNode? node) =>
        new(Nodes(node).ToDictionary(p => p.Key, p => KindOf(p.Value), StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>Every node by its path, the root as <c>$</c>; arrays' elements merged under <c>[]</c> (the first element with a path wins).</summary>
    public static Dictionary<string, JsonNode?> Nodes(JsonNode? root)
    {
        var nodes = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        Walk(root, "$", nodes);
        return nodes;
    }

    /// <summary>The leaf values by path (arrays' elements indexed), for telling two bodies of one shape apart.</summary>
    public static Dictionary<string, string> Leaves(JsonNode? node)
    {
        var leaves = new Dictionary<string, string>(StringComparer.Ordinal);
        Collect(node, "$", leaves);
        return leaves;
    }

    public static string KindOf(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v when v.TryGetValue<string>(out _) => "string",
        JsonValue v when v.TryGetValue<bool>(out _) => "boolean",
        _ => "number",
    };

    private static void Walk(JsonNode? node, string path, Dictionary<string, JsonNode?> nodes)
    {
        nodes.TryAdd(path, node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    Walk(child, path + "." + name, nodes);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Walk(item, path + "[]", nodes);
                }

                break;
        }
    }

    private static void Collect(JsonNode? node, string path, Dictionary<string, string> leaves)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    Collect(child, path + "." + name, leaves);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Collect(array[i], $"{path}[{i}]", leaves);
                }

                break;
            default:
                leaves[path] = node?.ToJsonString() ?? "null";
                break;
        }
    }
}
