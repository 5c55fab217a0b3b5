namespace DashScope.Toolkit.Generator.Model;

/// <summary>Everything the emitter needs to write one schema's client.</summary>
internal sealed record ServiceModel(
    string SchemaFileName,
    string Namespace,
    string ServiceName,
    string ClientName,
    string BaseUrl,
    string ApiKeyEnvironmentVariable,
    string? BaseUrlEnvironmentVariable,
    EquatableArray<ObjectTypeModel> ObjectTypes,
    EquatableArray<EnumTypeModel> EnumTypes,
    EquatableArray<OperationModel> Operations,
    TaskEndpointsModel? Tasks,
    EquatableArray<ErrorCodeModel> ErrorCodes)
{
    public string OptionsName => ClientName + "Options";

    public string JsonContextName => ServiceName + "JsonContext";

    public string ServiceCollectionExtensionsName => ClientName + "ServiceCollectionExtensions";

    public string ErrorCodesName => ServiceName + "ErrorCodes";

    /// <summary>Every top-level name the schema adds to its namespace.</summary>
    public System.Collections.Generic.IEnumerable<(string Name, SourceSpan Span)> DeclaredNames(SourceSpan root)
    {
        foreach (var type in ObjectTypes) { yield return (type.Name, type.Span); }
        foreach (var type in EnumTypes) { yield return (type.Name, type.Span); }
        yield return (ClientName, root);
        yield return (OptionsName, root);
        yield return (JsonContextName, root);
        yield return (ServiceCollectionExtensionsName, root);
        if (ErrorCodes.Count > 0) { yield return (ErrorCodesName, root); }
    }
}

/// <summary>An object schema that becomes a record.</summary>
internal sealed record ObjectTypeModel(string Name, string? Description, SourceSpan Span, EquatableArray<PropertyModel> Properties, bool IsQuery);

/// <summary>A string enum schema that becomes an extensible enum struct.</summary>
internal sealed record EnumTypeModel(string Name, string? Description, SourceSpan Span, EquatableArray<EnumMemberModel> Members, EquatableArray<string> TerminalValues);

/// <summary>One value of a string enum.</summary>
internal sealed record EnumMemberModel(string Value, string MemberName);

/// <summary>The C# shape of a value.</summary>
internal enum ValueKind
{
    String,
    Number,
    Int32,
    Int64,
    Boolean,
    Object,
    Enum,
    Array,
    Time,
    EpochTime,
    Any,
}

/// <summary>The type of a property or array item, with the schema rules its values must keep.</summary>
/// <param name="Kind">The shape.</param>
/// <param name="TypeName">The generated type, for Object and Enum.</param>
/// <param name="TimeFormat">The wire format, for Time.</param>
/// <param name="Item">The item type, for Array.</param>
/// <param name="Rules">The rules on the value itself (for an array: on the array; its items carry their own).</param>
internal sealed record ValueTypeModel(ValueKind Kind, string? TypeName, string? TimeFormat, ValueTypeModel? Item, ValueRules Rules);

/// <summary>The validation keywords of one value.</summary>
internal sealed record ValueRules(
    string? Minimum,
    bool ExclusiveMinimum,
    string? Maximum,
    bool ExclusiveMaximum,
    EquatableArray<string> AllowedValues,
    string? Pattern,
    bool IsUri,
    int? MinLength,
    int? MaxLength,
    int? MinItems,
    int? MaxItems)
{
    public static readonly ValueRules None = new(null, false, null, false, EquatableArray<string>.Empty, null, false, null, null, null, null);
}

/// <summary>One property of an object schema.</summary>
internal sealed record PropertyModel(
    string WireName,
    string Name,
    ValueTypeModel Type,
    bool Required,
    string? Description,
    string? DefaultText,
    string? FixedValue)
{
    public ValueRules Rules => Type.Rules;
}

/// <summary>An endpoint call declared in x-dashscope-operations.</summary>
internal sealed record OperationModel(
    string Name,
    string? Description,
    string Method,
    string Path,
    bool IsAsync,
    string Model,
    string RequestType,
    string ResponseType,
    string? TaskType,
    string? SubmissionTaskIdAccess);

/// <summary>The task query/cancel/list endpoints and the task protocol from x-dashscope-tasks.</summary>
internal sealed record TaskEndpointsModel(
    string QueryPath,
    string CancelPath,
    string CancelResponseType,
    string ListPath,
    string? ListQueryType,
    string ListResponseType,
    EquatableArray<string> TerminalStatuses,
    string SuccessStatus,
    int RecommendedPollIntervalSeconds,
    string TaskType,
    string TaskIdAccess,
    string StatusAccess,
    string? CodeAccess,
    string? MessageAccess,
    string? RequestIdAccess);

/// <summary>A documented error code, for the generated constants.</summary>
internal sealed record ErrorCodeModel(string Name, string Code, string? Description);

/// <summary>The outcome of reading one schema file: a model, or diagnostics, or both.</summary>
internal sealed record SchemaParseResult(string FilePath, SourceSpan Root, ServiceModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
