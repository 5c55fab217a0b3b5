using System.Collections.Generic;
using System.Linq;
using DashScope.Toolkit.Description;
using DashScope.Toolkit.Generator.Diagnostics;
using DashScope.Toolkit.Generator.Model;

namespace DashScope.Toolkit.Generator.Mapping;

/// <summary>Maps the synchronous and asynchronous operations to client methods: their names, types and task field paths.</summary>
internal sealed class OperationMapper
{
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

    public List<OperationModel> Map()
    {
        var operations = new List<OperationModel>();
        var asyncCount = 0;
        foreach (var operation in _description.Operations.Where(o => o.Kind is OperationKind.Sync or OperationKind.Async))
        {
            var pointer = "/x-dashscope-operations/" + operation.Key;
            var name = Names.ToPascal(operation.Key);
            if (!Names.IsUsableIdentifier(name))
            {
                _diagnostics.InvalidName(pointer, operation.Key, "an operation name must become a C# identifier");
                continue;
            }
            AsyncOperationModel? task = null;
            if (operation.Kind == OperationKind.Async)
            {
                if (asyncCount++ > 0)
                {
                    _diagnostics.Add(DiagnosticDescriptors.InvalidEndpointKeyword, pointer, _description.SchemaFileName,
                        $"operation '{operation.Key}' is the second async operation; a schema describes one asynchronous endpoint (put another in its own schema)");
                    continue;
                }
                task = Task(operation);
            }
            operations.Add(new OperationModel(name, operation.Description, operation.Method, operation.Path, operation.Model!,
                _types.TypeName(operation.RequestModel!), _types.TypeName(operation.ResponseModel), name + "Async", task));
        }
        return operations;
    }

    private AsyncOperationModel Task(OperationDescription operation)
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
            new AsyncMethodNames("SubmitAsync", "GenerateAsync", "GetTaskAsync", "WaitForCompletionAsync", "WatchTaskAsync", "Describe"));
    }
}
