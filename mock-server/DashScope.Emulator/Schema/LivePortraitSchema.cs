using System.Globalization;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Schema;

/// <summary>
/// The schema the emulator runs on, read once at start-up by the shared description library
/// (<see cref="EndpointDescriptionReader"/>), so a broken schema stops the start naming its file, line and column.
/// A thin adapter: it hands the pipeline the description's facts in the shapes it uses (operations by endpoint with
/// their NJsonSchema definitions, errors by role, durations as <see cref="TimeSpan"/>) and reads nothing itself.
/// </summary>
public sealed class LivePortraitSchema
{
    private const string EmbeddedResourceName = "DashScope.Emulator.liveportrait.schema.json";

    // The shipped schema's file name, for messages about the embedded copy.
    private const string EmbeddedFileName = "liveportrait.schema.json";

    private readonly DashScopeError?[] _errors;
    private readonly DashScopeError?[] _taskErrors;
    private readonly Dictionary<EmulatorEndpoint, OperationDefinition> _operations = new();

    private LivePortraitSchema(EndpointDescription description, SchemaDocument document)
    {
        Description = description;
        Document = document;

        // Every role the emulator answers with must be in the schema: say which are missing now, not at the first request.
        description.RequireErrors(EmulatorErrorRoles.Protocol);
        description.RequireTaskErrors(EmulatorErrorRoles.Task);
        _errors = Enum.GetValues<ProtocolError>().Select(role => Find(description.Errors, ErrorRoles.KeyOf(role), withStatus: true)).ToArray();
        _taskErrors = Enum.GetValues<TaskFailure>().Select(role => Find(description.TaskErrors, ErrorRoles.KeyOf(role), withStatus: false)).ToArray();
        foreach (var role in EmulatorErrorRoles.Protocol.Where(r => _errors[(int)r] is null))
        {
            throw new SchemaDescriptionException(description.SchemaFileName, $"The schema '{description.SchemaFileName}' gives x-dashscope-errors.{ErrorRoles.KeyOf(role)} no status; the emulator answers with it, so it needs one.");
        }

        var service = description.Service;
        BasePath = service.BasePath;
        Region = service.Region;
        ApiKeyEnvironmentVariable = service.ApiKeyEnvironmentVariable;
        BaseUrlEnvironmentVariable = service.BaseUrlEnvironmentVariable ?? ServiceDescription.DefaultBaseUrlEnvironmentVariable;

        var tasks = description.Tasks;
        RetentionPeriod = TimeSpan.FromHours(tasks?.RetentionHours ?? TaskProtocolDescription.DefaultRetentionHours);
        ResultUrlValidity = TimeSpan.FromHours(tasks?.ResultUrlValidityHours ?? TaskProtocolDescription.DefaultRetentionHours);
        TerminalStatuses = tasks?.TerminalStatuses.ToArray() ?? [];
        CancelableStatuses = tasks?.CancelableStatuses.ToArray() ?? [];
        TimeZoneOffset = ParseOffset(tasks?.TimeZoneOffset ?? "+00:00");

        foreach (var operation in description.Operations)
        {
            var definition = new OperationDefinition(operation, description, document);
            _operations.Add(definition.Endpoint, definition);
        }

        Endpoints = _operations.Keys.ToArray();
        TaskTimeFormat = TaskAnswerTimeFormat(description);
    }

    /// <summary>The endpoint as the shared description reads it: operations, models, task protocol, errors.</summary>
    public EndpointDescription Description { get; }

    /// <summary>The parsed file: NJsonSchema definitions to validate against (read on first use), and places in the file.</summary>
    public SchemaDocument Document { get; }

    /// <summary>The path of the API base, e.g. <c>/api/v1</c>.</summary>
    public string BasePath { get; }

    /// <summary>The region the service lives in, reported in the task list (null when the schema names none).</summary>
    public string? Region { get; }

    /// <summary>Environment variable the SDKs read the key from.</summary>
    public string ApiKeyEnvironmentVariable { get; }

    /// <summary>Environment variable the SDKs read an alternative base URL from.</summary>
    public string BaseUrlEnvironmentVariable { get; }

    /// <summary>How long a task can be queried after it ended.</summary>
    public TimeSpan RetentionPeriod { get; }

    /// <summary>How long a result URL is served after its task ended.</summary>
    public TimeSpan ResultUrlValidity { get; }

    /// <summary>The wire names of the terminal statuses.</summary>
    public IReadOnlyList<string> TerminalStatuses { get; }

    /// <summary>The wire names of the statuses a task may be cancelled in.</summary>
    public IReadOnlyList<string> CancelableStatuses { get; }

    /// <summary>The offset the service writes its times in.</summary>
    public TimeSpan TimeZoneOffset { get; }

    /// <summary>Format of the task answers' times: that of the task query answer's first output time (DashScope's when it states none).</summary>
    public string TaskTimeFormat { get; }

    /// <summary>The operations, by endpoint: every operation the schema has.</summary>
    public IReadOnlyDictionary<EmulatorEndpoint, OperationDefinition> Operations => _operations;

    /// <summary>The endpoints of every operation, in the description's order.</summary>
    public IReadOnlyList<EmulatorEndpoint> Endpoints { get; }

    /// <summary>Loads the schema compiled into this assembly (a copy of <c>schema/liveportrait.schema.json</c>).</summary>
    /// <exception cref="SchemaDescriptionException">The schema has problems, or lacks an error the emulator answers with.</exception>
    public static LivePortraitSchema LoadEmbedded()
    {
        using var stream = typeof(LivePortraitSchema).Assembly.GetManifestResourceStream(EmbeddedResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {EmbeddedResourceName} is missing from {typeof(LivePortraitSchema).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return Parse(EmbeddedFileName, reader.ReadToEnd());
    }

    /// <summary>Loads a schema file from disk, for running against an edited schema.</summary>
    /// <param name="path">The file; problems are reported at places in it.</param>
    /// <exception cref="SchemaDescriptionException">The schema has problems (each as <c>file(line,col): DSG00N: message</c>), or lacks an error the emulator answers with.</exception>
    public static LivePortraitSchema LoadFile(string path) => Parse(path, File.ReadAllText(path));

    /// <summary>Reads a schema from its JSON text.</summary>
    /// <param name="path">The file the text came from, named in problems.</param>
    /// <param name="json">The schema's text.</param>
    /// <exception cref="SchemaDescriptionException">The schema has problems, or lacks an error the emulator answers with.</exception>
    public static LivePortraitSchema Parse(string path, string json)
    {
        var read = EndpointDescriptionReader.Read(path, json);
        var description = read.GetDescriptionOrThrow();
        return new LivePortraitSchema(description, read.Document!);
    }

    /// <summary>The synchronous error the schema lists for <paramref name="role"/>.</summary>
    /// <param name="role">The role.</param>
    public DashScopeError Error(ProtocolError role) =>
        (uint)role < (uint)_errors.Length && _errors[(int)role] is { } error ? error : throw Missing("x-dashscope-errors", ErrorRoles.KeyOf(role));

    /// <summary>The task failure the schema lists for <paramref name="role"/> (status 200: a FAILED task reports it).</summary>
    /// <param name="role">The role.</param>
    public DashScopeError TaskError(TaskFailure role) =>
        (uint)role < (uint)_taskErrors.Length && _taskErrors[(int)role] is { } error ? error : throw Missing("x-dashscope-task-errors", ErrorRoles.KeyOf(role));

    /// <summary>Finds the message the schema gives for a task error code, if it knows the code.</summary>
    /// <param name="code">An error code.</param>
    public string? TaskErrorMessageForCode(string code) => Description.FindTaskErrorByCode(code)?.Message;

    /// <summary>The entry under <paramref name="key"/> as an answer; null when absent, or when a synchronous error has no status to answer with.</summary>
    private static DashScopeError? Find(IEnumerable<ErrorEntry> entries, string key, bool withStatus) =>
        entries.FirstOrDefault(e => e.Key == key) is { } entry && (!withStatus || entry.Status is not null)
            ? new DashScopeError(entry.Status ?? 200, entry.Code, entry.Message)
            : null;

    private SchemaDescriptionException Missing(string keyword, string key) =>
        new(Description.SchemaFileName, $"The schema '{Description.SchemaFileName}' has no {keyword} entry '{key}'.");

    private static string TaskAnswerTimeFormat(EndpointDescription description)
    {
        var query = description.OfKind(OperationKind.TaskQuery).FirstOrDefault();
        var output = description.FindModel(query?.ResponseModel)?.Property(ProtocolFields.Output)?.Type.ModelName;
        return description.FindModel(output)?.Properties.FirstOrDefault(p => p.Type.Kind == ValueKind.Time)?.Type.TimeFormat
            ?? ProtocolFields.TaskTimeFormat;
    }

    private static TimeSpan ParseOffset(string offset)
    {
        // The description checks the shape (+08:00); TimeSpan.Parse does not take the sign.
        var magnitude = TimeSpan.Parse(offset[1..], CultureInfo.InvariantCulture);
        return offset[0] == '-' ? -magnitude : magnitude;
    }
}
