using System;
using System.IO;
using System.Threading;
using DashScope.Toolkit.Description.Reading;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace DashScope.Toolkit.Description;

/// <summary>
/// Reads a schema file into an <see cref="EndpointDescription"/>: strict JSON first (no trailing comma, no
/// missing value, no repeated key), then the schemas with their references resolved inside the file (read from
/// the same JSON tree: NJsonSchema is not asked unless the file is broken), then the <c>x-dashscope-*</c> keywords
/// and the models they reach. It never throws, except for cancellation: every
/// problem is a <see cref="DescriptionDiagnostic"/> at its place in the file.
/// </summary>
public static class EndpointDescriptionReader
{
    /// <summary>Reads the schema <paramref name="text"/> of the file at <paramref name="path"/>.</summary>
    /// <param name="path">The file's path: named in diagnostics, never opened.</param>
    /// <param name="text">The file's text.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static DescriptionReadResult Read(string path, string text, CancellationToken cancellationToken = default)
    {
        path ??= string.Empty;
        text ??= string.Empty;
        var positions = new JsonPositions(path, text);
        var reader = new KeywordReader(Path.GetFileName(path), positions);
        SchemaDocument? document = null;
        try
        {
            if (ReadJson(text, positions, reader) is not { } root) { return Result(path, null, reader, null); }
            positions.Root = root;
            cancellationToken.ThrowIfCancellationRequested();
            var tree = ReadSchema(text, root, positions, reader, cancellationToken);
            document = new SchemaDocument(path, text, root, tree is not null, positions);
            if (tree is null) { return Result(path, null, reader, document); }
            var description = new DescriptionBuilder(root, new ModelWalker(tree, reader, cancellationToken), reader, cancellationToken).Build();
            return Result(path, description, reader, document);
        }
        catch (OperationCanceledException) { throw; }
        catch (Exception unexpected)
        {
            // A failure of the reader itself must still reach the user as a located problem, not as a crash.
            reader.Report(DescriptionDiagnosticId.UnreadableSchema, positions.RootSpan, reader.FileName, "the schema reader failed: " + unexpected.GetType().Name + ": " + Trim(unexpected.Message));
            return Result(path, null, reader, document);
        }
    }

    private static DescriptionReadResult Result(string path, EndpointDescription? description, KeywordReader reader, SchemaDocument? document) =>
        new(path, reader.Diagnostics.Count == 0 ? description : null, reader.Diagnostics.ToEquatableArray(), document);

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

    /// <summary>The file's schemas with their references resolved, or null after DSG002.</summary>
    private static SchemaTree? ReadSchema(string text, JObject root, JsonPositions positions, KeywordReader reader, CancellationToken cancellationToken)
    {
        // A reference to another file would make a reader inside a compiler read the disk or the network: say so at the "$ref".
        if (JsonChecks.ExternalReference(root) is { } external)
        {
            Unreadable(reader, positions.Of(JsonChecks.Pointer(external)), $"the external reference '{(string)external.Value!}' is not supported: keep every definition in the schema file");
            return null;
        }

        // A chain of references that comes back to itself has no schema at its end. Say it at the first "$ref" of the loop.
        if (JsonChecks.CyclicReference(root) is { } cyclic)
        {
            Unreadable(reader, positions.Of(JsonChecks.Pointer(cyclic)), $"the reference '{(string)cyclic.Value!}' leads back to itself through references only, so it names no schema");
            return null;
        }

        var tree = new SchemaTree(root);
        if (tree.FirstProblem() is not { } problem) { return tree; }

        // A keyword of the wrong shape, or a reference to nothing: the file is broken, so the time NJsonSchema takes no
        // longer matters, and its wording (as the toolkit always reported it) names the problem. Should it read the file
        // after all, the problem is still one the description cannot be built with: it is reported at its keyword.
        if (NJsonSchemaReading.Problem(text, cancellationToken) is { } message)
        {
            // Point an NJsonSchema error at the "$ref" it names, when it names one.
            var named = JsonChecks.ReferenceNamedIn(root, message);
            Unreadable(reader, named is null ? positions.RootSpan : positions.Of(JsonChecks.Pointer(named)), Trim(message));
        }
        else
        {
            Unreadable(reader, positions.Of(JsonChecks.Pointer(problem.Token)), problem.Problem);
        }
        return null;
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
