using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using DashScope.Toolkit.Generator.Model;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace DashScope.Toolkit.Generator.Parsing;

/// <summary>Builds the service model from a parsed schema; collects diagnostics instead of throwing.</summary>
internal sealed class Builder
{
    private const string DefinitionsPrefix = "#/definitions/";

    // Keywords that change what a value may look like in ways the generated types cannot express.
    private static readonly string[] UnsupportedKeywords = { "patternProperties", "dependencies", "propertyNames", "if", "then", "else", "contains", "additionalItems" };

    // Members every record and enum struct has from object (and records synthesize): a property, enum member or
    // type of that name clashes with them (CS0102, CS0108, CS0542).
    private static readonly string[] ObjectMemberNames = { "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "ReferenceEquals", "Finalize", "PrintMembers" };

    // Names that generated members already use inside a record or the JSON context.
    private static readonly HashSet<string> ReservedPropertyNames = new(new[] { "AdditionalProperties", "Validate", "EqualityContract", "ToQueryString" }.Concat(ObjectMemberNames), StringComparer.Ordinal);
    private static readonly HashSet<string> ReservedTypeNames = new(new[] { "Default", "Options", "GetTypeInfo", "GeneratedSerializerOptions", "System", "DashScope", "Microsoft", "Global" }.Concat(ObjectMemberNames), StringComparer.Ordinal);

    private readonly SchemaFileInput _input;
    private readonly string _fileName;
    private readonly JObject _root;
    private readonly JsonSchema _schema;
    private readonly JsonPositions _positions;
    private readonly CancellationToken _cancellationToken;
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly Dictionary<JsonSchema, string> _definitionNames = new();
    private readonly Dictionary<string, ObjectTypeModel> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EnumTypeModel> _enums = new(StringComparer.Ordinal);
    private readonly HashSet<string> _visiting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonSchema> _typeSchemas = new(StringComparer.Ordinal);
    private readonly List<string> _typeOrder = new();
    private IReadOnlyCollection<string> _terminalStatuses = Array.Empty<string>();

    public Builder(SchemaFileInput input, string fileName, JObject root, JsonSchema schema, JsonPositions positions, CancellationToken cancellationToken)
    {
        _input = input;
        _fileName = fileName;
        _root = root;
        _schema = schema;
        _positions = positions;
        _cancellationToken = cancellationToken;
        foreach (var pair in schema.Definitions) { _definitionNames[pair.Value] = pair.Key; }
    }

    public SchemaParseResult Build()
    {
        var service = Block(_root, "x-dashscope-service", "/x-dashscope-service");
        var operationsBlock = Block(_root, "x-dashscope-operations", "/x-dashscope-operations");
        if (service is null || operationsBlock is null) { return Result(null); }

        var serviceName = RequiredString(service, "name", "/x-dashscope-service/name");
        var baseUrl = RequiredString(service, "baseUrl", "/x-dashscope-service/baseUrl");
        if (baseUrl is not null && !(Uri.TryCreate(baseUrl, UriKind.Absolute, out var parsedBase) && (parsedBase.Scheme == "https" || parsedBase.Scheme == "http")))
        {
            Report("DSG004", _positions.OfValue("/x-dashscope-service/baseUrl"), _fileName, $"x-dashscope-service.baseUrl '{baseUrl}' is not an absolute http(s) URL");
            baseUrl = null;
        }
        if (serviceName is not null && !Names.IsUsableIdentifier(serviceName))
        {
            Report("DSG007", _positions.OfValue("/x-dashscope-service/name"), serviceName, "x-dashscope-service.name must be a C# identifier such as LivePortrait");
            serviceName = null;
        }

        var clientName = _input.ClientNameOverride ?? OptionalString(service, "clientName") ?? (serviceName is null ? null : serviceName + "Client");
        if (clientName is not null && !Names.IsUsableIdentifier(clientName))
        {
            Report("DSG007", _positions.Of("/x-dashscope-service"), clientName, "the client name (DashScopeClientName metadata or x-dashscope-service.clientName) must be a C# identifier");
            clientName = null;
        }
        var ns = _input.NamespaceOverride ?? OptionalString(service, "namespace")
            ?? (serviceName is null ? null : (string.IsNullOrEmpty(_input.RootNamespace) ? serviceName : _input.RootNamespace + "." + serviceName));
        if (ns is not null && !Names.IsUsableNamespace(ns))
        {
            Report("DSG007", _positions.Of("/x-dashscope-service"), ns, "the namespace (DashScopeNamespace metadata or x-dashscope-service.namespace) must be a dotted C# name");
            ns = null;
        }

        var tasksBlock = _root["x-dashscope-tasks"] as JObject;
        if (tasksBlock is not null)
        {
            _terminalStatuses = StringArray(tasksBlock, "terminalStatuses", "/x-dashscope-tasks/terminalStatuses") ?? (IReadOnlyCollection<string>)Array.Empty<string>();
        }

        var operations = new List<OperationModel>();
        OperationModel? asyncOperation = null;
        foreach (var property in operationsBlock.Properties())
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var operation = ReadOperation(property);
            if (operation is null) { continue; }
            if (operation.IsAsync)
            {
                if (asyncOperation is not null)
                {
                    Report("DSG004", _positions.Of("/x-dashscope-operations/" + property.Name), _fileName, $"operation '{property.Name}' is the second async operation; a schema describes one asynchronous endpoint (put another in its own schema)");
                    continue;
                }
                asyncOperation = operation;
            }
            operations.Add(operation);
        }
        if (operationsBlock.Count == 0)
        {
            Report("DSG004", _positions.Of("/x-dashscope-operations"), _fileName, "x-dashscope-operations declares no operation");
        }

        TaskEndpointsModel? tasks = null;
        if (asyncOperation is not null)
        {
            if (tasksBlock is null)
            {
                Report("DSG004", _positions.RootSpan, _fileName, "an async operation needs x-dashscope-tasks (the query, cancel and list paths and the terminal statuses)");
            }
            else
            {
                tasks = ReadTasks(tasksBlock, asyncOperation);
            }
        }

        if (service["error"] is not null)
        {
            // The error envelope becomes a type too, so callers can read a failed answer's body themselves.
            RequiredDefinition(service, "error", "/x-dashscope-service/error", expectObject: true);
        }

        var errorCodes = ReadErrorCodes(serviceName);
        if (_diagnostics.Count > 0 || serviceName is null || baseUrl is null || ns is null || clientName is null)
        {
            return Result(null);
        }

        CheckNameCollisions(clientName, serviceName);
        if (_diagnostics.Count > 0) { return Result(null); }

        var model = new ServiceModel(
            _fileName,
            ns,
            serviceName,
            clientName,
            baseUrl.TrimEnd('/'),
            OptionalString(service, "apiKeyEnvironmentVariable") ?? "DASHSCOPE_API_KEY",
            service["baseUrlEnvironmentVariable"]?.Type == JTokenType.Null ? null : OptionalString(service, "baseUrlEnvironmentVariable") ?? "DASHSCOPE_HTTP_BASE_URL",
            _typeOrder.Where(_objects.ContainsKey).Select(n => _objects[n]).ToEquatableArray(),
            _typeOrder.Where(_enums.ContainsKey).Select(n => _enums[n]).ToEquatableArray(),
            operations.ToEquatableArray(),
            tasks,
            errorCodes);
        return Result(model);
    }

    private SchemaParseResult Result(ServiceModel? model) =>
        new(_input.Path, _positions.RootSpan, model, _diagnostics.ToEquatableArray());

    private OperationModel? ReadOperation(JProperty property)
    {
        var pointer = "/x-dashscope-operations/" + property.Name;
        if (property.Value is not JObject op)
        {
            Report("DSG004", _positions.Of(pointer), _fileName, $"operation '{property.Name}' must be an object");
            return null;
        }
        var name = Names.ToPascal(property.Name);
        if (!Names.IsUsableIdentifier(name))
        {
            Report("DSG007", _positions.Of(pointer), property.Name, "an operation name must become a C# identifier");
            return null;
        }
        var method = RequiredString(op, "method", pointer + "/method")?.ToUpperInvariant();
        if (method is not null && method != "POST" && method != "GET")
        {
            Report("DSG004", _positions.OfValue(pointer + "/method"), _fileName, $"operation '{property.Name}' has method '{method}'; only POST and GET are supported");
            method = null;
        }
        var path = RequiredString(op, "path", pointer + "/path");
        if (path is not null && !path.StartsWith("/", StringComparison.Ordinal))
        {
            Report("DSG004", _positions.OfValue(pointer + "/path"), _fileName, $"operation '{property.Name}' path '{path}' must start with '/'");
            path = null;
        }
        var mode = RequiredString(op, "mode", pointer + "/mode");
        if (mode is not null && mode != "sync" && mode != "async")
        {
            Report("DSG004", _positions.OfValue(pointer + "/mode"), _fileName, $"operation '{property.Name}' mode must be 'sync' or 'async', not '{mode}'");
            mode = null;
        }
        var model = RequiredString(op, "model", pointer + "/model");
        var request = RequiredDefinition(op, "request", pointer + "/request", expectObject: true);
        var response = RequiredDefinition(op, "response", pointer + "/response", expectObject: true);
        string? task = null;
        string? submissionTaskId = null;
        if (mode == "async")
        {
            task = RequiredDefinition(op, "task", pointer + "/task", expectObject: true);
            if (response is not null)
            {
                submissionTaskId = Access("submission", response, new[] { "output", "task_id" }, pointer + "/response", out _);
            }
        }
        if (method is null || path is null || mode is null || model is null || request is null || response is null || (mode == "async" && (task is null || submissionTaskId is null)))
        {
            return null;
        }
        return new OperationModel(name, OptionalString(op, "description"), method, path, mode == "async", model, request, response, task, submissionTaskId);
    }

    private TaskEndpointsModel? ReadTasks(JObject block, OperationModel asyncOperation)
    {
        const string pointer = "/x-dashscope-tasks";
        var query = Block(block, "query", pointer + "/query");
        var cancel = Block(block, "cancel", pointer + "/cancel");
        var list = Block(block, "list", pointer + "/list");
        if (query is null || cancel is null || list is null) { return null; }
        var queryPath = TaskPath(query, pointer + "/query");
        var cancelPath = TaskPath(cancel, pointer + "/cancel");
        var listPath = RequiredString(list, "path", pointer + "/list/path");
        var cancelResponse = RequiredDefinition(cancel, "response", pointer + "/cancel/response", expectObject: true);
        var listResponse = RequiredDefinition(list, "response", pointer + "/list/response", expectObject: true);
        string? listQuery = null;
        if (list["query"] is not null)
        {
            listQuery = RequiredDefinition(list, "query", pointer + "/list/query", expectObject: true);
            if (listQuery is not null && _objects.TryGetValue(listQuery, out var queryType))
            {
                _objects[listQuery] = queryType with { IsQuery = true };
                foreach (var p in queryType.Properties)
                {
                    if (p.Type.Kind is ValueKind.Object or ValueKind.Array or ValueKind.Any)
                    {
                        Report("DSG003", _positions.Of($"/definitions/{listQuery}/properties/{p.WireName}"), listQuery + "." + p.WireName, "an object or array in a query", "query parameters must be strings, numbers, booleans, enums or times");
                    }
                }
            }
        }
        if (query["response"] is not null)
        {
            var queryResponse = RequiredDefinition(query, "response", pointer + "/query/response", expectObject: true);
            if (queryResponse is not null && queryResponse != asyncOperation.TaskType)
            {
                Report("DSG004", _positions.OfValue(pointer + "/query/response"), _fileName, $"x-dashscope-tasks.query.response '{queryResponse}' differs from the async operation's task '{asyncOperation.TaskType}'");
            }
        }
        var success = RequiredString(block, "successStatus", pointer + "/successStatus");
        if (_terminalStatuses.Count == 0)
        {
            Report("DSG004", _positions.Of(pointer), _fileName, "x-dashscope-tasks.terminalStatuses must list the terminal task statuses");
        }
        else if (success is not null && !_terminalStatuses.Contains(success))
        {
            Report("DSG004", _positions.OfValue(pointer + "/successStatus"), _fileName, $"successStatus '{success}' is not one of terminalStatuses");
        }
        var poll = 15;
        if (block["recommendedPollIntervalSeconds"] is JToken pollToken)
        {
            if (pollToken.Type == JTokenType.Integer && (long)pollToken > 0 && (long)pollToken <= 3600) { poll = (int)(long)pollToken; }
            else { Report("DSG004", _positions.Of(pointer + "/recommendedPollIntervalSeconds"), _fileName, "recommendedPollIntervalSeconds must be an integer from 1 to 3600"); }
        }

        var taskType = asyncOperation.TaskType!;
        var statusAccess = Access("task", taskType, new[] { "output", "task_status" }, "/x-dashscope-operations", out var statusKind);
        var taskIdAccess = Access("task", taskType, new[] { "output", "task_id" }, "/x-dashscope-operations", out _);
        var codeAccess = TryAccess("task", taskType, new[] { "output", "code" });
        var messageAccess = TryAccess("task", taskType, new[] { "output", "message" });
        var requestIdAccess = TryAccess("task", taskType, new[] { "request_id" });
        if (statusKind is { Kind: ValueKind.Enum } statusType && _enums.TryGetValue(statusType.TypeName!, out var statusEnum))
        {
            _enums[statusEnum.Name] = statusEnum with { TerminalValues = _terminalStatuses.ToEquatableArray() };
        }
        if (queryPath is null || cancelPath is null || listPath is null || cancelResponse is null || listResponse is null || success is null || statusAccess is null || taskIdAccess is null)
        {
            return null;
        }
        return new TaskEndpointsModel(queryPath, cancelPath, cancelResponse, listPath, listQuery, listResponse, _terminalStatuses.ToEquatableArray(), success, poll, taskType, taskIdAccess, statusAccess, codeAccess, messageAccess, requestIdAccess);
    }

    private string? TaskPath(JObject block, string pointer)
    {
        var path = RequiredString(block, "path", pointer + "/path");
        if (path is not null && path.IndexOf("{task_id}", StringComparison.Ordinal) < 0)
        {
            Report("DSG004", _positions.OfValue(pointer + "/path"), _fileName, $"task path '{path}' must contain {{task_id}}");
            return null;
        }
        return path;
    }

    private EquatableArray<ErrorCodeModel> ReadErrorCodes(string? serviceName)
    {
        // The constants live in <service>ErrorCodes, and a member cannot have its class's name.
        var enclosing = serviceName + "ErrorCodes";
        var codes = new Dictionary<string, ErrorCodeModel>(StringComparer.Ordinal);
        foreach (var key in new[] { "x-dashscope-errors", "x-dashscope-task-errors" })
        {
            if (_root[key] is null) { continue; }
            if (_root[key] is not JObject block)
            {
                Report("DSG004", _positions.Of("/" + key), _fileName, key + " must be an object of named errors");
                continue;
            }
            foreach (var entry in block.Properties())
            {
                if (entry.Value is not JObject error || error["code"]?.Type != JTokenType.String)
                {
                    Report("DSG004", _positions.Of("/" + key + "/" + entry.Name), _fileName, $"{key}.{entry.Name} must be an object with a string 'code'");
                    continue;
                }
                var code = (string)error["code"]!;
                var constant = Names.ToPascal(code);
                if (!Names.IsUsableIdentifier(constant) || codes.ContainsKey(code)) { continue; }
                while (constant == enclosing || codes.Values.Any(c => c.Name == constant)) { constant += codes.Count.ToString(CultureInfo.InvariantCulture); }
                codes[code] = new ErrorCodeModel(constant, code, OptionalString(error, "message"));
            }
        }
        return codes.Values.ToEquatableArray();
    }

    /// <summary>Resolves "#/definitions/Name", walks the definition into types, and returns the type's name.</summary>
    private string? RequiredDefinition(JObject owner, string key, string pointer, bool expectObject)
    {
        var reference = RequiredString(owner, key, pointer);
        if (reference is null) { return null; }
        if (!reference.StartsWith(DefinitionsPrefix, StringComparison.Ordinal) || !_schema.Definitions.TryGetValue(reference.Substring(DefinitionsPrefix.Length), out var definition))
        {
            Report("DSG005", _positions.OfValue(pointer), pointer.TrimStart('/').Replace('/', '.'), reference, _fileName);
            return null;
        }
        var definitionName = reference.Substring(DefinitionsPrefix.Length);
        var type = MapDefinition(definitionName, definition);
        if (type is null) { return null; }
        if (expectObject && type.Kind != ValueKind.Object)
        {
            Report("DSG003", _positions.Of("/definitions/" + definitionName), definitionName, "a non-object schema as a request or response", "requests and answers must be JSON objects");
            return null;
        }
        return type.TypeName;
    }

    private ValueTypeModel? MapDefinition(string definitionName, JsonSchema definition)
    {
        var pointer = "/definitions/" + definitionName;
        var typeName = Names.ToPascal(definitionName);
        if (!Names.IsUsableIdentifier(typeName) || ReservedTypeNames.Contains(typeName))
        {
            Report("DSG007", _positions.Of(pointer), definitionName, $"the definition name gives '{typeName}', which is not a usable C# type name");
            return null;
        }
        var actual = definition.HasReference ? definition.ActualSchema : definition;
        if (definition.HasReference && _definitionNames.TryGetValue(actual, out var aliased) && aliased != definitionName)
        {
            return MapDefinition(aliased, actual);
        }
        if (IsEnum(actual))
        {
            return MapEnum(typeName, actual, pointer);
        }
        if (IsObject(actual))
        {
            return MapObject(typeName, actual, pointer);
        }
        return MapInline(actual, typeName, "Value", pointer);
    }

    private ValueTypeModel? MapObject(string typeName, JsonSchema schema, string pointer)
    {
        var result = new ValueTypeModel(ValueKind.Object, typeName, null, null, ValueRules.None);
        if (!ClaimTypeName(typeName, schema, pointer)) { return null; }
        if (_objects.ContainsKey(typeName) || _visiting.Contains(typeName)) { return result; }
        if (_enums.ContainsKey(typeName))
        {
            Report("DSG007", _positions.Of(pointer), typeName, "two schemas of this file produce this type name");
            return null;
        }
        _visiting.Add(typeName);
        _cancellationToken.ThrowIfCancellationRequested();
        CheckUnsupportedKeywords(pointer, typeName);
        if (schema.AdditionalPropertiesSchema is not null)
        {
            Report("DSG003", _positions.Of(pointer + "/additionalProperties"), typeName, "a schema for additionalProperties", "use true or false; unknown fields are kept as JSON elements");
        }

        var declared = new HashSet<string>(schema.Properties.Keys, StringComparer.Ordinal);
        CheckCompositionBranches(typeName, pointer, "oneOf", schema.OneOf, declared);
        CheckCompositionBranches(typeName, pointer, "anyOf", schema.AnyOf, declared);
        CheckCompositionBranches(typeName, pointer, "allOf", schema.AllOf, declared);
        if (schema.Not is not null) { CheckCompositionBranches(typeName, pointer, "not", new[] { schema.Not }, declared); }

        var properties = new List<PropertyModel>();
        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in schema.Properties)
        {
            var wire = pair.Key;
            var propertyPointer = pointer + "/properties/" + wire.Replace("~", "~0").Replace("/", "~1");
            var name = Names.ToPascal(wire);
            if (name == typeName) { name += "Value"; }
            if (!Names.IsUsableIdentifier(name) || ReservedPropertyNames.Contains(name))
            {
                Report("DSG007", _positions.Of(propertyPointer), typeName + "." + wire, $"the property name gives '{name}', which is not a usable C# member name");
                continue;
            }
            if (!usedNames.Add(name))
            {
                Report("DSG007", _positions.Of(propertyPointer), typeName + "." + wire, $"two properties of {typeName} both become '{name}'");
                continue;
            }
            var property = MapProperty(typeName, wire, name, pair.Value, schema.RequiredProperties.Contains(wire), propertyPointer);
            if (property is not null) { properties.Add(property); }
        }
        foreach (var required in schema.RequiredProperties)
        {
            if (!declared.Contains(required))
            {
                Report("DSG003", _positions.Of(pointer + "/required"), typeName, $"'{required}' in required without a declared property", "declare every required property under properties");
            }
        }

        _visiting.Remove(typeName);
        _objects[typeName] = new ObjectTypeModel(typeName, Clean(schema.Description), _positions.Of(pointer), properties.ToEquatableArray(), false);
        _typeOrder.Add(typeName);
        return result;
    }

    private void CheckCompositionBranches(string typeName, string pointer, string keyword, IEnumerable<JsonSchema> branches, HashSet<string> declared)
    {
        var index = 0;
        foreach (var branch in branches)
        {
            var branchPointer = keyword == "not" ? pointer + "/not" : pointer + "/" + keyword + "/" + index.ToString(CultureInfo.InvariantCulture);
            var actual = branch.HasReference ? branch.ActualSchema : branch;
            var extra = actual.Properties.Keys.Concat(actual.RequiredProperties).Where(p => !declared.Contains(p)).ToList();
            if (branch.HasReference || extra.Count > 0)
            {
                // A branch that only constrains declared properties is a validation rule; one that adds fields would need a union type.
                Report("DSG003", _positions.Of(branchPointer), typeName, keyword + " with a branch that adds properties",
                    "composition is supported only as a constraint on the object's own declared properties" + (extra.Count > 0 ? " (undeclared: " + string.Join(", ", extra) + ")" : string.Empty));
            }
            index++;
        }
    }

    private PropertyModel? MapProperty(string ownerName, string wire, string name, JsonSchemaProperty property, bool required, string pointer)
    {
        var actual = property.HasReference ? property.ActualSchema : property;
        string? fixedValue = null;
        ValueTypeModel? type;
        if (!property.HasReference && IsEnum(actual) && actual.Enumeration.Count == 1 && actual.Enumeration.First() is string single)
        {
            // A field with exactly one allowed value (the model name) is a string with that value as default.
            fixedValue = single;
            type = new ValueTypeModel(ValueKind.String, null, null, null, ValueRules.None);
            CheckUnsupportedKeywords(pointer, ownerName + "." + wire);
        }
        else
        {
            type = MapValue(ownerName, Names.ToPascal(wire), property, pointer);
        }
        if (type is null) { return null; }

        type = type with { Rules = RulesOf(type, actual, pointer, ownerName + "." + wire) };
        return new PropertyModel(wire, name, type, required, Clean(property.Description ?? actual.Description), DefaultText(actual.Default ?? property.Default), fixedValue);
    }

    /// <summary>The validation keywords of <paramref name="schema"/> that apply to a value of <paramref name="type"/>.</summary>
    private ValueRules RulesOf(ValueTypeModel type, JsonSchema schema, string pointer, string label)
    {
        var allowed = type.Kind == ValueKind.String && IsEnum(schema) ? schema.Enumeration.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty).ToEquatableArray() : EquatableArray<string>.Empty;
        string? min = null, max = null;
        bool exclusiveMin = false, exclusiveMax = false;
        if (type.Kind is ValueKind.Number or ValueKind.Int32 or ValueKind.Int64)
        {
            if (schema.ExclusiveMinimum is { } exMin) { min = Number(exMin); exclusiveMin = true; }
            else if (schema.Minimum is { } minimum) { min = Number(minimum); exclusiveMin = schema.IsExclusiveMinimum; }
            if (schema.ExclusiveMaximum is { } exMax) { max = Number(exMax); exclusiveMax = true; }
            else if (schema.Maximum is { } maximum) { max = Number(maximum); exclusiveMax = schema.IsExclusiveMaximum; }
        }
        var isString = type.Kind == ValueKind.String;
        var pattern = isString ? schema.Pattern : null;
        if (pattern is not null && !IsUsablePattern(pattern))
        {
            Report("DSG003", _positions.Of(pointer + "/pattern"), label, "a pattern that .NET regular expressions cannot compile", "write the pattern in the ECMAScript subset that .NET also accepts");
            pattern = null;
        }
        return new ValueRules(
            min,
            exclusiveMin,
            max,
            exclusiveMax,
            allowed,
            pattern,
            isString && string.Equals(schema.Format, "uri", StringComparison.Ordinal),
            isString ? schema.MinLength : null,
            isString ? schema.MaxLength : null,
            type.Kind == ValueKind.Array && schema.MinItems > 0 ? schema.MinItems : null,
            type.Kind == ValueKind.Array && schema.MaxItems > 0 ? schema.MaxItems : null);
    }

    private ValueTypeModel? MapValue(string ownerName, string memberName, JsonSchema schema, string pointer)
    {
        if (schema.HasReference)
        {
            var target = schema.ActualSchema;
            if (!_definitionNames.TryGetValue(target, out var definitionName))
            {
                Report("DSG003", _positions.Of(pointer), ownerName + "." + memberName, "a $ref that is not to #/definitions", "refer to a definition of the same file");
                return null;
            }
            return MapDefinition(definitionName, target);
        }
        return MapInline(schema, ownerName, memberName, pointer);
    }

    private ValueTypeModel? MapInline(JsonSchema schema, string ownerName, string memberName, string pointer)
    {
        var label = ownerName + "." + memberName;
        if (IsObject(schema))
        {
            // An inline object, like a definition, may use composition to constrain its own properties; MapObject checks it.
            return MapObject(ownerName + memberName, schema, pointer);
        }
        CheckUnsupportedKeywords(pointer, label);
        if (schema.OneOf.Count > 0 || schema.AnyOf.Count > 0 || schema.AllOf.Count > 0 || schema.Not is not null)
        {
            Report("DSG003", _positions.Of(pointer), label, "oneOf, anyOf, allOf or not on a value", "a value must have one type; use composition only on an object to constrain its own properties");
            return null;
        }
        var type = schema.Type & ~JsonObjectType.Null;
        if (IsEnum(schema))
        {
            return MapEnum(ownerName + memberName, schema, pointer);
        }
        var timeFormat = Extension(schema, "x-dashscope-time-format");
        switch (type)
        {
            case JsonObjectType.String:
                if (timeFormat is not null)
                {
                    if (timeFormat == "epoch-milliseconds" || !IsUsableTimeFormat(timeFormat))
                    {
                        Report("DSG004", _positions.Of(pointer + "/x-dashscope-time-format"), _fileName, $"x-dashscope-time-format '{timeFormat}' is not a .NET date format (like yyyy-MM-dd HH:mm:ss.fff) for a string");
                        return null;
                    }
                    return new ValueTypeModel(ValueKind.Time, null, timeFormat, null, ValueRules.None);
                }
                return new ValueTypeModel(ValueKind.String, null, null, null, ValueRules.None);
            case JsonObjectType.Integer:
                if (timeFormat is not null)
                {
                    if (timeFormat != "epoch-milliseconds")
                    {
                        Report("DSG004", _positions.Of(pointer + "/x-dashscope-time-format"), _fileName, $"x-dashscope-time-format '{timeFormat}' on an integer must be 'epoch-milliseconds'");
                        return null;
                    }
                    return new ValueTypeModel(ValueKind.EpochTime, null, null, null, ValueRules.None);
                }
                var wide = schema.Format == "int64" || (schema.Maximum is { } max && max > int.MaxValue) || (schema.Minimum is { } min && min < int.MinValue);
                return new ValueTypeModel(wide ? ValueKind.Int64 : ValueKind.Int32, null, null, null, ValueRules.None);
            case JsonObjectType.Number:
                return new ValueTypeModel(ValueKind.Number, null, null, null, ValueRules.None);
            case JsonObjectType.Boolean:
                return new ValueTypeModel(ValueKind.Boolean, null, null, null, ValueRules.None);
            case JsonObjectType.Array:
                if (schema.Items.Count > 0)
                {
                    Report("DSG003", _positions.Of(pointer + "/items"), label, "a tuple (items as an array)", "give items a single schema");
                    return null;
                }
                if (schema.Item is null)
                {
                    return new ValueTypeModel(ValueKind.Array, null, null, new ValueTypeModel(ValueKind.Any, null, null, null, ValueRules.None), ValueRules.None);
                }
                var item = MapValue(ownerName, memberName + "Item", schema.Item, pointer + "/items");
                if (item is not null && !schema.Item.HasReference) { item = item with { Rules = RulesOf(item, schema.Item, pointer + "/items", label + "[]") }; }
                return item is null ? null : new ValueTypeModel(ValueKind.Array, null, null, item, ValueRules.None);
            case JsonObjectType.None:
                return new ValueTypeModel(ValueKind.Any, null, null, null, ValueRules.None);
            default:
                Report("DSG003", _positions.Of(pointer), label, "a type list (" + type + ")", "a value must have a single type (null may be added)");
                return null;
        }
    }

    private ValueTypeModel? MapEnum(string typeName, JsonSchema schema, string pointer)
    {
        var result = new ValueTypeModel(ValueKind.Enum, typeName, null, null, ValueRules.None);
        if (!ClaimTypeName(typeName, schema, pointer)) { return null; }
        if (_enums.ContainsKey(typeName)) { return result; }
        if (_objects.ContainsKey(typeName))
        {
            Report("DSG007", _positions.Of(pointer), typeName, "two schemas of this file produce this type name");
            return null;
        }
        CheckUnsupportedKeywords(pointer, typeName);
        if ((schema.Type & ~JsonObjectType.Null) != JsonObjectType.String || schema.Enumeration.Any(v => v is not string))
        {
            Report("DSG003", _positions.Of(pointer + "/enum"), typeName, "an enum of values that are not strings", "only string enums are supported");
            return null;
        }
        var values = schema.Enumeration.Cast<string>().ToList();
        var names = schema.EnumerationNames?.ToList() ?? new List<string>();
        var members = new List<EnumMemberModel>();
        var used = new HashSet<string>(new[] { "Value", "IsKnown", "IsTerminal", "AllowedValues", typeName }.Concat(ObjectMemberNames), StringComparer.Ordinal);
        for (var i = 0; i < values.Count; i++)
        {
            var member = i < names.Count && !string.IsNullOrEmpty(names[i]) ? names[i] : Names.ToPascal(values[i].ToLowerInvariant());
            if (!Names.IsUsableIdentifier(member) || !used.Add(member))
            {
                Report("DSG007", _positions.Of(pointer + "/enum"), typeName + " value '" + values[i] + "'", $"it gives the member name '{member}', which is not usable or is taken; name it with x-enumNames");
                return null;
            }
            members.Add(new EnumMemberModel(values[i], member));
        }
        if (values.Distinct(StringComparer.Ordinal).Count() != values.Count)
        {
            Report("DSG003", _positions.Of(pointer + "/enum"), typeName, "an enum that repeats a value", "list each value once");
            return null;
        }
        _enums[typeName] = new EnumTypeModel(typeName, Clean(schema.Description), _positions.Of(pointer), members.ToEquatableArray(), EquatableArray<string>.Empty);
        _typeOrder.Add(typeName);
        return result;
    }

    /// <summary>
    /// Records that <paramref name="schema"/> makes the type <paramref name="typeName"/>; false (and DSG007) when
    /// another schema of the file already makes it (two definitions that PascalCase alike, or a definition named
    /// like the inline object of another's property), which would otherwise merge them silently.
    /// </summary>
    private bool ClaimTypeName(string typeName, JsonSchema schema, string pointer)
    {
        if (_typeSchemas.TryGetValue(typeName, out var owner))
        {
            if (ReferenceEquals(owner, schema)) { return true; }
            Report("DSG007", _positions.Of(pointer), typeName, "two schemas of this file produce this type name");
            return false;
        }
        _typeSchemas[typeName] = schema;
        return true;
    }

    /// <summary>A C# expression reading a nested field of a generated object, e.g. task.Output.TaskId.</summary>
    private string? Access(string variable, string typeName, string[] path, string pointer, out ValueTypeModel? finalType)
    {
        var access = TryAccessCore(variable, typeName, path, out finalType, out var failedAt);
        if (access is null)
        {
            Report("DSG004", _positions.Of(pointer), _fileName, $"'{typeName}' must have the field {string.Join(".", path)} (missing or of the wrong shape at '{failedAt}') to follow the task protocol");
        }
        return access;
    }

    private string? TryAccess(string variable, string typeName, string[] path) => TryAccessCore(variable, typeName, path, out _, out _);

    private string? TryAccessCore(string variable, string typeName, string[] path, out ValueTypeModel? finalType, out string failedAt)
    {
        finalType = null;
        failedAt = typeName;
        var expression = variable;
        var nullable = false;
        var current = typeName;
        for (var i = 0; i < path.Length; i++)
        {
            if (!_objects.TryGetValue(current, out var type)) { failedAt = path[i]; return null; }
            var property = type.Properties.FirstOrDefault(p => p.WireName == path[i]);
            if (property is null) { failedAt = path[i]; return null; }
            expression += (nullable ? "?." : ".") + property.Name;
            nullable |= !property.Required;
            var last = i == path.Length - 1;
            if (!last)
            {
                if (property.Type.Kind != ValueKind.Object) { failedAt = path[i]; return null; }
                current = property.Type.TypeName!;
                continue;
            }
            finalType = property.Type;
            switch (property.Type.Kind)
            {
                case ValueKind.String:
                    return expression;
                case ValueKind.Enum:
                    // A required enum is a plain struct: '?.' on it does not compile, even after an optional parent
                    // (the chain already stops at the null parent). An optional one is a Nullable<T>.
                    return expression + (property.Required ? "." : "?.") + "Value";
                default:
                    failedAt = path[i];
                    return null;
            }
        }
        return null;
    }

    private void CheckNameCollisions(string clientName, string serviceName)
    {
        var generated = new[] { clientName, clientName + "Options", serviceName + "JsonContext", clientName + "ServiceCollectionExtensions", serviceName + "ErrorCodes" };
        foreach (var name in generated)
        {
            if (_objects.TryGetValue(name, out var obj)) { Report("DSG007", obj.Span, name, "a definition has the name of a generated class; rename the definition or set DashScopeClientName"); }
            if (_enums.TryGetValue(name, out var en)) { Report("DSG007", en.Span, name, "a definition has the name of a generated class; rename the definition or set DashScopeClientName"); }
        }
        // The JSON context holds a property named like each type and a nested class <type>Converter for it.
        foreach (var name in _objects.Keys.Concat(_enums.Keys))
        {
            var converter = name + "Converter";
            var clash = _objects.TryGetValue(converter, out var obj) ? obj.Span : _enums.TryGetValue(converter, out var en) ? en.Span : (SourceSpan?)null;
            if (clash is { } span) { Report("DSG007", span, converter, $"the JSON context already has a converter class of that name for '{name}'; rename the definition"); }
        }
    }

    private void CheckUnsupportedKeywords(string pointer, string label)
    {
        if (_positions.TokenAt(pointer) is not JObject node) { return; }
        foreach (var keyword in UnsupportedKeywords)
        {
            if (node.Property(keyword, StringComparison.Ordinal) is not null)
            {
                Report("DSG003", _positions.Of(pointer + "/" + keyword), label, "'" + keyword + "'", "the generated types cannot express it; remove it or move the rule into the service");
            }
        }
    }

    private static bool IsObject(JsonSchema schema) =>
        (schema.Type & ~JsonObjectType.Null) == JsonObjectType.Object || (schema.Type == JsonObjectType.None && schema.Properties.Count > 0);

    private static bool IsEnum(JsonSchema schema) => schema.Enumeration.Count > 0;

    private static bool IsUsablePattern(string pattern)
    {
        try
        {
            _ = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool IsUsableTimeFormat(string format)
    {
        try
        {
            var sample = new DateTime(2001, 2, 3, 4, 5, 6, 789, DateTimeKind.Unspecified);
            var text = sample.ToString(format, CultureInfo.InvariantCulture);
            return DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var back) && back.Year == 2001;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string? Extension(JsonSchema schema, string key) =>
        schema.ExtensionData is not null && schema.ExtensionData.TryGetValue(key, out var value) ? value?.ToString() : null;

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? DefaultText(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string? Clean(string? description) =>
        string.IsNullOrWhiteSpace(description) ? null : description!.Replace("\r", string.Empty).Trim();

    private JObject? Block(JObject owner, string key, string pointer)
    {
        var token = owner[key];
        if (token is JObject block) { return block; }
        Report("DSG004", token is null ? _positions.Of(pointer.Substring(0, Math.Max(0, pointer.LastIndexOf('/')))) : _positions.Of(pointer), _fileName,
            token is null ? $"the keyword '{pointer.TrimStart('/').Replace('/', '.')}' is missing" : $"'{pointer.TrimStart('/').Replace('/', '.')}' must be an object");
        return null;
    }

    private string? RequiredString(JObject owner, string key, string pointer)
    {
        var token = owner[key];
        if (token is { Type: JTokenType.String } && ((string?)token)!.Length > 0) { return (string)token!; }
        var parent = pointer.Substring(0, Math.Max(0, pointer.LastIndexOf('/')));
        Report("DSG004", token is null ? _positions.Of(parent) : _positions.Of(pointer), _fileName,
            token is null ? $"'{pointer.TrimStart('/').Replace('/', '.')}' is missing" : $"'{pointer.TrimStart('/').Replace('/', '.')}' must be a non-empty string");
        return null;
    }

    private static string? OptionalString(JObject owner, string key) =>
        owner[key] is { Type: JTokenType.String } token && ((string?)token)!.Length > 0 ? (string)token! : null;

    private IReadOnlyCollection<string>? StringArray(JObject owner, string key, string pointer)
    {
        if (owner[key] is null) { return null; }
        if (owner[key] is JArray array && array.All(t => t.Type == JTokenType.String))
        {
            return array.Select(t => (string)t!).ToList();
        }
        Report("DSG004", _positions.Of(pointer), _fileName, $"'{pointer.TrimStart('/').Replace('/', '.')}' must be an array of strings");
        return null;
    }

    private void Report(string id, SourceSpan span, params string[] arguments) =>
        _diagnostics.Add(new DiagnosticInfo(id, span, arguments.ToEquatableArray()));
}
