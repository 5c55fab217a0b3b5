using System.Linq;
using DashScope.Toolkit.Description.Reading;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace DashScope.Toolkit.Description;

/// <summary>
/// The parsed schema file: its text, its JSON tree with line information, and NJsonSchema's reading of it.
/// It holds positions and mutable trees, so it is neither compared nor cached (an <see cref="EndpointDescription"/> is).
/// Use it to locate a pointer for a diagnostic, or to validate JSON against a definition.
/// </summary>
public sealed class SchemaDocument
{
    private readonly JsonPositions _positions;
    private readonly JsonSchema? _schema;

    internal SchemaDocument(string path, string text, JObject root, JsonSchema? schema, JsonPositions positions)
    {
        Path = path;
        Text = text;
        Root = root;
        _schema = schema;
        _positions = positions;
    }

    /// <summary>The schema's path as given to the reader.</summary>
    public string Path { get; }

    /// <summary>The schema's text.</summary>
    public string Text { get; }

    /// <summary>The JSON tree, with line information.</summary>
    public JObject Root { get; }

    /// <summary>True when NJsonSchema could read the file (see <see cref="Schema"/>).</summary>
    public bool HasSchema => _schema is not null;

    /// <summary>The schema as NJsonSchema read it (references resolved inside the file).</summary>
    /// <exception cref="SchemaDescriptionException">NJsonSchema could not read the file (the read result's diagnostics say why).</exception>
    public JsonSchema Schema => _schema ?? throw new SchemaDescriptionException(Path, $"The schema '{Path}' could not be read as a JSON Schema; see its diagnostics.");

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
}
