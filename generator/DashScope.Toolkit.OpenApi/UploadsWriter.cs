using System.Text.Json.Nodes;
using DashScope.Toolkit.Description;

namespace DashScope.Toolkit.OpenApi;

/// <summary>
/// The temporary upload storage in the OpenAPI document: the upload-policy call is a real GET of the API, so it
/// becomes an operation; the form upload goes to another host the policy names, so it and the storage's rules are
/// carried in the <c>x-dashscope-uploads</c> extension.
/// </summary>
internal sealed class UploadsWriter
{
    /// <summary>The operation id of the upload-policy call.</summary>
    public const string PolicyOperationId = "GetUploadPolicy";

    private const string Json = "application/json";

    private readonly EndpointDescription _description;
    private readonly ComponentSchemas _schemas;

    public UploadsWriter(EndpointDescription description, ComponentSchemas schemas)
    {
        _description = description;
        _schemas = schemas;
    }

    /// <summary>Adds the policy call to <paramref name="paths"/>.</summary>
    public void AddPolicyOperation(JsonObject paths, UploadsDescription uploads)
    {
        var policy = uploads.Policy;
        var operation = new JsonObject { ["operationId"] = PolicyOperationId };
        if (policy.Description is { } summary)
        {
            operation["summary"] = summary;
        }

        operation["parameters"] = Parameters(policy);
        var responses = new JsonObject
        {
            ["200"] = new JsonObject
            {
                ["description"] = $"A signed upload policy in '{policy.DataProperty}'. Post the file to its upload host with the form of x-dashscope-uploads, then pass {uploads.UrlTemplate} with {uploads.ResolveHeader.Name}: {uploads.ResolveHeader.Value}.",
                ["content"] = new JsonObject { [Json] = new JsonObject { ["schema"] = ComponentSchemas.Reference(policy.ResponseDefinition) } },
            },
        };
        OpenApiParts.AddErrorResponses(responses, _description);
        operation["responses"] = responses;
        operation["x-dashscope-kind"] = "UploadPolicy";
        if (policy.RateLimit is { } limit)
        {
            operation["x-dashscope-rate-limit"] = OpenApiParts.RateLimit(limit);
        }

        OpenApiParts.PathItem(paths, policy.Path)[policy.Method.ToLowerInvariant()] = operation;
    }

    /// <summary>The storage's form, URL, header and rules, for the document's root.</summary>
    public static JsonObject Extension(UploadsDescription uploads)
    {
        var fields = new JsonArray();
        foreach (var field in uploads.Form.Fields)
        {
            var written = new JsonObject { ["name"] = field.Name, ["required"] = field.Required };
            if (field.IsFile)
            {
                written["file"] = true;
            }
            else
            {
                written["value"] = field.Value;
            }

            fields.Add(written);
        }

        return new JsonObject
        {
            ["policyOperationId"] = PolicyOperationId,
            ["form"] = new JsonObject
            {
                ["method"] = uploads.Form.Method,
                ["contentType"] = uploads.Form.ContentType,
                ["fields"] = fields,
                ["lastField"] = uploads.Form.LastField,
                ["filesPerRequest"] = uploads.Form.FilesPerRequest,
            },
            ["url"] = uploads.UrlTemplate,
            ["resolveHeader"] = new JsonObject { ["name"] = uploads.ResolveHeader.Name, ["value"] = uploads.ResolveHeader.Value },
            ["fileLifetimeHours"] = uploads.Rules.FileLifetimeHours,
            ["boundTo"] = OpenApiExporter.Strings(uploads.Rules.BoundTo),
            ["maxFileSizeField"] = uploads.Policy.Field(uploads.Rules.MaxFileSize).WireName,
            ["dailyCapacityField"] = uploads.Policy.Field(uploads.Rules.DailyCapacity).WireName,
            ["writeOnly"] = uploads.Rules.WriteOnly,
        };
    }

    private JsonArray Parameters(UploadPolicyCallDescription policy)
    {
        var parameters = new JsonArray();
        foreach (var query in policy.Query)
        {
            var isModel = query.Value == UploadPolicyCallDescription.ModelPlaceholder;
            var schema = new JsonObject { ["type"] = "string" };
            if (!isModel)
            {
                schema["enum"] = new JsonArray(query.Value);
            }

            parameters.Add(new JsonObject
            {
                ["name"] = query.Name,
                ["in"] = "query",
                ["required"] = true,
                ["description"] = isModel ? "The model that will use the file; the file is bound to it." : null,
                ["schema"] = schema,
            });
        }

        // Headers OpenAPI does not already carry (the security scheme, the media type).
        if (policy.HeadersDefinition is { } headers && _schemas.Schemas[headers]?["properties"] is JsonObject properties)
        {
            var required = (_schemas.Schemas[headers]?["required"] as JsonArray)?.Select(r => r?.GetValue<string>()).ToHashSet() ?? [];
            foreach (var (name, _) in properties.Where(p => !OpenApiParts.HeadersOpenApiOwns.Contains(p.Key)))
            {
                parameters.Add(new JsonObject { ["name"] = name, ["in"] = "header", ["required"] = required.Contains(name), ["schema"] = _schemas.Property(headers, name) });
            }
        }

        foreach (var parameter in parameters.OfType<JsonObject>().Where(p => p["description"] is null).ToList())
        {
            parameter.Remove("description");
        }

        return parameters;
    }
}
