using System.Collections.Concurrent;
using System.Text.Json;
using DashScope.Toolkit.Description;

namespace DashScope.Contract.Tests.Schema;

/// <summary>
/// Which definition judges a task query's answer: the task model of the operation that submitted the task (a schema
/// with two task kinds answers a LipSync task as LipSyncTask), remembered from the submit's answer. A task this
/// client did not submit is judged by the query's own response definition.
/// </summary>
public sealed class TaskDefinitions(ContractSchema schema)
{
    private readonly ConcurrentDictionary<string, string> _taskModels = new(StringComparer.Ordinal);

    /// <summary>The definition for a successful answer at <paramref name="apiPath"/>, learning task ids from submits on the way.</summary>
    /// <param name="method">The request method.</param>
    /// <param name="apiPath">The path under the API root.</param>
    /// <param name="body">The answer's text.</param>
    /// <param name="definition">The definition the routes give.</param>
    public string Judge(string method, string apiPath, string body, string definition)
    {
        if (schema.OperationAt(method, apiPath) is not { } route)
        {
            return definition;
        }

        if (route.Operation.Kind == OperationKind.Async && route.Operation.TaskModel is { } taskModel && TaskId(body) is { } taskId)
        {
            _taskModels[taskId] = taskModel;
        }

        return route.Operation.Kind == OperationKind.TaskQuery && route.PathParameter is { } queried && _taskModels.TryGetValue(queried, out var model)
            ? model
            : definition;
    }

    private static string? TaskId(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var path = TaskProtocolFields.TaskId;
            var element = document.RootElement;
            foreach (var step in path)
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(step, out element))
                {
                    return null;
                }
            }

            return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
