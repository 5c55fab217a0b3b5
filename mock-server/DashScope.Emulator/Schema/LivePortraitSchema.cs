using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using DashScope.Toolkit.Description;
using NJsonSchema;

namespace DashScope.Emulator.Schema;

/// <summary>
/// The LivePortrait schema read once at start-up: the JSON Schema definitions used to validate requests
/// and headers, and the <c>x-dashscope-*</c> extensions that carry paths, models, limits, retention,
/// statuses and error texts. The emulator hard-codes none of these facts; it reads them from here.
/// </summary>
public sealed class LivePortraitSchema
{
    private const string EmbeddedResourceName = "DashScope.Emulator.liveportrait.schema.json";

    private readonly Dictionary<string, DashScopeError> _errors;
    private readonly Dictionary<string, DashScopeError> _taskErrors;
    private readonly Dictionary<EmulatorEndpoint, OperationDefinition> _operations;

    private LivePortraitSchema(JsonSchema document, JsonObject root)
    {
        Document = document;
        _errors = ReadErrors(root, "x-dashscope-errors", withStatus: true);
        _taskErrors = ReadErrors(root, "x-dashscope-task-errors", withStatus: false);

        var service = Required<JsonObject>(root, "x-dashscope-service");
        Region = service["region"]?.GetValue<string>() ?? "cn-beijing";
        ApiKeyEnvironmentVariable = service["apiKeyEnvironmentVariable"]?.GetValue<string>() ?? "DASHSCOPE_API_KEY";
        BaseUrlEnvironmentVariable = service["baseUrlEnvironmentVariable"]?.GetValue<string>() ?? "DASHSCOPE_HTTP_BASE_URL";
        BasePath = new Uri(Required<JsonValue>(service, "baseUrl").GetValue<string>()).AbsolutePath.TrimEnd('/');

        var tasks = Required<JsonObject>(root, "x-dashscope-tasks");
        RetentionPeriod = TimeSpan.FromHours(Required<JsonValue>(tasks, "retentionHours").GetValue<double>());
        ResultUrlValidity = TimeSpan.FromHours(Required<JsonValue>(tasks, "resultUrlValidityHours").GetValue<double>());
        TerminalStatuses = Required<JsonArray>(tasks, "terminalStatuses").Select(n => n!.GetValue<string>()).ToArray();
        CancelableStatuses = Required<JsonArray>(tasks, "cancelableStatuses").Select(n => n!.GetValue<string>()).ToArray();
        var offsetText = tasks["timeZone"]?["offset"]?.GetValue<string>() ?? "+00:00";
        TimeZoneOffset = TimeSpan.Parse(offsetText.TrimStart('+'), CultureInfo.InvariantCulture);
        if (offsetText.StartsWith('-'))
        {
            TimeZoneOffset = -TimeSpan.Parse(offsetText[1..], CultureInfo.InvariantCulture);
        }

        var definitions = Required<JsonObject>(root, "definitions");
        TaskTimeFormat = FindTimeFormat(definitions, "VideoSynthesisTaskOutput", "submit_time") ?? "yyyy-MM-dd HH:mm:ss.fff";
        ListFilterTimeFormat = FindTimeFormat(definitions, "TaskListQuery", "start_time") ?? "yyyyMMddHHmmss";

        _operations = new Dictionary<EmulatorEndpoint, OperationDefinition>();
        var operations = Required<JsonObject>(root, "x-dashscope-operations");
        foreach (var (name, node) in operations)
        {
            var operation = (JsonObject)node!;
            if (!Enum.TryParse<EmulatorEndpoint>(name, ignoreCase: false, out var endpoint))
            {
                // An operation this emulator does not implement yet: leave it unanswered rather than guess.
                continue;
            }

            _operations[endpoint] = ReadOperation(endpoint, name, operation, definitions, operation["rateLimit"]?["requestsPerSecond"]?.GetValue<double>())
                with { Kind = ModeKind(name, Required<JsonValue>(operation, "mode").GetValue<string>()) };
            if (endpoint == EmulatorEndpoint.VideoSynthesis)
            {
                MaxRunningTasksPerAccount = operation["maxRunningTasksPerAccount"]?.GetValue<int>() ?? 1;
            }
        }

        var taskRate = tasks["rateLimit"]?["requestsPerSecond"]?.GetValue<double>();
        _operations[EmulatorEndpoint.QueryTask] = ReadOperation(EmulatorEndpoint.QueryTask, "query", Required<JsonObject>(tasks, "query"), definitions, taskRate) with { Kind = OperationKind.TaskQuery };
        _operations[EmulatorEndpoint.CancelTask] = ReadOperation(EmulatorEndpoint.CancelTask, "cancel", Required<JsonObject>(tasks, "cancel"), definitions, taskRate) with { Kind = OperationKind.TaskCancel };
        _operations[EmulatorEndpoint.ListTasks] = ReadOperation(EmulatorEndpoint.ListTasks, "list", Required<JsonObject>(tasks, "list"), definitions, taskRate) with { Kind = OperationKind.TaskList };

        var synthesis = _operations[EmulatorEndpoint.VideoSynthesis];
        var servicePath = synthesis.Paths[0].Trim('/').Split('/').Skip(1); // drop "services"
        UserApiUniqueKey = "apikey:v1:" + string.Join(':', servicePath) + ":" + synthesis.Model;
    }

    /// <summary>The whole schema document as NJsonSchema read it (definitions resolved).</summary>
    public JsonSchema Document { get; }

    /// <summary>The path of the API base, e.g. <c>/api/v1</c>.</summary>
    public string BasePath { get; }

    /// <summary>The region the service lives in, reported in the task list.</summary>
    public string Region { get; }

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

    /// <summary>Format of submit_time, scheduled_time and end_time.</summary>
    public string TaskTimeFormat { get; }

    /// <summary>Format of the list's start_time and end_time filters.</summary>
    public string ListFilterTimeFormat { get; }

    /// <summary>How many tasks of one account run at once.</summary>
    public int MaxRunningTasksPerAccount { get; private set; } = 1;

    /// <summary>The <c>user_api_unique_key</c> the task list reports for synthesis tasks.</summary>
    public string UserApiUniqueKey { get; }

    /// <summary>The operations, by endpoint.</summary>
    public IReadOnlyDictionary<EmulatorEndpoint, OperationDefinition> Operations => _operations;

    /// <summary>Loads the schema compiled into this assembly (a copy of <c>schema/liveportrait.schema.json</c>).</summary>
    public static LivePortraitSchema LoadEmbedded()
    {
        using var stream = typeof(LivePortraitSchema).Assembly.GetManifestResourceStream(EmbeddedResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {EmbeddedResourceName} is missing from {typeof(LivePortraitSchema).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Loads a schema file from disk, for running against an edited schema.</summary>
    public static LivePortraitSchema LoadFile(string path) => Parse(File.ReadAllText(path));

    /// <summary>Reads a schema from its JSON text.</summary>
    public static LivePortraitSchema Parse(string json)
    {
        // NJsonSchema's loader is asynchronous only because it can fetch remote references;
        // this schema has local ones, so blocking here is safe and keeps start-up synchronous.
        var document = JsonSchema.FromJsonAsync(json).GetAwaiter().GetResult();
        var root = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("The schema is not a JSON object.");
        return new LivePortraitSchema(document, root);
    }

    /// <summary>The synchronous error the schema lists for <paramref name="role"/>.</summary>
    public DashScopeError Error(ProtocolError role) => Error(ErrorRoles.KeyOf(role));

    /// <summary>The task failure the schema lists for <paramref name="role"/>.</summary>
    public DashScopeError TaskError(TaskFailure role) =>
        _taskErrors.TryGetValue(ErrorRoles.KeyOf(role), out var error) ? error : throw new KeyNotFoundException($"x-dashscope-task-errors has no entry '{ErrorRoles.KeyOf(role)}'.");

    private DashScopeError Error(string key) =>
        _errors.TryGetValue(key, out var error) ? error : throw new KeyNotFoundException($"x-dashscope-errors has no entry '{key}'.");

    /// <summary>Finds the message the schema gives for a task error code, if it knows the code.</summary>
    public string? TaskErrorMessageForCode(string code) =>
        _taskErrors.Values.FirstOrDefault(e => e.Code == code)?.Message
        ?? _errors.Values.FirstOrDefault(e => e.Code == code)?.Message;

    /// <summary>Resolves a pointer such as <c>#/definitions/VideoSynthesisRequest</c> to its schema.</summary>
    public JsonSchema Resolve(string pointer)
    {
        const string prefix = "#/definitions/";
        if (!pointer.StartsWith(prefix, StringComparison.Ordinal) || !Document.Definitions.TryGetValue(pointer[prefix.Length..], out var schema))
        {
            throw new FormatException($"Cannot resolve schema pointer '{pointer}'.");
        }

        return schema;
    }

    private OperationDefinition ReadOperation(EmulatorEndpoint endpoint, string name, JsonObject operation, JsonObject definitions, double? requestsPerSecond)
    {
        var paths = new List<string> { Required<JsonValue>(operation, "path").GetValue<string>() };
        if (operation["alternatePaths"] is JsonArray alternates)
        {
            paths.AddRange(alternates.Select(a => a!.GetValue<string>()));
        }

        var requestPointer = operation["request"]?.GetValue<string>();
        var queryPointer = operation["query"]?.GetValue<string>();
        var mediaRules = new List<MediaRule>();
        if (requestPointer is not null)
        {
            CollectMediaRules(definitions, DefinitionName(requestPointer), prefix: "", mediaRules, depth: 0);
        }

        return new OperationDefinition(
            endpoint,
            name,
            Required<JsonValue>(operation, "method").GetValue<string>(),
            paths,
            operation["model"]?.GetValue<string>(),
            Resolve(Required<JsonValue>(operation, "headers").GetValue<string>()),
            requestPointer is null ? null : Resolve(requestPointer),
            queryPointer is null ? null : Resolve(queryPointer),
            requestsPerSecond,
            mediaRules);
    }

    private static OperationKind ModeKind(string operation, string mode) => mode switch
    {
        "sync" => OperationKind.Sync,
        "async" => OperationKind.Async,
        _ => throw new FormatException($"Operation '{operation}' has mode '{mode}'; the emulator knows 'sync' and 'async'."),
    };

    private static void CollectMediaRules(JsonObject definitions, string definition, string prefix, List<MediaRule> rules, int depth)
    {
        if (depth > 8 || definitions[definition]?["properties"] is not JsonObject properties)
        {
            return;
        }

        foreach (var (propertyName, node) in properties)
        {
            if (node is not JsonObject property)
            {
                continue;
            }

            var path = prefix + propertyName;
            if (property["$ref"]?.GetValue<string>() is { } reference)
            {
                CollectMediaRules(definitions, DefinitionName(reference), path + ".", rules, depth + 1);
            }
            else if (property["x-dashscope-media"] is JsonObject media)
            {
                rules.Add(new MediaRule(
                    path,
                    media["kind"]?.GetValue<string>() == "audio" ? MediaKind.Audio : MediaKind.Image,
                    (media["formats"] as JsonArray ?? new JsonArray()).Select(f => f!.GetValue<string>().ToLowerInvariant()).ToArray(),
                    media["exclusiveMaxBytes"]?.GetValue<long>(),
                    media["maxAspectRatio"]?.GetValue<double>(),
                    media["maxLongestSidePixels"]?.GetValue<int>(),
                    media["minDurationSeconds"]?.GetValue<double>(),
                    media["maxDurationSeconds"]?.GetValue<double>()));
            }
        }
    }

    private static string DefinitionName(string pointer) => pointer[(pointer.LastIndexOf('/') + 1)..];

    private static string? FindTimeFormat(JsonObject definitions, string definition, string property) =>
        definitions[definition]?["properties"]?[property]?["x-dashscope-time-format"]?.GetValue<string>();

    private static Dictionary<string, DashScopeError> ReadErrors(JsonObject root, string keyword, bool withStatus)
    {
        var result = new Dictionary<string, DashScopeError>(StringComparer.Ordinal);
        foreach (var (key, node) in Required<JsonObject>(root, keyword))
        {
            var status = withStatus ? node!["status"]!.GetValue<int>() : 200;
            result[key] = new DashScopeError(status, node!["code"]!.GetValue<string>(), node["message"]!.GetValue<string>());
        }

        return result;
    }

    private static T Required<T>(JsonObject parent, string name)
        where T : JsonNode =>
        parent[name] as T ?? throw new FormatException($"The schema lacks '{name}' (or it has the wrong type).");
}
