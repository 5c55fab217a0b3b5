using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using DashScope.Toolkit.Generator.Model;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.References;

namespace DashScope.Toolkit.Generator.Parsing;

/// <summary>
/// Reads one schema file into a <see cref="ServiceModel"/>, or into located diagnostics. Never throws
/// (except for cancellation): an unexpected failure becomes DSG008.
/// </summary>
internal static class SchemaParser
{
    public static SchemaParseResult Parse(SchemaFileInput input, CancellationToken cancellationToken)
    {
        var positions = new JsonPositions(input.Path, input.Text ?? string.Empty);
        var fileName = Path.GetFileName(input.Path);
        try
        {
            if (input.Text is null)
            {
                return Fail(input, positions, "DSG001", fileName, "the file could not be read");
            }

            JToken document;
            try
            {
                using var reader = new JsonTextReader(new StringReader(input.Text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
                document = JToken.ReadFrom(reader, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load, DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error, CommentHandling = CommentHandling.Ignore });
                while (reader.Read())
                {
                    if (reader.TokenType != JsonToken.Comment) { throw new JsonReaderException("Additional text after the end of the JSON value.", reader.Path, reader.LineNumber, reader.LinePosition, null); }
                }
            }
            catch (JsonReaderException bad)
            {
                return new SchemaParseResult(input.Path, positions.RootSpan, null, new[]
                {
                    new DiagnosticInfo("DSG001", positions.FromReader(bad.LineNumber, bad.LinePosition), new[] { fileName, Trim(bad.Message) }.ToEquatableArray()),
                }.ToEquatableArray());
            }

            // Newtonsoft accepts a comma before } or ], which JSON (and every other reader of the schema) rejects.
            if (TrailingComma(input.Text) is { } comma)
            {
                return new SchemaParseResult(input.Path, positions.RootSpan, null, new[]
                {
                    new DiagnosticInfo("DSG001", positions.AtOffset(comma, 1), new[] { fileName, "a comma is followed by a closing bracket (trailing commas are not JSON)" }.ToEquatableArray()),
                }.ToEquatableArray());
            }

            // Newtonsoft also reads a missing value ("a": , or [1, , 2]) as "undefined" instead of failing.
            if (FirstUndefined(document) is IJsonLineInfo missing)
            {
                // The reader stops just before the separator that follows the gap: point at that separator.
                var offset = positions.FromReader(missing.LineNumber, missing.LinePosition).Start;
                while (offset < input.Text.Length - 1 && char.IsWhiteSpace(input.Text[offset])) { offset++; }
                return new SchemaParseResult(input.Path, positions.RootSpan, null, new[]
                {
                    new DiagnosticInfo("DSG001", positions.AtOffset(offset, 1), new[] { fileName, "a value is missing (two separators in a row, or a colon with no value)" }.ToEquatableArray()),
                }.ToEquatableArray());
            }

            if (document is not JObject root)
            {
                return Fail(input, positions, "DSG001", fileName, "the top level must be a JSON object");
            }
            positions.Root = root;
            cancellationToken.ThrowIfCancellationRequested();

            // NJsonSchema fails on a reference to another file before asking the resolver, with a message that
            // names neither the reference nor its place: say it here, at the "$ref".
            if (root.Descendants().OfType<JProperty>().FirstOrDefault(p => p.Name == "$ref" && p.Value.Type == JTokenType.String && !((string)p.Value!).StartsWith("#", StringComparison.Ordinal)) is { } external)
            {
                return new SchemaParseResult(input.Path, positions.RootSpan, null, new[]
                {
                    new DiagnosticInfo("DSG002", positions.Of(Pointer(external)), new[] { fileName, $"the external reference '{(string)external.Value!}' is not supported: keep every definition in the schema file" }.ToEquatableArray()),
                }.ToEquatableArray());
            }

            // A chain of references that comes back to itself has no schema at its end; NJsonSchema throws
            // later, from wherever the generator first asks for it. Say it here, at the first "$ref" of the loop.
            if (CyclicReference(root) is { } cyclic)
            {
                return new SchemaParseResult(input.Path, positions.RootSpan, null, new[]
                {
                    new DiagnosticInfo("DSG002", positions.Of(Pointer(cyclic)), new[] { fileName, $"the reference '{(string)cyclic.Value!}' leads back to itself through references only, so it names no schema" }.ToEquatableArray()),
                }.ToEquatableArray());
            }

            JsonSchema schema;
            try
            {
                schema = JsonSchema.FromJsonAsync(input.Text, string.Empty, s => new LocalOnlyReferenceResolver(s), cancellationToken).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) { throw; }
            catch (Exception unreadable)
            {
                var span = LocateMessage(root, positions, unreadable.Message);
                return new SchemaParseResult(input.Path, positions.RootSpan, null, new[]
                {
                    new DiagnosticInfo("DSG002", span, new[] { fileName, Trim(unreadable.Message) }.ToEquatableArray()),
                }.ToEquatableArray());
            }

            return new Builder(input, fileName, root, schema, positions, cancellationToken).Build();
        }
        catch (OperationCanceledException) { throw; }
        catch (Exception unexpected)
        {
            return Fail(input, positions, "DSG008", fileName, unexpected.GetType().Name + ": " + Trim(unexpected.Message));
        }
    }

    /// <summary>The offset of the first comma followed (past whitespace and comments) by } or ], or null; strings are skipped.</summary>
    internal static int? TrailingComma(string text)
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

    /// <summary>The first local "$ref" whose chain of references (a $ref to a schema that is itself a $ref...) loops.</summary>
    private static JProperty? CyclicReference(JObject root)
    {
        foreach (var reference in root.Descendants().OfType<JProperty>().Where(p => p.Name == "$ref" && p.Value.Type == JTokenType.String))
        {
            var seen = new HashSet<JToken>();
            for (JToken? target = reference.Parent; target is JObject node && node["$ref"] is JValue { Type: JTokenType.String } next; target = Resolve(root, (string)next!))
            {
                if (!seen.Add(node)) { return reference; }
            }
        }
        return null;
    }

    private static JToken? Resolve(JObject root, string reference)
    {
        if (!reference.StartsWith("#", StringComparison.Ordinal)) { return null; }
        JToken? current = root;
        foreach (var raw in reference.Substring(1).Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = Uri.UnescapeDataString(raw).Replace("~1", "/").Replace("~0", "~");
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

    private static JToken? FirstUndefined(JToken document)
    {
        if (document.Type == JTokenType.Undefined) { return document; }
        return document is JContainer container ? container.Descendants().FirstOrDefault(t => t.Type == JTokenType.Undefined) : null;
    }

    private static SchemaParseResult Fail(SchemaFileInput input, JsonPositions positions, string id, string fileName, string message) =>
        new(input.Path, positions.RootSpan, null, new[] { new DiagnosticInfo(id, positions.RootSpan, new[] { fileName, message }.ToEquatableArray()) }.ToEquatableArray());

    private static string Trim(string message)
    {
        var oneLine = message.Replace("\r", " ").Replace("\n", " ");
        return oneLine.Length > 300 ? oneLine.Substring(0, 300) + "…" : oneLine;
    }

    /// <summary>Points an NJsonSchema error at the "$ref" it names, when it names one.</summary>
    private static SourceSpan LocateMessage(JObject root, JsonPositions positions, string message)
    {
        foreach (var token in root.Descendants().OfType<JProperty>())
        {
            if (token.Name == "$ref" && token.Value.Type == JTokenType.String && message.IndexOf((string)token.Value!, StringComparison.Ordinal) >= 0)
            {
                return positions.Of(Pointer(token));
            }
        }
        return positions.RootSpan;
    }

    internal static string Pointer(JToken token)
    {
        var parts = new List<string>();
        for (var current = token; current is not null && current.Parent is not null; current = current.Parent)
        {
            if (current is JProperty property) { parts.Add(property.Name.Replace("~", "~0").Replace("/", "~1")); }
            else if (current.Parent is JArray array) { parts.Add(array.IndexOf(current).ToString(CultureInfo.InvariantCulture)); }
        }
        parts.Reverse();
        return "/" + string.Join("/", parts);
    }

    /// <summary>Resolves only references inside the file: a generator must not read the disk or the network.</summary>
    private sealed class LocalOnlyReferenceResolver : JsonReferenceResolver
    {
        public LocalOnlyReferenceResolver(JsonSchema schema) : base(new JsonSchemaAppender(schema, new DefaultTypeNameGenerator())) { }

        public override System.Threading.Tasks.Task<IJsonReference> ResolveFileReferenceAsync(string filePath, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException($"The external reference '{filePath}' is not supported: keep every definition in the schema file.");

        public override System.Threading.Tasks.Task<IJsonReference> ResolveUrlReferenceAsync(string url, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException($"The external reference '{url}' is not supported: keep every definition in the schema file.");
    }
}
