using System.Linq;

namespace DashScope.Toolkit.Description;

/// <summary>What reading a schema gave: a description, or located problems, and the parsed document.</summary>
public sealed class DescriptionReadResult
{
    internal DescriptionReadResult(string path, EndpointDescription? description, EquatableArray<DescriptionDiagnostic> diagnostics, SchemaDocument? document)
    {
        Path = path;
        Description = description;
        Diagnostics = diagnostics;
        Document = document;
    }

    /// <summary>The schema's path as given to the reader.</summary>
    public string Path { get; }

    /// <summary>The description; null when the schema has problems.</summary>
    public EndpointDescription? Description { get; }

    /// <summary>The schema's problems, each at its place in the file.</summary>
    public EquatableArray<DescriptionDiagnostic> Diagnostics { get; }

    /// <summary>The parsed document, to locate pointers and validate against definitions; null only when the text is not a JSON object NJsonSchema can read.</summary>
    public SchemaDocument? Document { get; }

    /// <summary>True when the schema has at least one problem.</summary>
    public bool HasErrors => Diagnostics.Count > 0;

    /// <summary>The description, for a consumer that cannot go on without one.</summary>
    /// <exception cref="SchemaDescriptionException">The schema has problems; the message lists each as <c>file(line,col): DSG00N: message</c>.</exception>
    public EndpointDescription GetDescriptionOrThrow() =>
        Description is { } description && !HasErrors ? description : throw new SchemaDescriptionException(Path, Diagnostics.AsEnumerable());
}
