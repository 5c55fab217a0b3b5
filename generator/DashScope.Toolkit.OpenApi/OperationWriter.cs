using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DashScope.Toolkit.Description;

namespace DashScope.Toolkit.OpenApi;

/// <summary>Writes the <c>paths</c> of the OpenAPI document and the shared error answers, one operation of the description at a time.</summary>
internal sealed partial class OperationWriter
{
    private const string Json = "application/json";

    private readonly EndpointDescription _description;
    private readonly ComponentSchemas _schemas;

    public OperationWriter(EndpointDescription description, ComponentSchemas schemas)
    {
        _description = description;
        _schemas = schemas;
    }

    /// <summary>The path items, in the order the description lists its operations; alternate paths are named in an extension.</summary>
    public JsonObject Paths()
    {
        var paths = new JsonObject();
        foreach (var operation in _description.Operations)
        {
            OpenApiParts.PathItem(paths, operation.Path)[operation.Method.ToLowerInvariant()] = Operation(operation);
        }

        return paths;
    }

    /// <summary>One reusable answer per documented error status, each carrying the error envelope and an example per code.</summary>
    public JsonObject ErrorResponses()
    {
        var responses = new JsonObject();
        foreach (var group in _description.Errors.Where(e => e.Status is not null).GroupBy(e => e.Status!.Value).OrderBy(g => g.Key))
        {
            var examples = new JsonObject();
            foreach (var error in group)
            {
                examples[error.Key] = new JsonObject
                {
                    ["summary"] = error.When ?? error.Code,
                    ["value"] = new JsonObject { ["code"] = error.Code, ["message"] = error.Message, ["request_id"] = "00000000-0000-0000-0000-000000000000" },
                };
            }

            var content = new JsonObject { ["examples"] = examples };
            if (_description.Service.ErrorModel is { } errorModel)
            {
                content["schema"] = ComponentSchemas.Reference(errorModel);
            }

            responses[OpenApiParts.ErrorResponseName(group.Key)] = new JsonObject
            {
                ["description"] = "DashScope's error envelope; compare the code, never the message. Codes: " + string.Join(", ", group.Select(e => e.Code).Distinct()) + ".",
                ["content"] = new JsonObject { [Json] = content },
            };
        }

        return responses;
    }

    private JsonObject Operation(OperationDescription operation)
    {
        var result = new JsonObject { ["operationId"] = OperationId(operation) };
        if (operation.Description is { } summary)
        {
            result["summary"] = summary;
        }

        var parameters = Parameters(operation);
        if (parameters.Count > 0)
        {
            result["parameters"] = parameters;
        }

        if (operation.RequestModel is { } request)
        {
            result["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject { [Json] = new JsonObject { ["schema"] = ComponentSchemas.Reference(request) } },
            };
        }

        result["responses"] = Responses(operation);
        AddExtensions(operation, result);
        return result;
    }

    private JsonArray Parameters(OperationDescription operation)
    {
        var parameters = new JsonArray();
        foreach (Match name in PathParameter().Matches(operation.Path))
        {
            parameters.Add(new JsonObject
            {
                ["name"] = name.Groups[1].Value,
                ["in"] = "path",
                ["required"] = true,
                ["schema"] = new JsonObject { ["type"] = "string" },
            });
        }

        if (operation.HeadersModel is { } headers)
        {
            AddModelParameters(parameters, headers, "header", skip: OpenApiParts.HeadersOpenApiOwns);
        }

        if (operation.QueryModel is { } query)
        {
            AddModelParameters(parameters, query, "query", skip: null);
        }

        return parameters;
    }

    private void AddModelParameters(JsonArray parameters, string modelName, string location, HashSet<string>? skip)
    {
        foreach (var property in _description.Model(modelName).Properties)
        {
            if (skip is not null && skip.Contains(property.WireName))
            {
                continue;
            }

            var parameter = new JsonObject
            {
                ["name"] = property.WireName,
                ["in"] = location,
                ["required"] = property.Required,
            };
            if (property.Description is { } description)
            {
                parameter["description"] = description;
            }

            parameter["schema"] = _schemas.Property(modelName, property.WireName) ?? new JsonObject { ["type"] = "string" };
            parameters.Add(parameter);
        }
    }

    private JsonObject Responses(OperationDescription operation)
    {
        var responses = new JsonObject
        {
            ["200"] = new JsonObject
            {
                ["description"] = SuccessDescription(operation),
                ["content"] = new JsonObject { [Json] = new JsonObject { ["schema"] = SuccessSchema(operation) } },
            },
        };
        OpenApiParts.AddErrorResponses(responses, _description);
        return responses;
    }

    private JsonObject SuccessSchema(OperationDescription operation)
    {
        if (operation.Kind != OperationKind.TaskQuery)
        {
            return ComponentSchemas.Reference(operation.ResponseModel);
        }

        // One query path answers every task kind of the service: with several, the answer is one of their task models.
        var taskModels = _description.OfKind(OperationKind.Async).Select(o => o.TaskModel).OfType<string>().Append(operation.ResponseModel).Distinct().ToList();
        if (taskModels.Count == 1)
        {
            return ComponentSchemas.Reference(taskModels[0]);
        }

        var oneOf = new JsonArray();
        foreach (var model in taskModels)
        {
            oneOf.Add(ComponentSchemas.Reference(model));
        }

        return new JsonObject { ["oneOf"] = oneOf };
    }

    private static string SuccessDescription(OperationDescription operation) => operation.Kind switch
    {
        OperationKind.Async => "The task was accepted; poll it by its task_id until it reaches a terminal status.",
        OperationKind.TaskQuery => "The task in its current status (always 200 for a well-formed id; UNKNOWN when it does not exist or has expired).",
        OperationKind.TaskCancel => "The task was cancelled.",
        OperationKind.TaskList => "One page of the account's tasks.",
        _ => "The answer.",
    };

    private static void AddExtensions(OperationDescription operation, JsonObject result)
    {
        result["x-dashscope-kind"] = operation.Kind.ToString();
        if (operation.Model is { } model)
        {
            result["x-dashscope-model"] = model;
        }

        if (operation.TaskModel is { } task)
        {
            // The answer to polling this operation's task: OpenAPI has no word for "the body a later GET returns".
            result["x-dashscope-task"] = ComponentSchemas.Reference(task);
        }

        if (operation.AlternatePaths.Count > 0)
        {
            result["x-dashscope-alternate-paths"] = OpenApiExporter.Strings(operation.AlternatePaths);
        }

        if (operation.RateLimit is { } limit)
        {
            result["x-dashscope-rate-limit"] = OpenApiParts.RateLimit(limit);
        }
    }

    private static string OperationId(OperationDescription operation) => operation.Kind switch
    {
        OperationKind.TaskQuery => "GetTask",
        OperationKind.TaskCancel => "CancelTask",
        OperationKind.TaskList => "ListTasks",
        _ => operation.Key,
    };

    [GeneratedRegex(@"\{([^{}]+)\}")]
    private static partial Regex PathParameter();
}
