using System.Text.Json.Nodes;

namespace DashScope.Emulator.Recording;

/// <summary>Rewrites every string value of a JSON tree in place (objects and arrays walked), leaving other values alone.</summary>
internal static class JsonStrings
{
    /// <summary>Replaces each string for which <paramref name="rewrite"/> returns another string; returns the (possibly new) root.</summary>
    public static JsonNode? Rewrite(JsonNode? node, Func<string, string> rewrite)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    var child = obj[name];
                    var replaced = Rewrite(child, rewrite);
                    if (!ReferenceEquals(child, replaced))
                    {
                        obj[name] = replaced;
                    }
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var item = array[i];
                    var replaced = Rewrite(item, rewrite);
                    if (!ReferenceEquals(item, replaced))
                    {
                        array[i] = replaced;
                    }
                }

                return array;
            case JsonValue value when value.TryGetValue<string>(out var text):
                var changed = rewrite(text);
                return ReferenceEquals(changed, text) || changed == text ? value : JsonValue.Create(changed);
            default:
                return node;
        }
    }
}
