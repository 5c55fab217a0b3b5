using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace DashScope.Toolkit.Description.Tests.Oracle;

/// <summary>
/// Collects one schema's diagnostics and reads endpoint keywords from the JSON tree, reporting a missing or
/// mistyped keyword (DSG004) at its place instead of throwing.
/// </summary>
internal sealed class KeywordReader
{
    private readonly List<DescriptionDiagnostic> _diagnostics = new();

    public KeywordReader(string fileName, JsonPositions positions)
    {
        FileName = fileName;
        Positions = positions;
    }

    public string FileName { get; }

    public JsonPositions Positions { get; }

    public IReadOnlyList<DescriptionDiagnostic> Diagnostics => _diagnostics;

    public void Report(DescriptionDiagnosticId id, SchemaLocation location, params string[] arguments) =>
        _diagnostics.Add(new DescriptionDiagnostic(id, location, arguments.ToEquatableArray()));

    /// <summary>Reports DSG004 (the file's name, then <paramref name="message"/>) at <paramref name="location"/>.</summary>
    public void Keyword(SchemaLocation location, string message) =>
        Report(DescriptionDiagnosticId.InvalidEndpointKeyword, location, FileName, message);

    /// <summary>The object under <paramref name="key"/>; DSG004 when it is missing or not an object.</summary>
    public JObject? Block(JObject owner, string key, string pointer)
    {
        var token = owner[key];
        if (token is JObject block) { return block; }
        Keyword(token is null ? Positions.Of(Parent(pointer)) : Positions.Of(pointer),
            token is null ? $"the keyword '{Dotted(pointer)}' is missing" : $"'{Dotted(pointer)}' must be an object");
        return null;
    }

    /// <summary>The non-empty string under <paramref name="key"/>; DSG004 when it is missing or not one.</summary>
    public string? RequiredString(JObject owner, string key, string pointer)
    {
        var token = owner[key];
        if (token is { Type: JTokenType.String } && ((string?)token)!.Length > 0) { return (string)token!; }
        Keyword(token is null ? Positions.Of(Parent(pointer)) : Positions.Of(pointer),
            token is null ? $"'{Dotted(pointer)}' is missing" : $"'{Dotted(pointer)}' must be a non-empty string");
        return null;
    }

    /// <summary>The non-empty string under <paramref name="key"/>, or null whatever else is there.</summary>
    public static string? OptionalString(JObject owner, string key) =>
        owner[key] is { Type: JTokenType.String } token && ((string?)token)!.Length > 0 ? (string)token! : null;

    /// <summary>The strings of the array under <paramref name="key"/>; null when absent; DSG004 when it is not an array of strings.</summary>
    public IReadOnlyList<string>? StringArray(JObject owner, string key, string pointer)
    {
        if (owner[key] is null) { return null; }
        if (owner[key] is JArray array && array.All(t => t.Type == JTokenType.String))
        {
            return array.Select(t => (string)t!).ToList();
        }
        Keyword(Positions.Of(pointer), $"'{Dotted(pointer)}' must be an array of strings");
        return null;
    }

    /// <summary>The number under <paramref name="key"/>; <paramref name="fallback"/> when absent; DSG004 when it is not a number above zero.</summary>
    public double PositiveNumber(JObject owner, string key, string pointer, double fallback)
    {
        var token = owner[key];
        if (token is null) { return fallback; }
        if (token.Type is JTokenType.Integer or JTokenType.Float && (double)token > 0) { return (double)token; }
        Keyword(Positions.Of(pointer), $"'{Dotted(pointer)}' must be a number above zero");
        return fallback;
    }

    /// <summary>The integer under <paramref name="key"/>; null when absent; DSG004 when it is not a positive integer.</summary>
    public int? PositiveInteger(JObject owner, string key, string pointer)
    {
        var token = owner[key];
        if (token is null) { return null; }
        if (token.Type == JTokenType.Integer && (long)token > 0 && (long)token <= int.MaxValue) { return (int)(long)token; }
        Keyword(Positions.Of(pointer), $"'{Dotted(pointer)}' must be a positive integer");
        return null;
    }

    /// <summary>The boolean under <paramref name="key"/>; <paramref name="fallback"/> when absent; DSG004 when it is not true or false.</summary>
    public bool Boolean(JObject owner, string key, string pointer, bool fallback)
    {
        var token = owner[key];
        if (token is null) { return fallback; }
        if (token.Type == JTokenType.Boolean) { return (bool)token; }
        Keyword(Positions.Of(pointer), $"'{Dotted(pointer)}' must be true or false");
        return fallback;
    }

    /// <summary>"x-dashscope-tasks.query.path" for "/x-dashscope-tasks/query/path".</summary>
    public static string Dotted(string pointer) => pointer.TrimStart('/').Replace('/', '.');

    public static string Parent(string pointer) => pointer.Substring(0, Math.Max(0, pointer.LastIndexOf('/')));
}
