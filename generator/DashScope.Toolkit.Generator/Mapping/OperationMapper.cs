using System;
using System.Collections.Generic;
using System.Linq;
using DashScope.Toolkit.Description;
using DashScope.Toolkit.Generator.Model;

namespace DashScope.Toolkit.Generator.Mapping;

/// <summary>
/// Maps the synchronous and asynchronous operations to client methods: their names, types and task field paths.
/// The first asynchronous operation has the short names (SubmitAsync, GenerateAsync, GetTaskAsync...); each
/// further one X has its own (SubmitXAsync, GenerateXAsync, GetXTaskAsync...).
/// </summary>
internal sealed class OperationMapper
{
    private static readonly AsyncMethodNames FirstAsyncNames = new("SubmitAsync", "GenerateAsync", "GetTaskAsync", "WaitForCompletionAsync", "WatchTaskAsync", "Describe");

    private readonly EndpointDescription _description;
    private readonly TypeMapper _types;
    private readonly FieldPaths _fields;
    private readonly MappingDiagnostics _diagnostics;

    public OperationMapper(EndpointDescription description, TypeMapper types, FieldPaths fields, MappingDiagnostics diagnostics)
    {
        _description = description;
        _types = types;
        _fields = fields;
        _diagnostics = diagnostics;
    }

    public List<OperationModel> Map(string clientName)
    {
        // Members the client has whatever the operations: a method named like one of them would not compile.
        var members = new HashSet<string>(StringComparer.Ordinal) { clientName, "Service", "Options", "Create", "CancelTaskAsync", "ListTasksAsync", "ListAllTasksAsync", "ListAllTasksCore" };
        if (_description.Uploads is not null) { members.UnionWith(new[] { "UploadAsync", "Uploader" }); }
        var operations = new List<OperationModel>();
        foreach (var operation in _description.Operations.Where(o => o.Kind is OperationKind.Sync or OperationKind.Async))
        {
            var pointer = "/x-dashscope-operations/" + operation.Key;
            var name = Names.ToPascal(operation.Key);
            if (!Names.IsUsableIdentifier(name))
            {
                _diagnostics.InvalidName(pointer, operation.Key, "an operation name must become a C# identifier");
                continue;
            }
            var task = operation.Kind == OperationKind.Async ? Task(operation, operations.Any(o => o.IsAsync) ? NamesOf(name) : FirstAsyncNames) : null;
            var model = new OperationModel(name, operation.Description, operation.Method, operation.Path, operation.Model!,
                _types.TypeName(operation.RequestModel!), _types.TypeName(operation.ResponseModel), name + "Async", task);
            var taken = MethodNames(model).FirstOrDefault(m => !members.Add(m));
            if (taken is not null)
            {
                _diagnostics.InvalidName(pointer, operation.Key, $"its method '{taken}' is already a member of the client; rename the operation");
                continue;
            }
            operations.Add(model);
        }
        return operations;
    }

    private static AsyncMethodNames NamesOf(string operation) =>
        new($"Submit{operation}Async", $"Generate{operation}Async", $"Get{operation}TaskAsync", $"WaitFor{operation}CompletionAsync", $"Watch{operation}TaskAsync", $"Describe{operation}Task");

    private static IEnumerable<string> MethodNames(OperationModel operation) =>
        operation.Task is not { Names: var names }
            ? new[] { operation.MethodName }
            : new[] { names.Submit, names.Generate, names.GetTask, names.WaitForCompletion, names.WatchTask, names.Describe };

    private AsyncOperationModel Task(OperationDescription operation, AsyncMethodNames names)
    {
        var taskType = _types.TypeName(operation.TaskModel!);
        return new AsyncOperationModel(
            taskType,
            _fields.Find(_types.TypeName(operation.ResponseModel), TaskProtocolFields.TaskId),
            _fields.Find(taskType, TaskProtocolFields.TaskId),
            _fields.Find(taskType, TaskProtocolFields.TaskStatus),
            _fields.Find(taskType, TaskProtocolFields.Code),
            _fields.Find(taskType, TaskProtocolFields.Message),
            _fields.Find(taskType, TaskProtocolFields.RequestId),
            names);
    }
}
