using System;
using System.Text;

namespace DashScope.Toolkit.Generator.Emitting;

/// <summary>A small indented text writer for generated C#.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private readonly System.Collections.Generic.List<string> _doc = new();
    private bool _docEnded;
    private int _indent;

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0) { _builder.Append(' ', _indent * 4); }
        _builder.Append(text).Append('\n');
        // The doc comment just written, kept so an interface can repeat a member's documentation.
        if (text.StartsWith("///", StringComparison.Ordinal))
        {
            if (_docEnded) { _doc.Clear(); _docEnded = false; }
            _doc.Add(text);
        }
        else { _docEnded = true; }
        return this;
    }

    /// <summary>The doc comment lines written right before the current line (empty when the last line was not one).</summary>
    public System.Collections.Generic.IReadOnlyList<string> LastDoc => _docEnded ? System.Array.Empty<string>() : _doc.ToArray();

    /// <summary>Writes several lines (a raw string block), each at the current indentation.</summary>
    public SourceWriter Lines(string block)
    {
        foreach (var line in block.Replace("\r", string.Empty).Split('\n')) { Line(line); }
        return this;
    }

    /// <summary>The client's instance calls written with <see cref="OpenMember"/> or <see cref="LineMember"/>: their docs and signatures, for its interface.</summary>
    public System.Collections.Generic.List<(System.Collections.Generic.IReadOnlyList<string> Doc, string Signature)> Members { get; } = new();

    /// <summary>Opens a member's body and records its signature (with the doc written just before it) in <see cref="Members"/>.</summary>
    public SourceWriter OpenMember(string modifiers, string signature)
    {
        Members.Add((LastDoc, signature));
        return Open(modifiers + signature);
    }

    /// <summary>Writes an expression-bodied member's first line and records its signature in <see cref="Members"/>.</summary>
    public SourceWriter LineMember(string modifiers, string signature)
    {
        Members.Add((LastDoc, signature));
        return Line(modifiers + signature);
    }

    public SourceWriter Open(string text)
    {
        Line(text);
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    /// <summary>Writes an XML doc summary, escaped, one line per source line.</summary>
    public SourceWriter Summary(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) { return this; }
        Line("/// <summary>");
        foreach (var line in text!.Split('\n')) { Line("/// " + Xml(line.Trim())); }
        Line("/// </summary>");
        return this;
    }

    /// <summary>
    /// Text for one line of a doc comment: markup escaped, and line breaks (including the ones C# also ends a
    /// line at: U+0085, U+2028, U+2029) turned into spaces, so a schema value cannot end the comment early.
    /// </summary>
    public static string Xml(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;")
            .Replace('\r', ' ').Replace('\n', ' ').Replace('\u0085', ' ').Replace('\u2028', ' ').Replace('\u2029', ' ');

    /// <summary>A C# string literal.</summary>
    public static string Literal(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0': builder.Append("\\0"); break;
                default:
                    if (char.IsControl(ch) || ch == '\u2028' || ch == '\u2029') { builder.Append("\\u").Append(((int)ch).ToString("x4")); }
                    else { builder.Append(ch); }
                    break;
            }
        }
        return builder.Append('"').ToString();
    }

    public override string ToString() => _builder.ToString();
}
