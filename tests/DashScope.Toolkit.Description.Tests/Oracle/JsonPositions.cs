using System;
using System.Collections.Generic;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace DashScope.Toolkit.Description.Tests.Oracle;

/// <summary>
/// Maps JSON pointers of a schema file to line and column, from Newtonsoft's line info (which counts
/// characters, as Roslyn does, not bytes).
/// </summary>
internal sealed class JsonPositions
{
    private readonly string _path;
    private readonly string _text;
    private readonly List<int> _lineStarts = new() { 0 };

    public JsonPositions(string path, string text)
    {
        _path = path;
        _text = text;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n') { _lineStarts.Add(i + 1); }
        }
    }

    public JObject? Root { get; set; }

    public SchemaLocation RootSpan => At(0, 0, 1);

    /// <summary>A span at a one-based line and position as Newtonsoft reports them.</summary>
    public SchemaLocation FromReader(int oneBasedLine, int oneBasedPosition)
    {
        var line = Math.Max(0, Math.Min(oneBasedLine - 1, _lineStarts.Count - 1));
        return At(line, Math.Max(0, oneBasedPosition - 1), 1);
    }

    /// <summary>A span at a character offset of the text.</summary>
    public SchemaLocation AtOffset(int offset, int length)
    {
        var line = _lineStarts.BinarySearch(offset);
        if (line < 0) { line = ~line - 1; }
        line = Math.Max(0, line);
        return At(line, offset - _lineStarts[line], length);
    }

    /// <summary>The span of the token at <paramref name="pointer"/> (e.g. /definitions/A/properties/b), or the nearest parent that exists.</summary>
    public SchemaLocation Of(string pointer)
    {
        if (Root is null) { return RootSpan; }
        var (token, property, _) = Walk(pointer);
        return property is not null ? OfProperty(property) : OfToken(token);
    }

    /// <summary>The token at <paramref name="pointer"/>, or null when the pointer leads nowhere.</summary>
    public JToken? TokenAt(string pointer)
    {
        if (Root is null) { return null; }
        var (token, _, complete) = Walk(pointer);
        return complete ? token : null;
    }

    /// <summary>The span of a string value at <paramref name="pointer"/> (points at the value, not the name).</summary>
    public SchemaLocation OfValue(string pointer)
    {
        if (Root is null) { return RootSpan; }
        var (token, property, complete) = Walk(pointer);
        if (complete && token.Type != JTokenType.Object && token.Type != JTokenType.Array) { return OfToken(token); }
        return property is not null ? OfProperty(property) : OfToken(token);
    }

    /// <summary>Follows a JSON pointer as far as it leads: the last token reached, the property that holds it, and whether every segment matched.</summary>
    private (JToken Token, JProperty? Property, bool Complete) Walk(string pointer)
    {
        JToken current = Root!;
        JProperty? lastProperty = null;
        foreach (var raw in pointer.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = JsonPointer.Unescape(raw);
            if (current is JObject obj && obj.Property(segment, StringComparison.Ordinal) is { } property)
            {
                lastProperty = property;
                current = property.Value;
            }
            else if (current is JArray array && int.TryParse(segment, out var index) && index >= 0 && index < array.Count)
            {
                lastProperty = null;
                current = array[index];
            }
            else
            {
                return (current, lastProperty, false);
            }
        }
        return (current, lastProperty, true);
    }

    private SchemaLocation OfProperty(JProperty property)
    {
        var info = (IJsonLineInfo)property;
        if (!info.HasLineInfo()) { return RootSpan; }
        var line = Math.Max(0, Math.Min(info.LineNumber - 1, _lineStarts.Count - 1));
        var quoted = "\"" + property.Name + "\"";
        var lineStart = _lineStarts[line];
        var lineEnd = line + 1 < _lineStarts.Count ? _lineStarts[line + 1] : _text.Length;
        var found = _text.IndexOf(quoted, lineStart, lineEnd - lineStart, StringComparison.Ordinal);
        return found >= 0 ? At(line, found - lineStart, quoted.Length) : At(line, Math.Max(0, info.LinePosition - 1), 1);
    }

    private SchemaLocation OfToken(JToken token)
    {
        var info = (IJsonLineInfo)token;
        if (!info.HasLineInfo()) { return token.Parent is JProperty parent ? OfProperty(parent) : RootSpan; }
        // Newtonsoft reports the position just after the token; step back over it where we can.
        var line = Math.Max(0, Math.Min(info.LineNumber - 1, _lineStarts.Count - 1));
        var length = token.Type == JTokenType.String ? RawStringLength(line, info.LinePosition) ?? ((string?)token)!.Length + 2 : 1;
        var column = Math.Max(0, info.LinePosition - length);
        return At(line, column, length);
    }

    /// <summary>
    /// The length in the file of the string literal that ends just before <paramref name="endPosition"/>
    /// (escapes such as \u0065 make it longer than the value), or null when it cannot be found.
    /// </summary>
    private int? RawStringLength(int line, int endPosition)
    {
        var lineStart = _lineStarts[line];
        var close = lineStart + endPosition - 1;
        if (endPosition < 2 || close >= _text.Length || (_text[close] != '"' && _text[close] != '\'')) { return null; }
        for (var open = close - 1; open >= lineStart; open--)
        {
            if (_text[open] != _text[close]) { continue; }
            var backslashes = 0;
            for (var k = open - 1; k >= lineStart && _text[k] == '\\'; k--) { backslashes++; }
            if (backslashes % 2 == 0) { return close - open + 1; }
        }
        return null;
    }

    private SchemaLocation At(int line, int column, int length)
    {
        var start = Math.Min(_lineStarts[line] + column, _text.Length);
        return new SchemaLocation(_path, start, Math.Max(0, Math.Min(length, _text.Length - start)), line, column);
    }
}
