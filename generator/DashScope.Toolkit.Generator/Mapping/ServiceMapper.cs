using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using DashScope.Toolkit.Description;
using DashScope.Toolkit.Generator.Model;

namespace DashScope.Toolkit.Generator.Mapping;

/// <summary>
/// The C# step after the description: names the service, the client and its methods, maps the models to types
/// and the operations to methods, and reports what cannot become C# (DSG007). It writes no C#: the emitters do.
/// </summary>
internal sealed class ServiceMapper
{
    private readonly EndpointDescription _description;
    private readonly SchemaFileInput _input;
    private readonly MappingDiagnostics _diagnostics;

    public ServiceMapper(EndpointDescription description, SchemaDocument document, SchemaFileInput input)
    {
        _description = description;
        _input = input;
        _diagnostics = new MappingDiagnostics(document);
    }

    public SchemaParseResult Map()
    {
        var service = _description.Service;
        string? serviceName = service.Name;
        if (!Names.IsUsableIdentifier(serviceName))
        {
            _diagnostics.InvalidNameValue("/x-dashscope-service/name", serviceName, "x-dashscope-service.name must be a C# identifier such as LivePortrait");
            serviceName = null;
        }
        var clientName = _input.ClientNameOverride ?? service.ClientName ?? (serviceName is null ? null : serviceName + "Client");
        if (clientName is not null && !Names.IsUsableIdentifier(clientName))
        {
            _diagnostics.InvalidName("/x-dashscope-service", clientName, "the client name (DashScopeClientName metadata or x-dashscope-service.clientName) must be a C# identifier");
            clientName = null;
        }
        var ns = _input.NamespaceOverride ?? service.Namespace
            ?? (serviceName is null ? null : (string.IsNullOrEmpty(_input.RootNamespace) ? serviceName : _input.RootNamespace + "." + serviceName));
        if (ns is not null && !Names.IsUsableNamespace(ns))
        {
            _diagnostics.InvalidName("/x-dashscope-service", ns, "the namespace (DashScopeNamespace metadata or x-dashscope-service.namespace) must be a dotted C# name");
            ns = null;
        }

        var types = new TypeMapper(_diagnostics, serviceName ?? string.Empty);
        types.Map(_description.Models);
        if (_diagnostics.Count > 0 || serviceName is null || clientName is null || ns is null) { return Result(null); }

        var fields = new FieldPaths(types.Objects);
        var operations = new OperationMapper(_description, types, fields, _diagnostics).Map(clientName);
        var tasks = Tasks(types);
        // The status enum of every task type learns which statuses end a task (IsTerminal).
        var statusEnums = new HashSet<string?>(operations.Where(o => o.Task is not null).Select(o => fields.EnumAt(o.Task!.TaskType, TaskProtocolFields.TaskStatus)), StringComparer.Ordinal);
        var enums = types.Enums.Select(e => tasks is not null && statusEnums.Contains(e.Name) ? e with { TerminalValues = tasks.TerminalStatuses } : e).ToList();
        var errorCodes = ErrorCodes(serviceName);
        if (_diagnostics.Count > 0) { return Result(null); }
        var uploads = new UploadMapper(_description, types).Map(operations, ClientMembers(clientName, operations));

        var model = new ServiceModel(
            Path.GetFileName(_input.Path),
            ns,
            serviceName,
            clientName,
            service.BaseUrl,
            service.ApiKeyEnvironmentVariable,
            service.BaseUrlEnvironmentVariable,
            types.Objects.ToEquatableArray(),
            enums.ToEquatableArray(),
            operations.ToEquatableArray(),
            tasks,
            errorCodes,
            uploads,
            OffsetMinutes(_description.Tasks?.TimeZoneOffset));
        CheckGeneratedClassNames(model);
        return Result(_diagnostics.Count > 0 ? null : model);
    }

    /// <summary>Minutes east of UTC of an offset such as <c>+08:00</c>; 0 (UTC) when the schema states none.</summary>
    private static int OffsetMinutes(string? offset)
    {
        if (offset is null || offset.Length < 6 || (offset[0] != '+' && offset[0] != '-')) { return 0; }
        if (!int.TryParse(offset.Substring(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(offset.Substring(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)) { return 0; }
        return (offset[0] == '-' ? -1 : 1) * (hours * 60 + minutes);
    }

    /// <summary>The client's members before the upload helpers: a helper named like one of them is left out.</summary>
    private static HashSet<string> ClientMembers(string clientName, IEnumerable<OperationModel> operations)
    {
        var members = new HashSet<string>(StringComparer.Ordinal) { clientName, "Service", "Options", "Create", "CancelTaskAsync", "ListTasksAsync", "ListAllTasksAsync", "ListAllTasksCore", "UploadAsync", "Uploader" };
        foreach (var operation in operations)
        {
            members.Add(operation.MethodName);
            if (operation.Task is { Names: var names })
            {
                members.UnionWith(new[] { names.Submit, names.Generate, names.GetTask, names.WaitForCompletion, names.WatchTask, names.Describe });
            }
        }
        return members;
    }

    private SchemaParseResult Result(ServiceModel? model) =>
        new(_input.Path, model, _diagnostics.ToArray(), EquatableArray<TypeClash>.Empty);

    private TaskEndpointsModel? Tasks(TypeMapper types)
    {
        if (_description.Tasks is not { } protocol) { return null; }
        var query = _description.Operation("query");
        var cancel = _description.Operation("cancel");
        var list = _description.Operation("list");
        return new TaskEndpointsModel(
            query.Method,
            query.Path,
            cancel.Method,
            cancel.Path,
            types.TypeName(cancel.ResponseModel),
            list.Method,
            list.Path,
            list.QueryModel is null ? null : types.TypeName(list.QueryModel),
            types.TypeName(list.ResponseModel),
            protocol.TerminalStatuses,
            protocol.SuccessStatus,
            protocol.RecommendedPollIntervalSeconds,
            list.QueryModel is null ? null : Paging(types, types.TypeName(list.QueryModel), types.TypeName(list.ResponseModel)));
    }

    /// <summary>The list's paging fields, or null when the query or the answer lacks one (then no ListAllTasksAsync).</summary>
    private static ListPagingModel? Paging(TypeMapper types, string queryType, string responseType)
    {
        var query = types.Objects.FirstOrDefault(o => o.Name == queryType);
        var response = types.Objects.FirstOrDefault(o => o.Name == responseType);
        PropertyModel? Integer(ObjectTypeModel? type, EquatableArray<string> wire, bool required) =>
            type?.Properties.FirstOrDefault(p => p.WireName == wire[0] && p.Type.Kind == ValueKind.Integer && (p.Required || !required));
        var pageNo = Integer(query, TaskProtocolFields.PageNo, required: false);
        var answeredPage = Integer(response, TaskProtocolFields.PageNo, required: true);
        var totalPage = Integer(response, TaskProtocolFields.TotalPage, required: true);
        var data = response?.Properties.FirstOrDefault(p => p.WireName == TaskProtocolFields.ListData[0] && p.Required && p.Type is { Kind: ValueKind.Array, Item.Kind: ValueKind.Object });
        return pageNo is null || answeredPage is null || totalPage is null || data is null
            ? null
            : new ListPagingModel(pageNo.Name, answeredPage.Name, totalPage.Name, data.Name, data.Type.Item!.TypeName!);
    }

    private EquatableArray<ErrorCodeModel> ErrorCodes(string serviceName)
    {
        // The constants live in <service>ErrorCodes, and a member cannot have its class's name.
        var enclosing = serviceName + "ErrorCodes";
        var codes = new Dictionary<string, ErrorCodeModel>(StringComparer.Ordinal);
        foreach (var error in _description.Errors.Concat(_description.TaskErrors))
        {
            var constant = Names.ToPascal(error.Code);
            if (!Names.IsUsableIdentifier(constant) || codes.ContainsKey(error.Code)) { continue; }
            while (constant == enclosing || codes.Values.Any(c => c.Name == constant)) { constant += codes.Count.ToString(CultureInfo.InvariantCulture); }
            codes[error.Code] = new ErrorCodeModel(constant, error.Code, error.Message.Length == 0 ? null : error.Message);
        }
        return codes.Values.ToEquatableArray();
    }

    private void CheckGeneratedClassNames(ServiceModel model)
    {
        var pointers = TypesOf(model).ToDictionary(t => t.Name, t => t.Pointer, StringComparer.Ordinal);
        var generated = new[] { model.ClientName, model.InterfaceName, model.OptionsName, model.JsonContextName, model.ServiceCollectionExtensionsName, model.ErrorCodesName };
        foreach (var name in generated)
        {
            if (pointers.TryGetValue(name, out var pointer)) { _diagnostics.InvalidName(pointer, name, "a definition has the name of a generated class; rename the definition or set DashScopeClientName"); }
        }
        // The JSON context holds a property named like each type and a nested class <type>Converter for it.
        foreach (var name in pointers.Keys)
        {
            if (pointers.TryGetValue(name + "Converter", out var pointer)) { _diagnostics.InvalidName(pointer, name + "Converter", $"the JSON context already has a converter class of that name for '{name}'; rename the definition"); }
        }

        static IEnumerable<(string Name, string Pointer)> TypesOf(ServiceModel model) =>
            model.ObjectTypes.Select(o => (o.Name, o.Pointer)).Concat(model.EnumTypes.Select(e => (e.Name, e.Pointer)));
    }
}
