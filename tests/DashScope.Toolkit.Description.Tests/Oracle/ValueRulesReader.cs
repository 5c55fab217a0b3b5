using System;
using System.Globalization;
using System.Linq;
using Newtonsoft.Json.Linq;
using NJsonSchema;

using DashScope.Toolkit.Description.Reading;

namespace DashScope.Toolkit.Description.Tests.Oracle;

/// <summary>Reads what one value's keywords say: its validation rules, its time format and its media limits.</summary>
internal sealed class ValueRulesReader
{
    private const string EpochMilliseconds = "epoch-milliseconds";

    private readonly KeywordReader _reader;

    public ValueRulesReader(KeywordReader reader) => _reader = reader;

    /// <summary>A string or integer: plain, or a time when <c>x-dashscope-time-format</c> says so; null after DSG004.</summary>
    public ValueDescription? Scalar(JsonObjectType type, JsonSchema schema, string pointer)
    {
        var timeFormat = schema.ExtensionData is not null && schema.ExtensionData.TryGetValue("x-dashscope-time-format", out var value) ? value?.ToString() : null;
        if (type == JsonObjectType.String)
        {
            if (timeFormat is null) { return Plain(ValueKind.String); }
            if (timeFormat == EpochMilliseconds || !IsUsableTimeFormat(timeFormat))
            {
                _reader.Keyword(_reader.Positions.Of(pointer + "/x-dashscope-time-format"), $"x-dashscope-time-format '{timeFormat}' is not a .NET date format (like yyyy-MM-dd HH:mm:ss.fff) for a string");
                return null;
            }
            return Plain(ValueKind.Time) with { TimeFormat = timeFormat };
        }
        if (timeFormat is not null)
        {
            if (timeFormat != EpochMilliseconds)
            {
                _reader.Keyword(_reader.Positions.Of(pointer + "/x-dashscope-time-format"), $"x-dashscope-time-format '{timeFormat}' on an integer must be '{EpochMilliseconds}'");
                return null;
            }
            return Plain(ValueKind.EpochTime);
        }
        var wide = schema.Format == "int64" || (schema.Maximum is { } max && max > int.MaxValue) || (schema.Minimum is { } min && min < int.MinValue);
        return Plain(wide ? ValueKind.LongInteger : ValueKind.Integer);
    }

    /// <summary>The validation keywords of <paramref name="schema"/> that apply to a value of <paramref name="kind"/>.</summary>
    public ValueRules RulesOf(ValueKind kind, JsonSchema schema, string pointer, string label)
    {
        var isString = kind == ValueKind.String;
        var allowed = isString && schema.Enumeration.Count > 0
            ? schema.Enumeration.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty).ToEquatableArray()
            : EquatableArray<string>.Empty;
        string? min = null, max = null;
        bool exclusiveMin = false, exclusiveMax = false;
        if (kind is ValueKind.Number or ValueKind.Integer or ValueKind.LongInteger)
        {
            if (schema.ExclusiveMinimum is { } exMin) { min = Number(exMin); exclusiveMin = true; }
            else if (schema.Minimum is { } minimum) { min = Number(minimum); exclusiveMin = schema.IsExclusiveMinimum; }
            if (schema.ExclusiveMaximum is { } exMax) { max = Number(exMax); exclusiveMax = true; }
            else if (schema.Maximum is { } maximum) { max = Number(maximum); exclusiveMax = schema.IsExclusiveMaximum; }
        }
        var pattern = isString ? schema.Pattern : null;
        if (pattern is not null && !IsUsablePattern(pattern))
        {
            _reader.Report(DescriptionDiagnosticId.UnsupportedConstruct, _reader.Positions.Of(pointer + "/pattern"), label, "a pattern that .NET regular expressions cannot compile", "write the pattern in the ECMAScript subset that .NET also accepts");
            pattern = null;
        }
        var isArray = kind == ValueKind.Array;
        return new ValueRules(
            min,
            exclusiveMin,
            max,
            exclusiveMax,
            allowed,
            pattern,
            isString && string.Equals(schema.Format, "uri", StringComparison.Ordinal),
            isString ? schema.MinLength : null,
            isString ? schema.MaxLength : null,
            isArray && schema.MinItems > 0 ? schema.MinItems : null,
            isArray && schema.MaxItems > 0 ? schema.MaxItems : null)
        {
            MultipleOf = kind is ValueKind.Number or ValueKind.Integer or ValueKind.LongInteger && schema.MultipleOf is { } multipleOf ? Number(multipleOf) : null,
            UniqueItems = isArray && schema.UniqueItems,
        };
    }

    /// <summary>The <c>x-dashscope-media</c> limits written on the property at <paramref name="pointer"/>, or null; DSG004 when they are malformed.</summary>
    public MediaRuleDescription? MediaOf(ValueKind kind, string wireName, string pointer)
    {
        var mediaPointer = pointer + "/x-dashscope-media";
        if (_reader.Positions.TokenAt(mediaPointer) is not { } token) { return null; }
        if (token is not JObject media || kind != ValueKind.String)
        {
            _reader.Keyword(_reader.Positions.Of(mediaPointer), "x-dashscope-media must be an object on a string (URL) property");
            return null;
        }
        var kindText = KeywordReader.OptionalString(media, "kind");
        if (kindText is not ("image" or "audio"))
        {
            _reader.Keyword(_reader.Positions.Of(mediaPointer + (media["kind"] is null ? string.Empty : "/kind")), "x-dashscope-media.kind must be 'image' or 'audio'");
            return null;
        }
        var formats = _reader.StringArray(media, "formats", mediaPointer + "/formats") ?? Array.Empty<string>();
        return new MediaRuleDescription(
            wireName,
            kindText == "audio" ? MediaKind.Audio : MediaKind.Image,
            formats.Select(f => f.ToLowerInvariant()).ToEquatableArray(),
            OptionalNumber(media, "exclusiveMaxBytes", mediaPointer) is { } bytes ? (long)bytes : null,
            OptionalNumber(media, "maxAspectRatio", mediaPointer),
            OptionalNumber(media, "maxLongestSidePixels", mediaPointer) is { } pixels ? (int)Math.Min(pixels, int.MaxValue) : null,
            OptionalNumber(media, "minDurationSeconds", mediaPointer),
            OptionalNumber(media, "maxDurationSeconds", mediaPointer));
    }

    public static string? Clean(string? description) =>
        string.IsNullOrWhiteSpace(description) ? null : description!.Replace("\r", string.Empty).Trim();

    public static string? DefaultText(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>A media limit: null when absent; DSG004 (and null) when it is not a number above zero.</summary>
    private double? OptionalNumber(JObject owner, string key, string pointer)
    {
        if (owner[key] is null) { return null; }
        var number = _reader.PositiveNumber(owner, key, pointer + "/" + key, fallback: double.NaN);
        return double.IsNaN(number) ? null : number;
    }

    private static ValueDescription Plain(ValueKind kind) => new(kind, null, null, null, ValueRules.None, null);

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static bool IsUsablePattern(string pattern)
    {
        try
        {
            _ = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool IsUsableTimeFormat(string format)
    {
        try
        {
            var sample = new DateTime(2001, 2, 3, 4, 5, 6, 789, DateTimeKind.Unspecified);
            var text = sample.ToString(format, CultureInfo.InvariantCulture);
            return DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var back) && back.Year == 2001;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
