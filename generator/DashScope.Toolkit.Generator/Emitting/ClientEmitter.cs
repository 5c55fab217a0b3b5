using System.Globalization;
using System.Linq;
using DashScope.Toolkit.Generator.Model;

namespace DashScope.Toolkit.Generator.Emitting;

/// <summary>Writes the client, its options, the dependency-injection extension and the error-code constants.</summary>
internal static class ClientEmitter
{
    public const string Ct = "global::System.Threading.CancellationToken";
    public const string Http = "global::System.Net.Http";

    public static string EmitClient(ServiceModel model)
    {
        var ns = model.Namespace;
        var w = Header.Begin(model);
        var tasks = model.Tasks;

        // Written without Summary, which would escape the <see/> into text; the schema's values are escaped here.
        w.Line("/// <summary>");
        w.Line($"/// Options of <see cref=\"{model.ClientName}\"/>: API key (default: the {SourceWriter.Xml(model.ApiKeyEnvironmentVariable)} environment variable), base URL (default: {SourceWriter.Xml(model.BaseUrl)}), waiting and retries.");
        w.Line("/// </summary>");
        w.Line(Header.GeneratedCode);
        w.Line($"public sealed class {model.OptionsName} : {TypeNames.Toolkit}.DashScopeClientOptions");
        w.Line("{");
        w.Line("}");
        w.Line();

        w.Summary($"Typed client of the {model.ServiceName} API, generated from {model.SchemaFileName}. Every request is validated against the schema before it is sent.");
        w.Line(Header.GeneratedCode);
        w.Open($"public sealed partial class {model.ClientName} : {model.InterfaceName}, {TypeNames.Toolkit}.IDashScopeClientFactory<{model.ClientName}>");
        w.Line("/// <summary>The endpoint's facts as the schema states them.</summary>");
        var terminal = tasks is null ? "global::System.Array.Empty<string>()" : "new string[] { " + string.Join(", ", tasks.TerminalStatuses.Select(SourceWriter.Literal)) + " }";
        w.Line($"public static {TypeNames.Toolkit}.DashScopeServiceDescription Service {{ get; }} = new(");
        w.Line($"    {SourceWriter.Literal(model.ServiceName)},");
        w.Line($"    new global::System.Uri({SourceWriter.Literal(model.BaseUrl)}, global::System.UriKind.Absolute),");
        w.Line($"    {SourceWriter.Literal(model.ApiKeyEnvironmentVariable)},");
        w.Line($"    {(model.BaseUrlEnvironmentVariable is null ? "null" : SourceWriter.Literal(model.BaseUrlEnvironmentVariable))},");
        w.Line($"    {terminal},");
        w.Line($"    {SourceWriter.Literal(tasks?.SuccessStatus ?? string.Empty)},");
        w.Line($"    global::System.TimeSpan.FromSeconds({(tasks?.RecommendedPollIntervalSeconds ?? 15).ToString(CultureInfo.InvariantCulture)})){(model.Uploads is null ? ";" : string.Empty)}");
        if (model.Uploads is { } storage) { UploadEmitter.EmitProtocol(w, storage); }
        w.Line();
        w.Line($"private readonly {TypeNames.Toolkit}.DashScopeTransport _transport;");
        w.Line("private readonly global::Microsoft.Extensions.Logging.ILogger? _logger;");
        w.Line();
        w.Line("/// <summary>Creates a client over <paramref name=\"httpClient\"/>, which the caller owns.</summary>");
        w.Line("/// <param name=\"httpClient\">The HTTP client to send with (from IHttpClientFactory in an application).</param>");
        w.Line("/// <param name=\"options\">Key, base URL, waiting; null for defaults from the environment and the schema.</param>");
        w.Line("/// <param name=\"logger\">Optional logger; it never receives the API key.</param>");
        w.Open($"public {model.ClientName}({Http}.HttpClient httpClient, {model.OptionsName}? options = null, global::Microsoft.Extensions.Logging.ILogger<{model.ClientName}>? logger = null)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(httpClient);");
        w.Line($"Options = options ?? new {model.OptionsName}();");
        w.Line("_logger = (global::Microsoft.Extensions.Logging.ILogger?)logger ?? Options.LoggerFactory?.CreateLogger(" + SourceWriter.Literal(ns + "." + model.ClientName) + ");");
        w.Line($"_transport = new {TypeNames.Toolkit}.DashScopeTransport(httpClient, Options, Service, _logger);");
        if (model.Uploads is not null) { w.Line($"Uploader = new {TypeNames.Toolkit}.DashScopeUploader(_transport, Service.Uploads!, Options.TimeProvider);"); }
        w.Close();
        w.Line();
        w.Line("/// <summary>Creates a client over <paramref name=\"httpClient\"/> with new options adjusted by <paramref name=\"configure\"/> (what test fixtures call to create any generated client).</summary>");
        w.Line("/// <param name=\"httpClient\">The HTTP client to send with; the caller owns it.</param>");
        w.Line("/// <param name=\"configure\">Sets key, base address, clock and waiting.</param>");
        w.Open($"public static {model.ClientName} Create({Http}.HttpClient httpClient, global::System.Action<{TypeNames.Toolkit}.DashScopeClientOptions>? configure = null)");
        w.Line($"var options = new {model.OptionsName}();");
        w.Line("configure?.Invoke(options);");
        w.Line($"return new {model.ClientName}(httpClient, options);");
        w.Close();
        w.Line();
        w.Line("/// <summary>The options this client uses.</summary>");
        w.Line($"public {model.OptionsName} Options {{ get; }}");

        foreach (var op in model.Operations)
        {
            w.Line();
            if (op.Task is { } task) { EmitSubmitAndGenerate(w, model, op, task); }
            else { EmitSync(w, model, op); }
        }

        if (tasks is not null) { TaskEmitter.Emit(w, model, tasks); }
        if (model.Uploads is { } uploads) { UploadEmitter.EmitMembers(w, model, uploads); }
        w.Close();
        w.Line();
        EmitInterface(w, model);
        w.Line();

        DependencyInjectionEmitter.Emit(w, model);
        return w.ToString();
    }

    private static void EmitSync(SourceWriter w, ServiceModel model, OperationModel op)
    {
        var context = $"global::{model.Namespace}.{model.JsonContextName}.Default";
        w.Summary((op.Description ?? op.Name + ".") + $"\n{op.Method} {op.Path} (model {op.Model}), synchronous.");
        w.Line("/// <exception cref=\"global::DashScope.Toolkit.DashScopeValidationException\">The request breaks the schema; nothing was sent.</exception>");
        w.Line("/// <exception cref=\"global::DashScope.Toolkit.DashScopeApiException\">The service answered with an error envelope.</exception>");
        w.OpenMember("public async ", $"global::System.Threading.Tasks.Task<global::{model.Namespace}.{op.ResponseType}> {op.MethodName}(global::{model.Namespace}.{op.RequestType} request, {Ct} cancellationToken = default)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(request);");
        w.Line("request.Validate();");
        w.Line($"return await _transport.SendAsync({HttpMethod(op.Method)}, {SourceWriter.Literal(op.Path)}, request, {context}.{op.RequestType}, {context}.{op.ResponseType}, {TypeNames.Toolkit}.DashScopeCallMode.Sync, cancellationToken).ConfigureAwait(false);");
        w.Close();
    }

    private static void EmitSubmitAndGenerate(SourceWriter w, ServiceModel model, OperationModel op, AsyncOperationModel task)
    {
        var context = $"global::{model.Namespace}.{model.JsonContextName}.Default";
        var request = $"global::{model.Namespace}.{op.RequestType}";
        var taskType = $"global::{model.Namespace}.{task.TaskType}";
        w.Summary((op.Description ?? op.Name + ".") + $"\n{op.Method} {op.Path} (model {op.Model}) with X-DashScope-Async: enable. Returns the new task's id and status.");
        w.Line("/// <remarks>A 429 answer proves the task was not created, so only that is retried (per Options.MaxSubmitRetriesOnThrottling, after Retry-After); nothing else is resent.</remarks>");
        w.Line("/// <exception cref=\"global::DashScope.Toolkit.DashScopeValidationException\">The request breaks the schema; nothing was sent.</exception>");
        w.Line("/// <exception cref=\"global::DashScope.Toolkit.DashScopeApiException\">The service refused the task.</exception>");
        w.OpenMember("public async ", $"global::System.Threading.Tasks.Task<global::{model.Namespace}.{op.ResponseType}> {task.Names.Submit}({request} request, {Ct} cancellationToken = default)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(request);");
        w.Line("request.Validate();");
        w.Line($"return await _transport.SubmitAsync({SourceWriter.Literal(op.Path)}, request, {context}.{op.RequestType}, {context}.{op.ResponseType}, cancellationToken).ConfigureAwait(false);");
        w.Close();
        w.Line();
        w.Summary("Submits the task, then waits for it to end; returns the SUCCEEDED answer with its results.");
        w.Line("/// <param name=\"request\">The task to run; validated before anything is sent.</param>");
        w.Line("/// <param name=\"progress\">Receives the task's answer at each status change.</param>");
        w.Line("/// <param name=\"cancellationToken\">Stops waiting (the task itself keeps running on the service).</param>");
        w.Line("/// <exception cref=\"global::DashScope.Toolkit.DashScopeTaskFailedException\">The task ended FAILED, CANCELED or UNKNOWN.</exception>");
        w.Line("/// <exception cref=\"global::DashScope.Toolkit.DashScopeTaskTimeoutException\">The wait ran past Options.Wait.Timeout; the exception carries the task id.</exception>");
        w.OpenMember("public async ", $"global::System.Threading.Tasks.Task<{taskType}> {task.Names.Generate}({request} request, global::System.IProgress<{taskType}>? progress = null, {Ct} cancellationToken = default)");
        w.Line($"var submission = await {task.Names.Submit}(request, cancellationToken).ConfigureAwait(false);");
        w.Line($"return await {task.Names.WaitForCompletion}({TaskEmitter.Access("submission", task.SubmissionTaskId)}, progress, cancellationToken).ConfigureAwait(false);");
        w.Close();
    }

    /// <summary>The interface of the client's calls, repeating each one's documentation, so callers can mock the client.</summary>
    private static void EmitInterface(SourceWriter w, ServiceModel model)
    {
        var members = w.Members.ToList();
        w.Line("/// <summary>");
        w.Line($"/// The calls of <see cref=\"{model.ClientName}\"/>, to take it from dependency injection or replace it in tests.");
        w.Line("/// </summary>");
        w.Line(Header.GeneratedCode);
        w.Open($"public partial interface {model.InterfaceName}");
        var first = true;
        foreach (var (doc, signature) in members)
        {
            if (!first) { w.Line(); }
            first = false;
            foreach (var line in doc) { w.Line(line); }
            w.Line(signature + ";");
        }
        w.Close();
    }

    /// <summary>The HttpMethod property for GET or POST.</summary>
    public static string HttpMethod(string method) => $"{Http}.HttpMethod.{(method == "GET" ? "Get" : "Post")}";

    public static string EmitErrorCodes(ServiceModel model)
    {
        var w = Header.Begin(model);
        w.Summary($"The error codes the {model.ServiceName} schema documents. Compare an exception's Code with these, never its message.");
        w.Line(Header.GeneratedCode);
        w.Open($"public static class {model.ErrorCodesName}");
        var first = true;
        foreach (var code in model.ErrorCodes)
        {
            if (!first) { w.Line(); }
            first = false;
            w.Summary(code.Description is null ? code.Code : code.Code + ": " + code.Description);
            w.Line($"public const string {code.Name} = {SourceWriter.Literal(code.Code)};");
        }
        w.Close();
        return w.ToString();
    }
}
