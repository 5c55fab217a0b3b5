using DashScope.Toolkit.Description;
using NJsonSchema;

namespace DashScope.Emulator.Schema;

/// <summary>One HTTP operation the emulator answers, as the schema describes it.</summary>
/// <param name="Endpoint">Which emulator endpoint this is.</param>
/// <param name="Name">The schema's name for it (<c>VideoSynthesis</c>, <c>query</c>...).</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Paths">Path templates relative to the API base, the canonical one first.</param>
/// <param name="Model">The model the operation serves, when it takes a body with a model.</param>
/// <param name="HeaderSchema">Schema of the request headers.</param>
/// <param name="RequestSchema">Schema of the request body, if the operation has one.</param>
/// <param name="QuerySchema">Schema of the query string, if the operation has one.</param>
/// <param name="RequestsPerSecond">Per-account rate limit from the schema, if any.</param>
/// <param name="MediaRules">The URL properties of the body whose media must be fetched and checked.</param>
public sealed record OperationDefinition(
    EmulatorEndpoint Endpoint,
    string Name,
    string Method,
    IReadOnlyList<string> Paths,
    string? Model,
    JsonSchema HeaderSchema,
    JsonSchema? RequestSchema,
    JsonSchema? QuerySchema,
    double? RequestsPerSecond,
    IReadOnlyList<MediaRule> MediaRules)
{
    /// <summary>What the operation does, which decides the handler that answers it.</summary>
    internal OperationKind Kind { get; init; }
}
