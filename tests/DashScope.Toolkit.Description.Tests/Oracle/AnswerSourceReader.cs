using System;
using System.Globalization;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace DashScope.Toolkit.Description.Tests.Oracle;

/// <summary>Reads <c>x-dashscope-answer</c> on a property; DSG004 at the keyword when it is malformed or does not fit the property's type.</summary>
internal static class AnswerSourceReader
{
    private const string Keyword = "x-dashscope-answer";

    public static AnswerSource? Read(KeywordReader reader, ValueKind kind, string pointer, string label)
    {
        var keywordPointer = pointer + "/" + Keyword;
        if (reader.Positions.TokenAt(keywordPointer) is not { } token) { return null; }
        var text = token.Type == JTokenType.String ? (string?)token : null;
        var source = text is null ? null : Parse(text);
        if (source is null)
        {
            reader.Keyword(reader.Positions.Of(keywordPointer), $"{Keyword} on '{label}' must be a string: result-url, input-duration:<request path>, face-detected:<request path>, face-message:<request path> or value:<text>");
            return null;
        }
        if (!Fits(source, kind))
        {
            reader.Keyword(reader.Positions.OfValue(keywordPointer), $"{Keyword} '{text}' on '{label}' does not fit its type ({kind})");
            return null;
        }
        return source;
    }

    private static AnswerSource? Parse(string text)
    {
        if (text == AnswerSourceText.Prefix(AnswerSourceKind.ResultUrl)) { return new AnswerSource(AnswerSourceKind.ResultUrl, null, null); }
        var value = AnswerSourceText.Prefix(AnswerSourceKind.Value);
        if (text.StartsWith(value, StringComparison.Ordinal)) { return new AnswerSource(AnswerSourceKind.Value, null, text.Substring(value.Length)); }
        foreach (var kind in new[] { AnswerSourceKind.InputDuration, AnswerSourceKind.FaceDetected, AnswerSourceKind.FaceMessage })
        {
            var prefix = AnswerSourceText.Prefix(kind);
            if (!text.StartsWith(prefix, StringComparison.Ordinal)) { continue; }
            var path = text.Substring(prefix.Length);
            // A dotted path of wire names, each non-empty.
            return path.Length > 0 && path.Split('.').All(s => s.Length > 0) ? new AnswerSource(kind, path, null) : null;
        }
        return null;
    }

    private static bool Fits(AnswerSource source, ValueKind kind) => source.Kind switch
    {
        AnswerSourceKind.ResultUrl or AnswerSourceKind.FaceMessage => kind == ValueKind.String,
        AnswerSourceKind.InputDuration => kind is ValueKind.Number or ValueKind.Integer or ValueKind.LongInteger,
        AnswerSourceKind.FaceDetected => kind == ValueKind.Boolean,
        _ => kind switch
        {
            ValueKind.String or ValueKind.Enum => true,
            ValueKind.Integer or ValueKind.LongInteger => long.TryParse(source.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            ValueKind.Number => double.TryParse(source.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            ValueKind.Boolean => source.Value is "true" or "false",
            _ => false,
        },
    };
}
