using System;
using System.Collections.Generic;
using System.Linq;
using DashScope.Toolkit.Description;
using DashScope.Toolkit.Generator.Model;

namespace DashScope.Toolkit.Generator.Mapping;

/// <summary>
/// Maps the temporary storage to the client's upload members: the media URLs each model's requests hold, and
/// for each operation whose request can be built from local files alone, a helper that uploads them first.
/// </summary>
internal sealed class UploadMapper
{
    private const string UrlSuffix = "_url";

    private readonly EndpointDescription _description;
    private readonly TypeMapper _types;

    public UploadMapper(EndpointDescription description, TypeMapper types)
    {
        _description = description;
        _types = types;
    }

    /// <summary>The upload model, or null when the schema describes no storage.</summary>
    /// <param name="operations">The mapped operations (their method names).</param>
    /// <param name="members">Names the client already has; a helper that would clash is left out.</param>
    public UploadsModel? Map(IReadOnlyList<OperationModel> operations, ISet<string> members)
    {
        if (_description.Uploads is not { } storage) { return null; }
        var rules = new List<ModelMediaRule>();
        var helpers = new List<LocalFileHelperModel>();
        foreach (var operation in _description.Operations.Where(o => o.Model is not null && o.MediaRules.Count > 0))
        {
            rules.AddRange(operation.MediaRules.Select(r => new ModelMediaRule(operation.Model!, r)));
            var mapped = operations.FirstOrDefault(o => o.Path == operation.Path && o.Model == operation.Model);
            if (mapped is not null && Helper(operation, mapped) is { } helper && members.Add(helper.Name)) { helpers.Add(helper); }
        }
        return new UploadsModel(storage, rules.ToEquatableArray(), helpers.ToEquatableArray());
    }

    private LocalFileHelperModel? Helper(OperationDescription operation, OperationModel mapped)
    {
        var request = _types.Objects.FirstOrDefault(o => o.Name == mapped.RequestType);
        if (request is null) { return null; }
        LocalFileParameter[]? files = null;
        PropertyModel? holder = null;
        var passThrough = new List<PassThroughParameter>();
        foreach (var property in request.Properties)
        {
            var holderFiles = property.Type.Kind == ValueKind.Object ? Files(property, operation) : null;
            if (holderFiles is not null && files is null)
            {
                (files, holder) = (holderFiles, property);
            }
            else if (!property.Required)
            {
                passThrough.Add(new PassThroughParameter(Camel(property.Name), property.Name, property.Type));
            }
            else if (property.FixedValue is null && property.DefaultText is null)
            {
                return null; // A required value no file can give: the caller must build the request.
            }
        }
        if (files is null || holder is null) { return null; }
        var name = mapped.Task is { } task ? Trim(task.Names.Generate) + "FromFilesAsync" : Trim(mapped.MethodName) + "FromFilesAsync";
        return new LocalFileHelperModel(
            name,
            mapped.Task?.Names.Generate ?? mapped.MethodName,
            mapped.Task is not null,
            mapped.Task?.TaskType,
            mapped.Task?.TaskType ?? mapped.ResponseType,
            mapped.Model,
            mapped.RequestType,
            holder.Name,
            holder.Type.TypeName!,
            files.ToEquatableArray(),
            passThrough.ToEquatableArray());
    }

    /// <summary>The file parameters of an object whose properties are all required media URLs, or null.</summary>
    private LocalFileParameter[]? Files(PropertyModel holder, OperationDescription operation)
    {
        var type = _types.Objects.FirstOrDefault(o => o.Name == holder.Type.TypeName);
        if (type is null || type.Properties.Count == 0) { return null; }
        var files = new List<LocalFileParameter>();
        foreach (var property in type.Properties)
        {
            var path = holder.WireName + "." + property.WireName;
            if (!property.Required || property.Type.Kind != ValueKind.String || !operation.MediaRules.Any(r => r.PropertyPath == path)) { return null; }
            var stem = property.WireName.EndsWith(UrlSuffix, StringComparison.Ordinal) ? property.WireName.Substring(0, property.WireName.Length - UrlSuffix.Length) : property.WireName;
            files.Add(new LocalFileParameter(Camel(Names.ToPascal(stem)) + "Path", property.Name, path));
        }
        return files.ToArray();
    }

    private static string Trim(string methodName) =>
        methodName.EndsWith("Async", StringComparison.Ordinal) ? methodName.Substring(0, methodName.Length - "Async".Length) : methodName;

    private static string Camel(string pascal)
    {
        var camel = char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
        return Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(camel) == Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? camel : "@" + camel;
    }
}
