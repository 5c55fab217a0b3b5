using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace DashScope.Toolkit.Description.Reading;

/// <summary>
/// The checks Newtonsoft and NJsonSchema do not make, or make with messages that name no place: trailing
/// commas, missing values, external and cyclic references.
/// </summary>
internal static class JsonChecks
{
    /// <summary>The offset of the first comma followed (past whitespace and comments) by } or ], or null; strings are skipped.</summary>
    public static int? TrailingComma(string text)
    {
        int? comma = null;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch == '"' || ch == '\'')
            {
                for (i++; i < text.Length && text[i] != ch; i++)
                {
                    if (text[i] == '\\') { i++; }
                }
                comma = null;
            }
            else if (ch == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n') { i++; }
            }
            else if (ch == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 1;
            }
            else if (ch == ',')
            {
                comma = i;
            }
            else if ((ch == '}' || ch == ']') && comma is not null)
            {
                return comma;
            }
            else if (!char.IsWhiteSpace(ch))
            {
                comma = null;
            }
        }
        return null;
    }

    /// <summary>The first token Newtonsoft read as "undefined" (a missing value), or null.</summary>
    public static JToken? FirstUndefined(JToken document)
    {
        if (document.Type == JTokenType.Undefined) { return document; }
        return document is JContainer container ? container.Descendants().FirstOrDefault(t => t.Type == JTokenType.Undefined) : null;
    }

    /// <summary>The first "$ref" to another file or URL, or null.</summary>
    public static JProperty? ExternalReference(JObject root) =>
        References(root).FirstOrDefault(p => !((string)p.Value!).StartsWith("#", StringComparison.Ordinal));

    /// <summary>The first local "$ref" whose chain of references (a $ref to a schema that is itself a $ref...) loops.</summary>
    public static JProperty? CyclicReference(JObject root)
    {
        foreach (var reference in References(root))
        {
            var seen = new HashSet<JToken>();
            for (JToken? target = reference.Parent; target is JObject node && node["$ref"] is JValue { Type: JTokenType.String } next; target = Resolve(root, (string)next!))
            {
                if (!seen.Add(node)) { return reference; }
            }
        }
        return null;
    }

    /// <summary>The "$ref" whose value an NJsonSchema error message quotes, or null.</summary>
    public static JProperty? ReferenceNamedIn(JObject root, string message) =>
        References(root).FirstOrDefault(p => message.IndexOf((string)p.Value!, StringComparison.Ordinal) >= 0);

    /// <summary>The JSON pointer of <paramref name="token"/> (e.g. /definitions/A/properties/b).</summary>
    public static string Pointer(JToken token)
    {
        var parts = new List<string>();
        for (var current = token; current is not null && current.Parent is not null; current = current.Parent)
        {
            if (current is JProperty property) { parts.Add(JsonPointer.Escape(property.Name)); }
            else if (current.Parent is JArray array) { parts.Add(array.IndexOf(current).ToString(CultureInfo.InvariantCulture)); }
        }
        parts.Reverse();
        return "/" + string.Join("/", parts);
    }

    private static IEnumerable<JProperty> References(JObject root) =>
        root.Descendants().OfType<JProperty>().Where(p => p.Name == "$ref" && p.Value.Type == JTokenType.String);

    public static JToken? Resolve(JObject root, string reference)
    {
        if (!reference.StartsWith("#", StringComparison.Ordinal)) { return null; }
        JToken? current = root;
        foreach (var raw in reference.Substring(1).Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = JsonPointer.Unescape(Uri.UnescapeDataString(raw));
            current = current switch
            {
                JObject obj => obj.Property(segment, StringComparison.Ordinal)?.Value,
                JArray array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count => array[index],
                _ => null,
            };
            if (current is null) { return null; }
        }
        return current;
    }
}
