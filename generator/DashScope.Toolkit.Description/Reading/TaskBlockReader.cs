using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace DashScope.Toolkit.Description.Reading;

/// <summary>Reads <c>x-dashscope-tasks</c>: the task protocol, and its query, cancel and list endpoints as operations.</summary>
internal sealed class TaskBlockReader
{
    private const string Pointer = "/x-dashscope-tasks";
    private static readonly Regex Offset = new(@"^[+-]\d{2}:\d{2}$", RegexOptions.CultureInvariant);

    private readonly KeywordReader _reader;
    private readonly EndpointParts _parts;
    private readonly IModelSource _walker;

    public TaskBlockReader(KeywordReader reader, EndpointParts parts, IModelSource walker)
    {
        _reader = reader;
        _parts = parts;
        _walker = walker;
    }

    /// <summary>The protocol and the three task operations, or null after diagnostics.</summary>
    public (TaskProtocolDescription Protocol, IReadOnlyList<OperationDescription> Operations)? Read(JObject block, IReadOnlyList<string> terminal, IReadOnlyList<OperationDescription> asyncOperations)
    {
        var query = _reader.Block(block, "query", Pointer + "/query");
        var cancel = _reader.Block(block, "cancel", Pointer + "/cancel");
        var list = _reader.Block(block, "list", Pointer + "/list");
        if (query is null || cancel is null || list is null) { return null; }
        var queryPath = TaskPath(query, Pointer + "/query");
        var cancelPath = TaskPath(cancel, Pointer + "/cancel");
        var listPath = _reader.RequiredString(list, "path", Pointer + "/list/path");
        var cancelResponse = _parts.RequiredDefinition(cancel, "response", Pointer + "/cancel/response", expectObject: true);
        var listResponse = _parts.RequiredDefinition(list, "response", Pointer + "/list/response", expectObject: true);
        var listQuery = list["query"] is null ? null : ListQuery(list);
        var queryResponse = QueryResponse(query, asyncOperations);

        var success = _reader.RequiredString(block, "successStatus", Pointer + "/successStatus");
        if (terminal.Count == 0)
        {
            _reader.Keyword(_reader.Positions.Of(Pointer), "x-dashscope-tasks.terminalStatuses must list the terminal task statuses");
        }
        else if (success is not null && !terminal.Contains(success))
        {
            _reader.Keyword(_reader.Positions.OfValue(Pointer + "/successStatus"), $"successStatus '{success}' is not one of terminalStatuses");
        }
        var poll = TaskProtocolDescription.DefaultPollIntervalSeconds;
        if (block["recommendedPollIntervalSeconds"] is JToken pollToken)
        {
            if (pollToken.Type == JTokenType.Integer && (long)pollToken > 0 && (long)pollToken <= 3600) { poll = (int)(long)pollToken; }
            else { _reader.Keyword(_reader.Positions.Of(Pointer + "/recommendedPollIntervalSeconds"), "recommendedPollIntervalSeconds must be an integer from 1 to 3600"); }
        }

        var protocolFields = true;
        foreach (var task in asyncOperations.Select(o => o.TaskModel!))
        {
            protocolFields &= _parts.RequireField(task, TaskProtocolFields.TaskStatus, "/x-dashscope-operations");
            protocolFields &= _parts.RequireField(task, TaskProtocolFields.TaskId, "/x-dashscope-operations");
        }

        var cancelable = _reader.StringArray(block, "cancelableStatuses", Pointer + "/cancelableStatuses") ?? Array.Empty<string>();
        var retention = _reader.PositiveNumber(block, "retentionHours", Pointer + "/retentionHours", TaskProtocolDescription.DefaultRetentionHours);
        var validity = _reader.PositiveNumber(block, "resultUrlValidityHours", Pointer + "/resultUrlValidityHours", TaskProtocolDescription.DefaultRetentionHours);
        var (offset, zoneConfirmed) = TimeZone(block);
        var rateLimit = _parts.RateLimit(block, Pointer);
        var queryMethod = _parts.Method(query, Pointer + "/query", "query", "GET");
        var cancelMethod = _parts.Method(cancel, Pointer + "/cancel", "cancel", "POST");
        var listMethod = _parts.Method(list, Pointer + "/list", "list", "GET");

        if (queryPath is null || cancelPath is null || listPath is null || cancelResponse is null || listResponse is null || success is null || !protocolFields
            || queryMethod is null || cancelMethod is null || listMethod is null)
        {
            return null;
        }
        var protocol = new TaskProtocolDescription(terminal.ToEquatableArray(), success, cancelable.ToEquatableArray(), poll, retention, validity, offset, zoneConfirmed);
        var operations = new[]
        {
            Operation(TaskOperationKeys.Query, OperationKind.TaskQuery, queryMethod, queryPath, query, null, queryResponse ?? asyncOperations[0].TaskModel!, rateLimit),
            Operation(TaskOperationKeys.Cancel, OperationKind.TaskCancel, cancelMethod, cancelPath, cancel, null, cancelResponse, rateLimit),
            Operation(TaskOperationKeys.List, OperationKind.TaskList, listMethod, listPath, list, listQuery, listResponse, rateLimit),
        };
        return (protocol, operations);
    }

    private OperationDescription Operation(string key, OperationKind kind, string method, string path, JObject block, string? queryModel, string response, RateLimitDescription? rateLimit) =>
        new(key, kind, method, path, _parts.AlternatePaths(block, Pointer + "/" + key), null, KeywordReader.OptionalString(block, "description"),
            _parts.Headers(block, Pointer + "/" + key), null, queryModel, response, null, rateLimit, null, EquatableArray<MediaRuleDescription>.Empty);

    private string? TaskPath(JObject block, string pointer)
    {
        var path = _reader.RequiredString(block, "path", pointer + "/path");
        if (path is not null && path.IndexOf("{task_id}", StringComparison.Ordinal) < 0)
        {
            _reader.Keyword(_reader.Positions.OfValue(pointer + "/path"), $"task path '{path}' must contain {{task_id}}");
            return null;
        }
        return path;
    }

    /// <summary>The list's query model, marked as a query; its properties must be plain values.</summary>
    private string? ListQuery(JObject list)
    {
        var name = _parts.RequiredDefinition(list, "query", Pointer + "/list/query", expectObject: true);
        if (_walker.Find(name) is not { } model) { return name; }
        _walker.Replace(model with { Role = ModelRole.Query });
        foreach (var property in model.Properties.Where(p => p.Type.Kind is ValueKind.Object or ValueKind.Array or ValueKind.Any))
        {
            _reader.Report(DescriptionDiagnosticId.UnsupportedConstruct, _reader.Positions.Of(model.PropertyPointer(property.WireName)), model.Name + "." + property.WireName,
                "an object or array in a query", "query parameters must be strings, numbers, booleans, enums or times");
        }
        return name;
    }

    /// <summary>The query's answer when the schema names it: it must be the task model of an async operation.</summary>
    private string? QueryResponse(JObject query, IReadOnlyList<OperationDescription> asyncOperations)
    {
        if (query["response"] is null) { return null; }
        var response = _parts.RequiredDefinition(query, "response", Pointer + "/query/response", expectObject: true);
        if (response is not null && !asyncOperations.Any(o => o.TaskModel == response))
        {
            var tasks = string.Join("', '", asyncOperations.Select(o => o.TaskModel).Distinct());
            _reader.Keyword(_reader.Positions.OfValue(Pointer + "/query/response"), $"x-dashscope-tasks.query.response '{response}' is not the task of an async operation ('{tasks}')");
        }
        return response;
    }

    private (string Offset, bool Confirmed) TimeZone(JObject block)
    {
        var token = block["timeZone"];
        if (token is null) { return ("+00:00", false); }
        var offset = token is JObject zone ? KeywordReader.OptionalString(zone, "offset") : null;
        if (offset is null || !Offset.IsMatch(offset))
        {
            _reader.Keyword(_reader.Positions.Of(Pointer + "/timeZone"), "x-dashscope-tasks.timeZone must be an object whose offset reads like +08:00");
            return ("+00:00", false);
        }
        return (offset, _reader.Boolean((JObject)token, "confirmed", Pointer + "/timeZone/confirmed", fallback: true));
    }
}
