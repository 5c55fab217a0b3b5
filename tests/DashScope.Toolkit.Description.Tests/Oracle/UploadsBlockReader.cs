using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

using DashScope.Toolkit.Description.Reading;

namespace DashScope.Toolkit.Description.Tests.Oracle;

/// <summary>
/// Reads <c>x-dashscope-uploads</c> into an <see cref="UploadsDescription"/>. Its definitions are checked on the
/// JSON tree, not walked into models: the policy's numbers may be written as text, a type list the generator
/// refuses, and no generated type needs them.
/// </summary>
internal sealed class UploadsBlockReader
{
    private const string Pointer = "/x-dashscope-uploads";
    private const string DefinitionsPrefix = "#/definitions/";

    private readonly KeywordReader _reader;
    private readonly EndpointParts _parts;
    private readonly JObject _root;

    public UploadsBlockReader(KeywordReader reader, EndpointParts parts, JObject root)
    {
        _reader = reader;
        _parts = parts;
        _root = root;
    }

    /// <summary>The description, or null after diagnostics.</summary>
    public UploadsDescription? Read(JObject block)
    {
        var policy = _reader.Block(block, "policy", Pointer + "/policy") is { } policyBlock ? ReadPolicy(policyBlock) : null;
        var form = _reader.Block(block, "form", Pointer + "/form") is { } formBlock ? new UploadFormReader(_reader).Read(formBlock, Pointer + "/form") : null;
        var url = _reader.RequiredString(block, "url", Pointer + "/url");
        if (url is not null && (!url.EndsWith(UploadsDescription.KeyPlaceholder, StringComparison.Ordinal) || url.Length == UploadsDescription.KeyPlaceholder.Length))
        {
            _reader.Keyword(_reader.Positions.OfValue(Pointer + "/url"), $"x-dashscope-uploads.url '{url}' must be a scheme or prefix followed by {UploadsDescription.KeyPlaceholder}");
            url = null;
        }
        var header = ReadHeader(block);
        var rules = _reader.Block(block, "rules", Pointer + "/rules") is { } rulesBlock ? ReadRules(rulesBlock) : null;
        var errors = ReadErrors(block, "errors");
        var storageErrors = ReadErrors(block, "storageErrors");
        if (policy is null || form is null || url is null || header is null || rules is null) { return null; }
        return new UploadsDescription(
            KeywordReader.OptionalString(block, "description"),
            KeywordReader.OptionalString(block, "region"),
            KeywordReader.OptionalString(block, "purpose"),
            policy, form, url, header, rules, errors, storageErrors);
    }

    private UploadPolicyCallDescription? ReadPolicy(JObject block)
    {
        const string at = Pointer + "/policy";
        var method = _parts.Method(block, at, "uploads.policy", "GET");
        var path = _reader.RequiredString(block, "path", at + "/path");
        if (path is not null && !path.StartsWith("/", StringComparison.Ordinal))
        {
            _reader.Keyword(_reader.Positions.OfValue(at + "/path"), $"x-dashscope-uploads.policy.path '{path}' must start with '/'");
            path = null;
        }
        var query = ReadQuery(block, at + "/query");
        var headers = block["headers"] is null ? null : Definition(block, "headers", at + "/headers");
        var response = Definition(block, "response", at + "/response");
        var dataProperty = _reader.RequiredString(block, "data", at + "/data");
        string? dataDefinition = null;
        if (response is not null && dataProperty is not null)
        {
            dataDefinition = PropertyDefinition(response, dataProperty, at + "/data");
        }
        var fields = dataDefinition is null ? null : ReadFields(block, dataDefinition, at + "/fields");
        var rateLimit = _parts.RateLimit(block, at);
        if (method is null || path is null || query is null || response is null || dataProperty is null || dataDefinition is null || fields is null) { return null; }
        return new UploadPolicyCallDescription(KeywordReader.OptionalString(block, "description"), method, path, query.Value, headers, response, dataProperty, dataDefinition, fields.Value, rateLimit);
    }

    private EquatableArray<UploadQueryParameter>? ReadQuery(JObject block, string at)
    {
        if (_reader.Block(block, "query", at) is not { } query) { return null; }
        var parameters = new List<UploadQueryParameter>();
        foreach (var property in query.Properties())
        {
            if (property.Value.Type != JTokenType.String || ((string)property.Value!).Length == 0)
            {
                _reader.Keyword(_reader.Positions.Of(at + "/" + property.Name), $"x-dashscope-uploads.policy.query.{property.Name} must be a non-empty string");
                return null;
            }
            parameters.Add(new UploadQueryParameter(property.Name, (string)property.Value!));
        }
        if (!parameters.Any(p => p.Value == UploadPolicyCallDescription.ModelPlaceholder))
        {
            _reader.Keyword(_reader.Positions.Of(at), $"x-dashscope-uploads.policy.query must have a parameter whose value is {UploadPolicyCallDescription.ModelPlaceholder}: a policy is for one model");
            return null;
        }
        return parameters.ToEquatableArray();
    }

    /// <summary>Every role of <see cref="UploadPolicyField"/> named once, each naming a property of the data definition.</summary>
    private EquatableArray<UploadPolicyFieldDescription>? ReadFields(JObject block, string dataDefinition, string at)
    {
        if (_reader.Block(block, "fields", at) is not { } fields) { return null; }
        var properties = (JObject?)_root["definitions"]?[dataDefinition]?["properties"];
        var read = new List<UploadPolicyFieldDescription>();
        foreach (var property in fields.Properties())
        {
            if (UploadRoles.FieldOf(property.Name) is null)
            {
                _reader.Keyword(_reader.Positions.Of(at + "/" + property.Name), $"x-dashscope-uploads.policy.fields has no role '{property.Name}'; the roles are {string.Join(", ", UploadRoles.PolicyFields.Select(UploadRoles.KeyOf))}");
            }
        }
        foreach (var field in UploadRoles.PolicyFields)
        {
            var key = UploadRoles.KeyOf(field);
            var wire = _reader.RequiredString(fields, key, at + "/" + key);
            if (wire is null) { continue; }
            if (properties?[wire] is not JObject schema)
            {
                _reader.Keyword(_reader.Positions.OfValue(at + "/" + key), $"x-dashscope-uploads.policy.fields.{key} names '{wire}', which is not a property of '{dataDefinition}'");
                continue;
            }
            read.Add(new UploadPolicyFieldDescription(field, wire, FixedValue(schema), schema["type"] is JArray types && types.Any(t => (string?)t == "string") && types.Any(t => (string?)t is "integer" or "number")));
        }
        return read.Count == UploadRoles.PolicyFields.Count ? read.ToEquatableArray() : null;
    }

    private UploadHeaderDescription? ReadHeader(JObject block)
    {
        if (_reader.Block(block, "resolveHeader", Pointer + "/resolveHeader") is not { } header) { return null; }
        var name = _reader.RequiredString(header, "name", Pointer + "/resolveHeader/name");
        var value = _reader.RequiredString(header, "value", Pointer + "/resolveHeader/value");
        return name is null || value is null ? null : new UploadHeaderDescription(name, value);
    }

    private UploadRulesDescription? ReadRules(JObject block)
    {
        const string at = Pointer + "/rules";
        var lifetime = _reader.PositiveNumber(block, "fileLifetimeHours", at + "/fileLifetimeHours", fallback: double.NaN);
        if (double.IsNaN(lifetime)) { _reader.Keyword(_reader.Positions.Of(at), "x-dashscope-uploads.rules.fileLifetimeHours is missing"); }
        var boundTo = _reader.StringArray(block, "boundTo", at + "/boundTo") ?? Array.Empty<string>();
        foreach (var binding in boundTo.Where(b => b != UploadRulesDescription.Model && b != UploadRulesDescription.Account))
        {
            _reader.Keyword(_reader.Positions.Of(at + "/boundTo"), $"x-dashscope-uploads.rules.boundTo has '{binding}'; a file is bound to 'model' and/or 'account'");
        }
        var maxSize = PolicyFieldKey(block, "maxFileSize", at);
        var capacity = PolicyFieldKey(block, "dailyCapacity", at);
        var writeOnly = _reader.Boolean(block, "writeOnly", at + "/writeOnly", fallback: true);
        if (double.IsNaN(lifetime) || maxSize is null || capacity is null) { return null; }
        return new UploadRulesDescription(lifetime, boundTo.ToEquatableArray(), maxSize.Value, capacity.Value, writeOnly);
    }

    private UploadPolicyField? PolicyFieldKey(JObject block, string key, string at)
    {
        var name = _reader.RequiredString(block, key, at + "/" + key);
        if (name is null) { return null; }
        if (UploadRoles.FieldOf(name) is { } field) { return field; }
        _reader.Keyword(_reader.Positions.OfValue(at + "/" + key), $"x-dashscope-uploads.rules.{key} '{name}' is not a policy field role");
        return null;
    }

    private EquatableArray<ErrorEntry> ReadErrors(JObject block, string key)
    {
        if (block[key] is null) { return EquatableArray<ErrorEntry>.Empty; }
        if (block[key] is not JObject errors)
        {
            _reader.Keyword(_reader.Positions.Of(Pointer + "/" + key), $"x-dashscope-uploads.{key} must be an object of named errors");
            return EquatableArray<ErrorEntry>.Empty;
        }
        var entries = new List<ErrorEntry>();
        foreach (var entry in errors.Properties())
        {
            var at = Pointer + "/" + key + "/" + entry.Name;
            if (entry.Value is not JObject error || error["code"]?.Type != JTokenType.String || error["status"] is not { Type: JTokenType.Integer } status || (long)status is < 100 or > 599)
            {
                _reader.Keyword(_reader.Positions.Of(at), $"x-dashscope-uploads.{key}.{entry.Name} must be an object with a string 'code' and an HTTP 'status'");
                continue;
            }
            entries.Add(new ErrorEntry(entry.Name, (int)(long)status, (string)error["code"]!, KeywordReader.OptionalString(error, "message") ?? string.Empty, KeywordReader.OptionalString(error, "when")));
        }
        return entries.ToEquatableArray();
    }

    /// <summary>The definition name of "#/definitions/Name" under <paramref name="key"/>; DSG005 when there is no such definition.</summary>
    private string? Definition(JObject owner, string key, string at)
    {
        var reference = _reader.RequiredString(owner, key, at);
        if (reference is null) { return null; }
        var name = reference.StartsWith(DefinitionsPrefix, StringComparison.Ordinal) ? reference.Substring(DefinitionsPrefix.Length) : null;
        if (name is null || _root["definitions"]?[name] is not JObject)
        {
            _reader.Report(DescriptionDiagnosticId.UnresolvedReference, _reader.Positions.OfValue(at), KeywordReader.Dotted(at), reference, _reader.FileName);
            return null;
        }
        return name;
    }

    /// <summary>The definition the property <paramref name="property"/> of <paramref name="owner"/> refers to; DSG004 when it has no such reference.</summary>
    private string? PropertyDefinition(string owner, string property, string at)
    {
        var reference = (string?)(_root["definitions"]?[owner]?["properties"]?[property] as JObject)?["$ref"];
        var name = reference is not null && reference.StartsWith(DefinitionsPrefix, StringComparison.Ordinal) ? reference.Substring(DefinitionsPrefix.Length) : null;
        if (name is not null && _root["definitions"]?[name] is JObject) { return name; }
        _reader.Keyword(_reader.Positions.OfValue(at), $"x-dashscope-uploads.policy.data '{property}' must be a property of '{owner}' that refers to a definition");
        return null;
    }

    /// <summary>The one value a property schema fixes (a single enum value or const), else its default, as text.</summary>
    private static string? FixedValue(JObject schema)
    {
        var token = schema["const"] ?? (schema["enum"] is JArray { Count: 1 } single ? single[0] : null) ?? schema["default"];
        return token is JValue { Value: not null } value ? Convert.ToString(value.Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}
