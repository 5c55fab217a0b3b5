using System;
using System.Linq;
using System.Threading;
using DashScope.Toolkit.Description.Reading;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace DashScope.Toolkit.Description;

/// <summary>
/// The parsed schema file: its text, its JSON tree with line information, and (on first use) NJsonSchema's reading
/// of it. It holds positions and mutable trees, so it is neither compared nor cached (an <see cref="EndpointDescription"/> is).
/// Use it to locate a pointer for a diagnostic, or to validate JSON against a definition.
/// </summary>
/// <remarks>
/// The description is built without NJsonSchema; reading the file with it costs a fresh process a few hundred
/// milliseconds, so <see cref="Schema"/> reads it the first time it is asked for, once, whatever the number of threads.
/// </remarks>
public sealed class SchemaDocument
{
    private readonly JsonPositions _positions;
    private readonly bool _readable;

    // Typed as object so that creating a document names no NJsonSchema type: the assembly loads on first use only.
    private readonly Lazy<object?> _schema;

    internal SchemaDocument(string path, string text, JObject root, bool readable, JsonPositions positions)
    {
        Path = path;
        Text = text;
        Root = root;
        _readable = readable;
        _positions = positions;
        _schema = new Lazy<object?>(ReadSchema, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The schema's path as given to the reader.</summary>
    public string Path { get; }

    /// <summary>The schema's text.</summary>
    public string Text { get; }

    /// <summary>The JSON tree, with line information.</summary>
    public JObject Root { get; }

    /// <summary>True when NJsonSchema can read the file (see <see cref="Schema"/>); reads it on first use.</summary>
    public bool HasSchema => _schema.Value is JsonSchema;

    /// <summary>The schema as NJsonSchema reads it (references resolved inside the file), read on first use.</summary>
    /// <exception cref="SchemaDescriptionException">NJsonSchema could not read the file (the read result's diagnostics say why).</exception>
    public JsonSchema Schema => _schema.Value as JsonSchema ?? throw new SchemaDescriptionException(Path, $"The schema '{Path}' could not be read as a JSON Schema; " + (_schema.Value as string ?? "see its diagnostics."));

    /// <summary>Where the file starts: the place of problems that concern the whole file.</summary>
    public SchemaLocation Start => _positions.RootSpan;

    /// <summary>The definition named <paramref name="name"/>, to validate JSON against it.</summary>
    /// <param name="name">A key of <c>definitions</c>, e.g. <c>VideoSynthesisRequest</c>.</param>
    /// <exception cref="SchemaDescriptionException">The schema has no such definition (the message lists those it has).</exception>
    public JsonSchema Definition(string name) =>
        Schema.Definitions.TryGetValue(name, out var definition)
            ? definition
            : throw new SchemaDescriptionException(Path, $"The schema '{Path}' has no definition '{name}'; its definitions are {string.Join(", ", Schema.Definitions.Keys.OrderBy(k => k, System.StringComparer.Ordinal))}.");

    /// <summary>
    /// The place of the token at <paramref name="jsonPointer"/> (e.g. <c>/definitions/A/properties/b</c>): the
    /// property's quoted name when a property holds it, or the nearest parent that exists.
    /// </summary>
    /// <param name="jsonPointer">An RFC 6901 pointer without the leading <c>#</c>.</param>
    public SchemaLocation Locate(string jsonPointer) => _positions.Of(jsonPointer);

    /// <summary>Like <see cref="Locate"/>, but a string, number or literal value is located at the value rather than at its name.</summary>
    /// <param name="jsonPointer">An RFC 6901 pointer without the leading <c>#</c>.</param>
    public SchemaLocation LocateValue(string jsonPointer) => _positions.OfValue(jsonPointer);

    /// <summary>NJsonSchema's reading; else null when the reader found the schemas unreadable (its diagnostics say why), or NJsonSchema's message.</summary>
    private object? ReadSchema()
    {
        if (!_readable) { return null; }
        try
        {
            return NJsonSchemaReading.Read(Text, CancellationToken.None);
        }
        catch (Exception unreadable) when (unreadable is not OutOfMemoryException)
        {
            return "NJsonSchema says: " + unreadable.Message;
        }
    }
}
