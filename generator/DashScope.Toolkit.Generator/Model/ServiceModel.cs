using DashScope.Toolkit.Description;

namespace DashScope.Toolkit.Generator.Model;

/// <summary>Everything the emitter needs to write one schema's client: C# names and the paths to fields, never C# code.</summary>
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
    EquatableArray<ErrorCodeModel> ErrorCodes,
    UploadsModel? Uploads = null,
    int TimeZoneOffsetMinutes = 0)
{
    public string OptionsName => ClientName + "Options";

    /// <summary>The interface of the client's calls.</summary>
    public string InterfaceName => "I" + ClientName;

    public string JsonContextName => ServiceName + "JsonContext";

    public string ServiceCollectionExtensionsName => ClientName + "ServiceCollectionExtensions";

    public string ErrorCodesName => ServiceName + "ErrorCodes";

    /// <summary>The names of the generated classes besides the schema's types.</summary>
    public System.Collections.Generic.IEnumerable<string> GeneratedClassNames()
    {
        yield return ClientName;
        yield return InterfaceName;
        yield return OptionsName;
        yield return JsonContextName;
        yield return ServiceCollectionExtensionsName;
        if (ErrorCodes.Count > 0) { yield return ErrorCodesName; }
    }
}

/// <summary>An object schema that becomes a record.</summary>
/// <param name="Name">The record's name.</param>
/// <param name="Description">The schema's description.</param>
/// <param name="Pointer">The JSON pointer of its schema, to locate a diagnostic about it (positions stay out of the model).</param>
/// <param name="Properties">The record's properties.</param>
/// <param name="IsQuery">True for query parameters (the record gets ToQueryString).</param>
internal sealed record ObjectTypeModel(string Name, string? Description, string Pointer, EquatableArray<PropertyModel> Properties, bool IsQuery);

/// <summary>A string enum schema that becomes an extensible enum struct.</summary>
/// <param name="Name">The struct's name.</param>
/// <param name="Description">The schema's description.</param>
/// <param name="Pointer">The JSON pointer of its schema, to locate a diagnostic about it (positions stay out of the model).</param>
/// <param name="Members">The values and their member names.</param>
/// <param name="TerminalValues">For a task status: the statuses after which a task never changes.</param>
internal sealed record EnumTypeModel(string Name, string? Description, string Pointer, EquatableArray<EnumMemberModel> Members, EquatableArray<string> TerminalValues);

/// <summary>One value of a string enum.</summary>
internal sealed record EnumMemberModel(string Value, string MemberName);

/// <summary>The type of a property or array item, with the schema rules its values must keep.</summary>
/// <param name="Kind">The shape.</param>
/// <param name="TypeName">The generated type, for Object and Enum.</param>
/// <param name="TimeFormat">The wire format, for Time.</param>
/// <param name="Item">The item type, for Array.</param>
/// <param name="Rules">The rules on the value itself (for an array: on the array; its items carry their own).</param>
internal sealed record ValueTypeModel(ValueKind Kind, string? TypeName, string? TimeFormat, ValueTypeModel? Item, ValueRules Rules);

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

/// <summary>One step of a path to a nested field: the property to read, whether it is always there, and its shape.</summary>
internal sealed record FieldStep(string PropertyName, bool Required, ValueKind Kind);

/// <summary>An endpoint call declared in x-dashscope-operations.</summary>
/// <param name="Name">The operation's name in PascalCase.</param>
/// <param name="Description">The schema's description.</param>
/// <param name="Method">GET or POST.</param>
/// <param name="Path">The path under the API root.</param>
/// <param name="Model">The model name the body carries.</param>
/// <param name="RequestType">The request body's type.</param>
/// <param name="ResponseType">The answer's type (for an async operation: the submit answer).</param>
/// <param name="MethodName">The client method of a synchronous call (e.g. DetectFaceAsync).</param>
/// <param name="Task">For an asynchronous operation: its task and the names of its methods.</param>
internal sealed record OperationModel(
    string Name,
    string? Description,
    string Method,
    string Path,
    string Model,
    string RequestType,
    string ResponseType,
    string MethodName,
    AsyncOperationModel? Task)
{
    public bool IsAsync => Task is not null;
}

/// <summary>What an asynchronous operation adds: its task type, where the ids and statuses are, and its method names.</summary>
/// <param name="TaskType">The task query answer's type.</param>
/// <param name="SubmissionTaskId">The path to the task id in the submit answer.</param>
/// <param name="TaskId">The path to the task id in a task answer.</param>
/// <param name="Status">The path to the status in a task answer.</param>
/// <param name="Code">The path to a failed task's code, when the task type has one (else empty).</param>
/// <param name="Message">The path to a failed task's message, when the task type has one (else empty).</param>
/// <param name="RequestId">The path to the request id, when the task type has one (else empty).</param>
/// <param name="Names">The client methods of this operation.</param>
internal sealed record AsyncOperationModel(
    string TaskType,
    EquatableArray<FieldStep> SubmissionTaskId,
    EquatableArray<FieldStep> TaskId,
    EquatableArray<FieldStep> Status,
    EquatableArray<FieldStep> Code,
    EquatableArray<FieldStep> Message,
    EquatableArray<FieldStep> RequestId,
    AsyncMethodNames Names);

/// <summary>The client methods of one asynchronous operation.</summary>
internal sealed record AsyncMethodNames(string Submit, string Generate, string GetTask, string WaitForCompletion, string WatchTask, string Describe);

/// <summary>The task query/cancel/list endpoints and the task protocol from x-dashscope-tasks.</summary>
internal sealed record TaskEndpointsModel(
    string QueryMethod,
    string QueryPath,
    string CancelMethod,
    string CancelPath,
    string CancelResponseType,
    string ListMethod,
    string ListPath,
    string? ListQueryType,
    string ListResponseType,
    EquatableArray<string> TerminalStatuses,
    string SuccessStatus,
    int RecommendedPollIntervalSeconds,
    ListPagingModel? Paging = null);

/// <summary>How the task list pages: the query's page property and the answer's page, page count and items.</summary>
/// <param name="QueryPageNo">The query property that asks for a page.</param>
/// <param name="PageNo">The answer property that says which page it is.</param>
/// <param name="TotalPage">The answer property that says how many pages there are.</param>
/// <param name="Data">The answer property that holds the page's items.</param>
/// <param name="ItemType">The type of one item.</param>
internal sealed record ListPagingModel(string QueryPageNo, string PageNo, string TotalPage, string Data, string ItemType);

/// <summary>A documented error code, for the generated constants.</summary>
internal sealed record ErrorCodeModel(string Name, string Code, string? Description);

/// <summary>The outcome of reading one schema file: a model, or diagnostics.</summary>
/// <param name="FilePath">The schema file.</param>
/// <param name="Model">What to generate; null when there are problems.</param>
/// <param name="Diagnostics">The problems, located.</param>
/// <param name="Clashes">Names another schema already generates (DSG006), found once every schema is read and located only when reported.</param>
/// <param name="GenerateClient">False when the project references this client already compiled: nothing is emitted, diagnostics still are.</param>
internal sealed record SchemaParseResult(string FilePath, ServiceModel? Model, EquatableArray<DiagnosticInfo> Diagnostics, EquatableArray<TypeClash> Clashes, bool GenerateClient = true);

/// <summary>A type name this schema would generate that another schema already generates.</summary>
/// <param name="Pointer">The JSON pointer of the definition that gives the name, or null for a generated class (located at the file's start).</param>
/// <param name="Arguments">The DSG006 message arguments.</param>
internal sealed record TypeClash(string? Pointer, EquatableArray<string> Arguments);
