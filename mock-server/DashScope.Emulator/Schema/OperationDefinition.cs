using DashScope.Toolkit.Description;
using NJsonSchema;

namespace DashScope.Emulator.Schema;

/// <summary>
/// One operation the emulator answers: the description's <see cref="OperationDescription"/>, with the NJsonSchema
/// definitions its headers, body and query are validated against resolved once, on first use, and the facts the
/// emulator derives from it (its endpoint, paths, rate limit, running-task limit, billing key).
/// </summary>
public sealed class OperationDefinition
{
    private readonly Lazy<JsonSchema> _headerSchema;
    private readonly Lazy<JsonSchema?> _requestSchema;
    private readonly Lazy<JsonSchema?> _querySchema;

    internal OperationDefinition(OperationDescription operation, EndpointDescription endpoint, SchemaDocument document)
    {
        Description = operation;
        Endpoint = EmulatorEndpoint.Of(operation.Key);
        Paths = [operation.Path, .. operation.AlternatePaths];
        MediaRules = [.. operation.MediaRules];
        // NJsonSchema reads the file the first time one of them is asked for: start-up is not the time to pay for it.
        _headerSchema = new(() => operation.HeadersModel is { } headers ? Definition(endpoint, document, headers) : AnyHeaders(), LazyThreadSafetyMode.ExecutionAndPublication);
        _requestSchema = new(() => operation.RequestModel is { } request ? Definition(endpoint, document, request) : null, LazyThreadSafetyMode.ExecutionAndPublication);
        _querySchema = new(() => operation.QueryModel is { } query ? Definition(endpoint, document, query) : null, LazyThreadSafetyMode.ExecutionAndPublication);
        UserApiUniqueKey = ProtocolFields.UserApiUniqueKey(operation.Path, operation.Model);
    }

    /// <summary>The operation as the description reads it.</summary>
    public OperationDescription Description { get; }

    /// <summary>Which emulator endpoint this is: faults, limits and the journal name it.</summary>
    public EmulatorEndpoint Endpoint { get; }

    /// <summary>The schema's key for it (<c>VideoSynthesis</c>, <c>query</c>...).</summary>
    public string Name => Description.Key;

    /// <summary>What the operation does, which decides the handler that answers it.</summary>
    public OperationKind Kind => Description.Kind;

    /// <summary>HTTP method.</summary>
    public string Method => Description.Method;

    /// <summary>Path templates relative to the API base, the canonical one first.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>The model the operation serves, when it takes a body with a model.</summary>
    public string? Model => Description.Model;

    /// <summary>Schema of the request headers (one that accepts any headers when the schema names none).</summary>
    public JsonSchema HeaderSchema => _headerSchema.Value;

    /// <summary>Schema of the request body, if the operation has one.</summary>
    public JsonSchema? RequestSchema => _requestSchema.Value;

    /// <summary>Schema of the query string, if the operation has one.</summary>
    public JsonSchema? QuerySchema => _querySchema.Value;

    /// <summary>True once NJsonSchema has been asked for any of the operation's definitions (it reads the schema file then).</summary>
    internal bool AnyDefinitionRead => _headerSchema.IsValueCreated || _requestSchema.IsValueCreated || _querySchema.IsValueCreated;

    /// <summary>Per-account rate limit from the schema, if any.</summary>
    public double? RequestsPerSecond => Description.RateLimit?.RequestsPerSecond;

    /// <summary>The URL properties of the body whose media must be fetched and checked, by dotted path.</summary>
    /// <remarks>Kept as one list: the description's is a struct array, boxed afresh on every read as a list, and the submit path reads it many times per request.</remarks>
    public IReadOnlyList<MediaRuleDescription> MediaRules { get; }

    /// <summary>For a task submit: how many of one account's tasks of this operation run at once (no limit when the schema states none).</summary>
    public int MaxRunningTasksPerAccount => Description.MaxRunningTasksPerAccount ?? int.MaxValue;

    /// <summary>The <c>user_api_unique_key</c> the task list reports for this operation's tasks.</summary>
    public string UserApiUniqueKey { get; }

    // Headers a schema does not describe are not checked; the key is still read and checked by the account stage.
    private static JsonSchema AnyHeaders() => new();

    private static JsonSchema Definition(EndpointDescription endpoint, SchemaDocument document, string model) =>
        document.Definition(endpoint.Model(model).Definition);
}
