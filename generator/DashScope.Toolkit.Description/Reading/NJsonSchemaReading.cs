using System;
using System.Threading;
using NJsonSchema;
using NJsonSchema.References;

namespace DashScope.Toolkit.Description.Reading;

/// <summary>
/// NJsonSchema's reading of a schema file, with references kept inside the file. The description is built without
/// it; it is asked only on demand: for <see cref="SchemaDocument.Schema"/> (to validate JSON against a definition),
/// and for the wording of a problem the <see cref="SchemaTree"/> found. Only this type and
/// <see cref="SchemaDocument"/> name NJsonSchema's types, so reading a description never loads its assembly.
/// </summary>
internal static class NJsonSchemaReading
{
    /// <summary>The schema NJsonSchema reads from <paramref name="text"/>; throws what NJsonSchema throws.</summary>
    public static JsonSchema Read(string text, CancellationToken cancellationToken) =>
        JsonSchema.FromJsonAsync(text, string.Empty, s => new LocalOnlyReferenceResolver(s), cancellationToken).GetAwaiter().GetResult();

    /// <summary>NJsonSchema's message when it cannot read <paramref name="text"/>, or null when it can.</summary>
    public static string? Problem(string text, CancellationToken cancellationToken)
    {
        try
        {
            Read(text, cancellationToken);
            return null;
        }
        catch (OperationCanceledException) { throw; }
        catch (Exception unreadable)
        {
            return unreadable.Message;
        }
    }

    /// <summary>Resolves only references inside the file: a reader inside a compiler must not read the disk or the network.</summary>
    private sealed class LocalOnlyReferenceResolver : JsonReferenceResolver
    {
        public LocalOnlyReferenceResolver(JsonSchema schema) : base(new JsonSchemaAppender(schema, new DefaultTypeNameGenerator())) { }

        public override System.Threading.Tasks.Task<IJsonReference> ResolveFileReferenceAsync(string filePath, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException($"The external reference '{filePath}' is not supported: keep every definition in the schema file.");

        public override System.Threading.Tasks.Task<IJsonReference> ResolveUrlReferenceAsync(string url, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException($"The external reference '{url}' is not supported: keep every definition in the schema file.");
    }
}
