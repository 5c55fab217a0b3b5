using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace DashScope.Toolkit.Description.Reading;

/// <summary>
/// The pieces every endpoint keyword block shares: references to definitions, header models (walked last, so a
/// model a body shares stays a body model), alternate paths, rate limits, and the task protocol's fields.
/// </summary>
internal sealed class EndpointParts
{
    private const string DefinitionsPrefix = "#/definitions/";

    private readonly KeywordReader _reader;
    private readonly IModelSource _walker;
    private readonly List<string> _headers = new();

    public EndpointParts(KeywordReader reader, IModelSource walker)
    {
        _reader = reader;
        _walker = walker;
    }

    /// <summary>Resolves "#/definitions/Name" under <paramref name="key"/>, walks it into models, and returns the model's name.</summary>
    public string? RequiredDefinition(JObject owner, string key, string pointer, bool expectObject)
    {
        var definitionName = ResolveDefinition(owner, key, pointer);
        if (definitionName is null || !_walker.HasDefinition(definitionName)) { return null; }
        var type = _walker.DefinitionValue(definitionName);
        if (type is null) { return null; }
        if (expectObject && type.Kind != ValueKind.Object)
        {
            _reader.Report(DescriptionDiagnosticId.UnsupportedConstruct, _reader.Positions.Of("/definitions/" + definitionName), definitionName, "a non-object schema as a request or response", "requests and answers must be JSON objects");
            return null;
        }
        return type.ModelName;
    }

    /// <summary>The header definition under "headers", if any: its name now, its model once <see cref="WalkHeaders"/> ran.</summary>
    public string? Headers(JObject owner, string pointer)
    {
        if (owner["headers"] is null) { return null; }
        var definitionName = ResolveDefinition(owner, "headers", pointer + "/headers");
        if (definitionName is not null) { _headers.Add(definitionName); }
        return definitionName;
    }

    /// <summary>Walks every header definition named so far into models with the Headers role.</summary>
    public void WalkHeaders()
    {
        _walker.Role = ModelRole.Headers;
        foreach (var definitionName in _headers.Distinct())
        {
            if (!_walker.HasDefinition(definitionName)) { continue; }
            if (_walker.DefinitionValue(definitionName) is { Kind: not ValueKind.Object })
            {
                _reader.Report(DescriptionDiagnosticId.UnsupportedConstruct, _reader.Positions.Of("/definitions/" + definitionName), definitionName, "a non-object schema as request headers", "headers must be a JSON object of named strings");
            }
        }
        _walker.Role = ModelRole.Body;
    }

    /// <summary>The HTTP method under "method": GET or POST, upper case; <paramref name="fallback"/> when absent and allowed.</summary>
    public string? Method(JObject owner, string pointer, string name, string? fallback)
    {
        if (fallback is not null && owner["method"] is null) { return fallback; }
        var method = _reader.RequiredString(owner, "method", pointer + "/method")?.ToUpperInvariant();
        if (method is not null && method != "POST" && method != "GET")
        {
            _reader.Keyword(_reader.Positions.OfValue(pointer + "/method"), $"operation '{name}' has method '{method}'; only POST and GET are supported");
            return null;
        }
        return method;
    }

    /// <summary>The paths under "alternatePaths" (empty when absent); DSG004 for one that does not start with '/'.</summary>
    public EquatableArray<string> AlternatePaths(JObject owner, string pointer)
    {
        var paths = _reader.StringArray(owner, "alternatePaths", pointer + "/alternatePaths") ?? Array.Empty<string>();
        for (var i = 0; i < paths.Count; i++)
        {
            if (!paths[i].StartsWith("/", StringComparison.Ordinal))
            {
                _reader.Keyword(_reader.Positions.OfValue(pointer + "/alternatePaths/" + i), $"alternate path '{paths[i]}' must start with '/'");
            }
        }
        return paths.ToEquatableArray();
    }

    /// <summary>The limit under "rateLimit", or null when absent; DSG004 when it is not <c>{requestsPerSecond, scope?, confirmed?}</c>.</summary>
    public RateLimitDescription? RateLimit(JObject owner, string pointer)
    {
        var token = owner["rateLimit"];
        if (token is null) { return null; }
        var limitPointer = pointer + "/rateLimit";
        if (token is not JObject limit || limit["requestsPerSecond"] is null)
        {
            _reader.Keyword(_reader.Positions.Of(limitPointer), $"'{KeywordReader.Dotted(limitPointer)}' must be an object with a requestsPerSecond number");
            return null;
        }
        var perSecond = _reader.PositiveNumber(limit, "requestsPerSecond", limitPointer + "/requestsPerSecond", fallback: 1);
        var scope = KeywordReader.OptionalString(limit, "scope") ?? "account";
        return new RateLimitDescription(perSecond, scope, _reader.Boolean(limit, "confirmed", limitPointer + "/confirmed", fallback: true));
    }

    /// <summary>DSG004 at <paramref name="pointer"/> unless model <paramref name="modelName"/> has the string or enum field at <paramref name="path"/>.</summary>
    public bool RequireField(string modelName, EquatableArray<string> path, string pointer)
    {
        if (HasField(modelName, path, out var failedAt)) { return true; }
        _reader.Keyword(_reader.Positions.Of(pointer), $"'{modelName}' must have the field {string.Join(".", path)} (missing or of the wrong shape at '{failedAt}') to follow the task protocol");
        return false;
    }

    /// <summary>True when following <paramref name="path"/> through objects ends at a string or an enum.</summary>
    public bool HasField(string modelName, EquatableArray<string> path, out string failedAt)
    {
        failedAt = modelName;
        var current = modelName;
        for (var i = 0; i < path.Count; i++)
        {
            failedAt = path[i];
            if (_walker.Find(current) is not { Kind: ModelKind.Object } model || model.Property(path[i]) is not { } property) { return false; }
            if (i < path.Count - 1)
            {
                if (property.Type.Kind != ValueKind.Object) { return false; }
                current = property.Type.ModelName!;
                continue;
            }
            return property.Type.Kind is ValueKind.String or ValueKind.Enum;
        }
        return false;
    }

    private string? ResolveDefinition(JObject owner, string key, string pointer)
    {
        var reference = _reader.RequiredString(owner, key, pointer);
        if (reference is null) { return null; }
        if (!reference.StartsWith(DefinitionsPrefix, StringComparison.Ordinal) || !_walker.HasDefinition(reference.Substring(DefinitionsPrefix.Length)))
        {
            _reader.Report(DescriptionDiagnosticId.UnresolvedReference, _reader.Positions.OfValue(pointer), KeywordReader.Dotted(pointer), reference, _reader.FileName);
            return null;
        }
        return reference.Substring(DefinitionsPrefix.Length);
    }
}
