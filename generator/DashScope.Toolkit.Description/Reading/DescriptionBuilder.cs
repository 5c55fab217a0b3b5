using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Newtonsoft.Json.Linq;

namespace DashScope.Toolkit.Description.Reading;

/// <summary>
/// Builds the description from the schema file's JSON tree and its schemas: the service, the operations, the task protocol
/// and the errors from the <c>x-dashscope-*</c> keywords, and the models they reach. Problems become
/// diagnostics; the description is returned only when there are none.
/// </summary>
internal sealed class DescriptionBuilder
{
    private readonly JObject _root;
    private readonly KeywordReader _reader;
    private readonly IModelSource _walker;
    private readonly EndpointParts _parts;
    private readonly CancellationToken _cancellationToken;

    /// <param name="root">The file's JSON tree.</param>
    /// <param name="models">The models the schemas describe (a <see cref="ModelWalker"/> over the same file).</param>
    /// <param name="reader">Reads keywords and collects the diagnostics.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    public DescriptionBuilder(JObject root, IModelSource models, KeywordReader reader, CancellationToken cancellationToken)
    {
        _root = root;
        _reader = reader;
        _walker = models;
        _parts = new EndpointParts(reader, _walker);
        _cancellationToken = cancellationToken;
    }

    public EndpointDescription? Build()
    {
        var serviceBlock = _reader.Block(_root, "x-dashscope-service", "/x-dashscope-service");
        var operationsBlock = _reader.Block(_root, "x-dashscope-operations", "/x-dashscope-operations");
        if (serviceBlock is null || operationsBlock is null) { return null; }

        var name = _reader.RequiredString(serviceBlock, "name", "/x-dashscope-service/name");
        var baseUrl = _reader.RequiredString(serviceBlock, "baseUrl", "/x-dashscope-service/baseUrl");
        Uri? parsedBase = null;
        if (baseUrl is not null && !(Uri.TryCreate(baseUrl, UriKind.Absolute, out parsedBase) && (parsedBase.Scheme == "https" || parsedBase.Scheme == "http")))
        {
            _reader.Keyword(_reader.Positions.OfValue("/x-dashscope-service/baseUrl"), $"x-dashscope-service.baseUrl '{baseUrl}' is not an absolute http(s) URL");
            baseUrl = null;
        }

        var tasksBlock = _root["x-dashscope-tasks"] as JObject;
        IReadOnlyList<string> terminal = tasksBlock is null ? Array.Empty<string>() : _reader.StringArray(tasksBlock, "terminalStatuses", "/x-dashscope-tasks/terminalStatuses") ?? Array.Empty<string>();

        var operations = new List<OperationDescription>();
        foreach (var property in operationsBlock.Properties())
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (ReadOperation(property) is { } operation) { operations.Add(operation); }
        }
        if (operationsBlock.Count == 0)
        {
            _reader.Keyword(_reader.Positions.Of("/x-dashscope-operations"), "x-dashscope-operations declares no operation");
        }

        TaskProtocolDescription? tasks = null;
        var asyncOperations = operations.Where(o => o.Kind == OperationKind.Async).ToList();
        if (asyncOperations.Count > 0)
        {
            if (tasksBlock is null)
            {
                _reader.Keyword(_reader.Positions.RootSpan, "an async operation needs x-dashscope-tasks (the query, cancel and list paths and the terminal statuses)");
            }
            else if (new TaskBlockReader(_reader, _parts, _walker).Read(tasksBlock, terminal, asyncOperations) is { } read)
            {
                tasks = read.Protocol;
                operations.AddRange(read.Operations);
            }
        }

        string? errorModel = null;
        if (serviceBlock["error"] is not null)
        {
            // The error envelope is a model too, so callers can read a failed answer's body themselves.
            errorModel = _parts.RequiredDefinition(serviceBlock, "error", "/x-dashscope-service/error", expectObject: true);
        }
        var errors = ReadErrors("x-dashscope-errors", withStatus: true);
        var taskErrors = ReadErrors("x-dashscope-task-errors", withStatus: false);
        // Optional: a schema without temporary storage describes no uploads.
        var uploads = _root["x-dashscope-uploads"] is not null && _reader.Block(_root, "x-dashscope-uploads", "/x-dashscope-uploads") is { } uploadsBlock
            ? new UploadsBlockReader(_reader, _parts, _root).Read(uploadsBlock)
            : null;
        _parts.WalkHeaders();

        if (_reader.Diagnostics.Count > 0 || name is null || baseUrl is null) { return null; }

        var models = _walker.Models.ToEquatableArray();
        var service = new ServiceDescription(
            name,
            KeywordReader.OptionalString(serviceBlock, "namespace"),
            KeywordReader.OptionalString(serviceBlock, "clientName"),
            baseUrl.TrimEnd('/'),
            parsedBase!.AbsolutePath.TrimEnd('/'),
            KeywordReader.OptionalString(serviceBlock, "region"),
            KeywordReader.OptionalString(serviceBlock, "apiKeyEnvironmentVariable") ?? ServiceDescription.DefaultApiKeyEnvironmentVariable,
            serviceBlock["baseUrlEnvironmentVariable"]?.Type == JTokenType.Null ? null : KeywordReader.OptionalString(serviceBlock, "baseUrlEnvironmentVariable") ?? ServiceDescription.DefaultBaseUrlEnvironmentVariable,
            errorModel);
        var described = operations.Select(o => o.RequestModel is null ? o : o with { MediaRules = MediaRules.Of(o.RequestModel, _walker) }).ToEquatableArray();
        return new EndpointDescription(
            _reader.FileName,
            KeywordReader.OptionalString(_root, "title"),
            ValueRulesReader.Clean(KeywordReader.OptionalString(_root, "description")),
            service,
            described,
            tasks,
            models,
            errors,
            taskErrors) { Uploads = uploads };
    }

    private OperationDescription? ReadOperation(JProperty property)
    {
        var key = property.Name;
        var pointer = "/x-dashscope-operations/" + key;
        if (property.Value is not JObject op)
        {
            _reader.Keyword(_reader.Positions.Of(pointer), $"operation '{key}' must be an object");
            return null;
        }
        var method = _parts.Method(op, pointer, key, fallback: null);
        var path = _reader.RequiredString(op, "path", pointer + "/path");
        if (path is not null && !path.StartsWith("/", StringComparison.Ordinal))
        {
            _reader.Keyword(_reader.Positions.OfValue(pointer + "/path"), $"operation '{key}' path '{path}' must start with '/'");
            path = null;
        }
        var mode = _reader.RequiredString(op, "mode", pointer + "/mode");
        if (mode is not null && mode != "sync" && mode != "async")
        {
            _reader.Keyword(_reader.Positions.OfValue(pointer + "/mode"), $"operation '{key}' mode must be 'sync' or 'async', not '{mode}'");
            mode = null;
        }
        var model = _reader.RequiredString(op, "model", pointer + "/model");
        var request = _parts.RequiredDefinition(op, "request", pointer + "/request", expectObject: true);
        var response = _parts.RequiredDefinition(op, "response", pointer + "/response", expectObject: true);
        string? task = null;
        var submissionHasTaskId = true;
        if (mode == "async")
        {
            task = _parts.RequiredDefinition(op, "task", pointer + "/task", expectObject: true);
            if (response is not null) { submissionHasTaskId = _parts.RequireField(response, TaskProtocolFields.TaskId, pointer + "/response"); }
        }
        var alternatePaths = _parts.AlternatePaths(op, pointer);
        var headers = _parts.Headers(op, pointer);
        var rateLimit = _parts.RateLimit(op, pointer);
        var maxRunning = _reader.PositiveInteger(op, "maxRunningTasksPerAccount", pointer + "/maxRunningTasksPerAccount");
        if (method is null || path is null || mode is null || model is null || request is null || response is null || (mode == "async" && (task is null || !submissionHasTaskId)))
        {
            return null;
        }
        return new OperationDescription(key, mode == "async" ? OperationKind.Async : OperationKind.Sync, method, path, alternatePaths, model,
            KeywordReader.OptionalString(op, "description"), headers, request, null, response, task, rateLimit, maxRunning, EquatableArray<MediaRuleDescription>.Empty);
    }

    private EquatableArray<ErrorEntry> ReadErrors(string keyword, bool withStatus)
    {
        if (_root[keyword] is null) { return EquatableArray<ErrorEntry>.Empty; }
        if (_root[keyword] is not JObject block)
        {
            _reader.Keyword(_reader.Positions.Of("/" + keyword), keyword + " must be an object of named errors");
            return EquatableArray<ErrorEntry>.Empty;
        }
        var entries = new List<ErrorEntry>();
        foreach (var entry in block.Properties())
        {
            var pointer = "/" + keyword + "/" + entry.Name;
            if (entry.Value is not JObject error || error["code"]?.Type != JTokenType.String)
            {
                _reader.Keyword(_reader.Positions.Of(pointer), $"{keyword}.{entry.Name} must be an object with a string 'code'");
                continue;
            }
            int? status = null;
            if (withStatus && error["status"] is { } statusToken)
            {
                if (statusToken.Type == JTokenType.Integer && (long)statusToken is >= 100 and <= 599) { status = (int)(long)statusToken; }
                else { _reader.Keyword(_reader.Positions.Of(pointer + "/status"), $"{keyword}.{entry.Name}.status must be an HTTP status from 100 to 599"); }
            }
            entries.Add(new ErrorEntry(entry.Name, status, (string)error["code"]!, error["message"]?.Type == JTokenType.String ? (string)error["message"]! : string.Empty, KeywordReader.OptionalString(error, "when")));
        }
        return entries.ToEquatableArray();
    }
}
