using System;
using System.IO;
using System.Threading;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;

using DashScope.Toolkit.Description.Reading;

namespace DashScope.Toolkit.Description.Tests.Oracle;

/// <summary>
/// The oracle for the description reader: the reader as it was when NJsonSchema's object model was what the models
/// were walked from (kept here, unchanged but for the result it returns, so the reader that walks the JSON tree
/// itself can be compared with it: same description, same diagnostics at the same places).
/// </summary>
internal static class OracleDescriptionReader
{
    /// <summary>Reads the schema <paramref name="text"/> of the file at <paramref name="path"/>.</summary>
    /// <param name="path">The file's path: named in diagnostics, never opened.</param>
    /// <param name="text">The file's text.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static (EndpointDescription? Description, EquatableArray<DescriptionDiagnostic> Diagnostics) Read(string path, string text, CancellationToken cancellationToken = default)
    {
        path ??= string.Empty;
        text ??= string.Empty;
        var positions = new JsonPositions(path, text);
        var reader = new KeywordReader(Path.GetFileName(path), positions);
        try
        {
            if (ReadJson(text, positions, reader) is not { } root) { return Result(null, reader); }
            positions.Root = root;
            cancellationToken.ThrowIfCancellationRequested();
            var schema = ReadSchema(text, root, positions, reader, cancellationToken);
            if (schema is null) { return Result(null, reader); }
            var description = new DescriptionBuilder(root, new ModelWalker(schema, reader, cancellationToken), reader, cancellationToken).Build();
            return Result(description, reader);
        }
        catch (OperationCanceledException) { throw; }
        catch (Exception unexpected)
        {
            // A failure of the reader itself must still reach the user as a located problem, not as a crash.
            reader.Report(DescriptionDiagnosticId.UnreadableSchema, positions.RootSpan, reader.FileName, "the schema reader failed: " + unexpected.GetType().Name + ": " + Trim(unexpected.Message));
            return Result(null, reader);
        }
    }

    private static (EndpointDescription?, EquatableArray<DescriptionDiagnostic>) Result(EndpointDescription? description, KeywordReader reader) =>
        (reader.Diagnostics.Count == 0 ? description : null, reader.Diagnostics.ToEquatableArray());

    /// <summary>The JSON object of the text, or null after DSG001.</summary>
    private static JObject? ReadJson(string text, JsonPositions positions, KeywordReader reader)
    {
        JToken document;
        try
        {
            using var json = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
            document = JToken.ReadFrom(json, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load, DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error, CommentHandling = CommentHandling.Ignore });
            while (json.Read())
            {
                if (json.TokenType != JsonToken.Comment) { throw new JsonReaderException("Additional text after the end of the JSON value.", json.Path, json.LineNumber, json.LinePosition, null); }
            }
        }
        catch (JsonReaderException bad)
        {
            InvalidJson(reader, positions.FromReader(bad.LineNumber, bad.LinePosition), Trim(bad.Message));
            return null;
        }

        // Newtonsoft accepts a comma before } or ], which JSON (and every other reader of the schema) rejects.
        if (JsonChecks.TrailingComma(text) is { } comma)
        {
            InvalidJson(reader, positions.AtOffset(comma, 1), "a comma is followed by a closing bracket (trailing commas are not JSON)");
            return null;
        }

        // Newtonsoft also reads a missing value ("a": , or [1, , 2]) as "undefined" instead of failing.
        if (JsonChecks.FirstUndefined(document) is IJsonLineInfo missing)
        {
            // The reader stops just before the separator that follows the gap: point at that separator.
            var offset = positions.FromReader(missing.LineNumber, missing.LinePosition).Start;
            while (offset < text.Length - 1 && char.IsWhiteSpace(text[offset])) { offset++; }
            InvalidJson(reader, positions.AtOffset(offset, 1), "a value is missing (two separators in a row, or a colon with no value)");
            return null;
        }

        if (document is not JObject root)
        {
            InvalidJson(reader, positions.RootSpan, "the top level must be a JSON object");
            return null;
        }
        return root;
    }

    /// <summary>NJsonSchema's reading of the text, or null after DSG002.</summary>
    private static JsonSchema? ReadSchema(string text, JObject root, JsonPositions positions, KeywordReader reader, CancellationToken cancellationToken)
    {
        // NJsonSchema fails on a reference to another file before asking the resolver, with a message that
        // names neither the reference nor its place: say it here, at the "$ref".
        if (JsonChecks.ExternalReference(root) is { } external)
        {
            Unreadable(reader, positions.Of(JsonChecks.Pointer(external)), $"the external reference '{(string)external.Value!}' is not supported: keep every definition in the schema file");
            return null;
        }

        // A chain of references that comes back to itself has no schema at its end; NJsonSchema throws later,
        // from wherever it is first asked for. Say it here, at the first "$ref" of the loop.
        if (JsonChecks.CyclicReference(root) is { } cyclic)
        {
            Unreadable(reader, positions.Of(JsonChecks.Pointer(cyclic)), $"the reference '{(string)cyclic.Value!}' leads back to itself through references only, so it names no schema");
            return null;
        }

        try
        {
            // The same NJsonSchema reading the library does on demand: the oracle checks the walk, not this call.
            return NJsonSchemaReading.Read(text, cancellationToken);
        }
        catch (OperationCanceledException) { throw; }
        catch (Exception unreadable)
        {
            // Point an NJsonSchema error at the "$ref" it names, when it names one.
            var named = JsonChecks.ReferenceNamedIn(root, unreadable.Message);
            Unreadable(reader, named is null ? positions.RootSpan : positions.Of(JsonChecks.Pointer(named)), Trim(unreadable.Message));
            return null;
        }
    }

    private static void InvalidJson(KeywordReader reader, SchemaLocation location, string message) =>
        reader.Report(DescriptionDiagnosticId.InvalidJson, location, reader.FileName, message);

    private static void Unreadable(KeywordReader reader, SchemaLocation location, string message) =>
        reader.Report(DescriptionDiagnosticId.UnreadableSchema, location, reader.FileName, message);

    private static string Trim(string message)
    {
        var oneLine = message.Replace("\r", " ").Replace("\n", " ");
        return oneLine.Length > 300 ? oneLine.Substring(0, 300) + "…" : oneLine;
    }
}
