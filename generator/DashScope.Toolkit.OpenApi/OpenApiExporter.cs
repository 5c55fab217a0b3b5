using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using DashScope.Toolkit.Description;

namespace DashScope.Toolkit.OpenApi;

/// <summary>
/// Turns an endpoint description into an OpenAPI 3.1 document: every operation with its method, path,
/// headers (the async header included), query and path parameters, request and answer bodies, the error
/// envelope for every documented error status, the schema's definitions as component schemas, and the
/// temporary upload storage (its policy call as an operation, the rest in <c>x-dashscope-uploads</c>).
/// </summary>
public static class OpenApiExporter
{
    /// <summary>The OpenAPI version the exporter writes.</summary>
    public const string OpenApiVersion = "3.1.0";

    /// <summary>The name of the bearer security scheme that carries the DashScope API key.</summary>
    public const string SecuritySchemeName = "dashScopeApiKey";

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        // The definitions hold prose with quotes, '<' and non-ASCII characters: keep them readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Reads the schema file at <paramref name="schemaPath"/> and returns its OpenAPI document as JSON text.</summary>
    /// <param name="schemaPath">A <c>*.schema.json</c> file with the <c>x-dashscope-*</c> keywords.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="SchemaDescriptionException">The schema has problems; the message names each one with its line.</exception>
    public static string ExportFile(string schemaPath)
    {
        var text = File.ReadAllText(schemaPath);
        var result = EndpointDescriptionReader.Read(schemaPath, text);
        var description = result.GetDescriptionOrThrow();
        return Export(description, result.Document!);
    }

    /// <summary>Returns the OpenAPI document of <paramref name="description"/> as indented JSON text ending in a newline.</summary>
    /// <param name="description">The endpoint, read once from its schema.</param>
    /// <param name="document">The schema document the description was read from; its definitions become component schemas.</param>
    public static string Export(EndpointDescription description, SchemaDocument document) =>
        BuildDocument(description, document).ToJsonString(WriteOptions).Replace("\r\n", "\n") + "\n";

    /// <summary>Builds the OpenAPI document of <paramref name="description"/> as a JSON tree.</summary>
    /// <param name="description">The endpoint, read once from its schema.</param>
    /// <param name="document">The schema document the description was read from.</param>
    public static JsonObject BuildDocument(EndpointDescription description, SchemaDocument document)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(document);

        var schemas = ComponentSchemas.FromDefinitions(document.Text);
        var operations = new OperationWriter(description, schemas);
        var paths = operations.Paths();
        if (description.Uploads is { } uploads)
        {
            new UploadsWriter(description, schemas).AddPolicyOperation(paths, uploads);
        }

        var root = new JsonObject
        {
            ["openapi"] = OpenApiVersion,
            ["info"] = Info(description),
            ["servers"] = new JsonArray(Server(description.Service)),
            ["security"] = new JsonArray(new JsonObject { [SecuritySchemeName] = new JsonArray() }),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas.Schemas,
                ["responses"] = operations.ErrorResponses(),
                ["securitySchemes"] = new JsonObject
                {
                    [SecuritySchemeName] = new JsonObject
                    {
                        ["type"] = "http",
                        ["scheme"] = "bearer",
                        ["description"] = $"A DashScope API key, sent as 'Authorization: Bearer <key>'. Clients read it from {description.Service.ApiKeyEnvironmentVariable}.",
                    },
                },
            },
        };
        if (description.Tasks is { } tasks)
        {
            root["x-dashscope-tasks"] = TaskProtocol(tasks);
        }

        if (description.Uploads is { } storage)
        {
            root["x-dashscope-uploads"] = UploadsWriter.Extension(storage);
        }

        return root;
    }

    private static JsonObject Info(EndpointDescription description)
    {
        var info = new JsonObject
        {
            ["title"] = description.Title ?? description.Service.Name,
            ["version"] = "1.0.0",
        };
        if (description.Summary is { } summary)
        {
            info["description"] = summary;
        }

        info["x-dashscope-service"] = description.Service.Name;
        return info;
    }

    private static JsonObject Server(ServiceDescription service)
    {
        var server = new JsonObject { ["url"] = service.BaseUrl };
        if (service.Region is { } region)
        {
            server["description"] = "Region " + region;
        }

        return server;
    }

    private static JsonObject TaskProtocol(TaskProtocolDescription tasks) => new()
    {
        ["terminalStatuses"] = Strings(tasks.TerminalStatuses),
        ["successStatus"] = tasks.SuccessStatus,
        ["cancelableStatuses"] = Strings(tasks.CancelableStatuses),
        ["recommendedPollIntervalSeconds"] = tasks.RecommendedPollIntervalSeconds,
        ["retentionHours"] = tasks.RetentionHours,
        ["resultUrlValidityHours"] = tasks.ResultUrlValidityHours,
        ["timeZoneOffset"] = tasks.TimeZoneOffset,
    };

    internal static JsonArray Strings(IEnumerable<string> values)
    {
        var array = new JsonArray();
        foreach (var value in values)
        {
            array.Add(value);
        }

        return array;
    }
}
