using System.Globalization;
using System.Linq;
using DashScope.Toolkit.Generator.Model;

namespace DashScope.Toolkit.Generator.Emitting;

/// <summary>Writes the client, its options, the dependency-injection extension and the error-code constants.</summary>
internal static class ClientEmitter
{
    private const string Ct = "global::System.Threading.CancellationToken";
    private const string Http = "global::System.Net.Http";

    public static string EmitClient(ServiceModel model)
    {
        var ns = model.Namespace;
        var w = Header.Begin(model);
        var context = $"global::{ns}.{model.JsonContextName}.Default";
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
        w.Open($"public sealed partial class {model.ClientName}");
        w.Line("/// <summary>The endpoint's facts as the schema states them.</summary>");
        var terminal = tasks is null ? "global::System.Array.Empty<string>()" : "new string[] { " + string.Join(", ", tasks.TerminalStatuses.Select(SourceWriter.Literal)) + " }";
        w.Line($"public static {TypeNames.Toolkit}.DashScopeServiceDescription Service {{ get; }} = new(");
        w.Line($"    {SourceWriter.Literal(model.ServiceName)},");
        w.Line($"    new global::System.Uri({SourceWriter.Literal(model.BaseUrl)}, global::System.UriKind.Absolute),");
        w.Line($"    {SourceWriter.Literal(model.ApiKeyEnvironmentVariable)},");
        w.Line($"    {(model.BaseUrlEnvironmentVariable is null ? "null" : SourceWriter.Literal(model.BaseUrlEnvironmentVariable))},");
        w.Line($"    {terminal},");
        w.Line($"    {SourceWriter.Literal(tasks?.SuccessStatus ?? string.Empty)},");
        w.Line($"    global::System.TimeSpan.FromSeconds({(tasks?.RecommendedPollIntervalSeconds ?? 15).ToString(CultureInfo.InvariantCulture)}));");
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
        w.Close();
        w.Line();
        w.Line("/// <summary>The options this client uses.</summary>");
        w.Line($"public {model.OptionsName} Options {{ get; }}");

        foreach (var op in model.Operations)
        {
            w.Line();
            var request = $"global::{ns}.{op.RequestType}";
            var response = $"global::{ns}.{op.ResponseType}";
            var path = SourceWriter.Literal(op.Path);
            if (!op.IsAsync)
            {
                w.Summary((op.Description ?? op.Name + ".") + $"\n{op.Method} {op.Path} (model {op.Model}), synchronous.");
                w.Line("/// <exception cref=\"global::DashScope.Toolkit.DashScopeValidationException\">The request breaks the schema; nothing was sent.</exception>");
                w.Line("/// <exception cref=\"global::DashScope.Toolkit.DashScopeApiException\">The service answered with an error envelope.</exception>");
                w.Open($"public async global::System.Threading.Tasks.Task<{response}> {op.Name}Async({request} request, {Ct} cancellationToken = default)");
                w.Line("global::System.ArgumentNullException.ThrowIfNull(request);");
                w.Line("request.Validate();");
                w.Line($"return await _transport.SendAsync({Http}.HttpMethod.{(op.Method == "GET" ? "Get" : "Post")}, {path}, request, {context}.{op.RequestType}, {context}.{op.ResponseType}, {TypeNames.Toolkit}.DashScopeCallMode.Sync, cancellationToken).ConfigureAwait(false);");
                w.Close();
                continue;
            }

            var taskType = $"global::{ns}.{op.TaskType}";
            w.Summary((op.Description ?? op.Name + ".") + $"\n{op.Method} {op.Path} (model {op.Model}) with X-DashScope-Async: enable. Returns the new task's id and status.");
            w.Line("/// <remarks>A 429 answer proves the task was not created, so only that is retried (per Options.MaxSubmitRetriesOnThrottling, after Retry-After); nothing else is resent.</remarks>");
            w.Line("/// <exception cref=\"global::DashScope.Toolkit.DashScopeValidationException\">The request breaks the schema; nothing was sent.</exception>");
            w.Line("/// <exception cref=\"global::DashScope.Toolkit.DashScopeApiException\">The service refused the task.</exception>");
            w.Open($"public async global::System.Threading.Tasks.Task<{response}> SubmitAsync({request} request, {Ct} cancellationToken = default)");
            w.Line("global::System.ArgumentNullException.ThrowIfNull(request);");
            w.Line("request.Validate();");
            w.Line($"return await _transport.SubmitAsync({path}, request, {context}.{op.RequestType}, {context}.{op.ResponseType}, cancellationToken).ConfigureAwait(false);");
            w.Close();
            w.Line();
            w.Summary("Submits the task, then waits for it to end; returns the SUCCEEDED answer with its results.");
            w.Line("/// <param name=\"request\">The task to run; validated before anything is sent.</param>");
            w.Line("/// <param name=\"progress\">Receives the task's answer at each status change.</param>");
            w.Line("/// <param name=\"cancellationToken\">Stops waiting (the task itself keeps running on the service).</param>");
            w.Line("/// <exception cref=\"global::DashScope.Toolkit.DashScopeTaskFailedException\">The task ended FAILED, CANCELED or UNKNOWN.</exception>");
            w.Line("/// <exception cref=\"global::DashScope.Toolkit.DashScopeTaskTimeoutException\">The wait ran past Options.Wait.Timeout; the exception carries the task id.</exception>");
            w.Open($"public async global::System.Threading.Tasks.Task<{taskType}> GenerateAsync({request} request, global::System.IProgress<{taskType}>? progress = null, {Ct} cancellationToken = default)");
            w.Line("var submission = await SubmitAsync(request, cancellationToken).ConfigureAwait(false);");
            w.Line($"return await WaitForCompletionAsync({op.SubmissionTaskIdAccess}, progress, cancellationToken).ConfigureAwait(false);");
            w.Close();
        }

        if (tasks is not null)
        {
            var taskType = $"global::{ns}.{tasks.TaskType}";
            w.Line();
            w.Summary($"Reads a task: GET {tasks.QueryPath}. A task that does not exist, belongs to another account or expired reads UNKNOWN.");
            w.Open($"public async global::System.Threading.Tasks.Task<{taskType}> GetTaskAsync(string taskId, {Ct} cancellationToken = default)");
            w.Line("global::System.ArgumentException.ThrowIfNullOrWhiteSpace(taskId);");
            w.Line($"return await _transport.SendAsync({Http}.HttpMethod.Get, {TaskPath(tasks.QueryPath)}, {context}.{tasks.TaskType}, cancellationToken).ConfigureAwait(false);");
            w.Close();
            w.Line();
            w.Summary($"Cancels a task that is still PENDING: POST {tasks.CancelPath}. Any other status answers 400 UnsupportedOperation.");
            w.Open($"public async global::System.Threading.Tasks.Task<global::{ns}.{tasks.CancelResponseType}> CancelTaskAsync(string taskId, {Ct} cancellationToken = default)");
            w.Line("global::System.ArgumentException.ThrowIfNullOrWhiteSpace(taskId);");
            w.Line($"return await _transport.SendAsync({Http}.HttpMethod.Post, {TaskPath(tasks.CancelPath)}, {context}.{tasks.CancelResponseType}, cancellationToken).ConfigureAwait(false);");
            w.Close();
            w.Line();
            w.Summary($"Lists the account's tasks: GET {tasks.ListPath}.");
            if (tasks.ListQueryType is not null)
            {
                w.Open($"public async global::System.Threading.Tasks.Task<global::{ns}.{tasks.ListResponseType}> ListTasksAsync(global::{ns}.{tasks.ListQueryType}? query = null, {Ct} cancellationToken = default)");
                w.Line("query?.Validate();");
                w.Line($"return await _transport.SendAsync({Http}.HttpMethod.Get, {SourceWriter.Literal(tasks.ListPath)} + (query?.ToQueryString() ?? string.Empty), {context}.{tasks.ListResponseType}, cancellationToken).ConfigureAwait(false);");
            }
            else
            {
                w.Open($"public async global::System.Threading.Tasks.Task<global::{ns}.{tasks.ListResponseType}> ListTasksAsync({Ct} cancellationToken = default)");
                w.Line($"return await _transport.SendAsync({Http}.HttpMethod.Get, {SourceWriter.Literal(tasks.ListPath)}, {context}.{tasks.ListResponseType}, cancellationToken).ConfigureAwait(false);");
            }
            w.Close();
            w.Line();
            w.Summary("Polls the task until it ends (backoff with jitter, Retry-After honoured, transient faults re-polled within Options.Wait) and returns the SUCCEEDED answer.");
            w.Line("/// <exception cref=\"global::DashScope.Toolkit.DashScopeTaskFailedException\">The task ended FAILED (with its code and message), CANCELED or UNKNOWN.</exception>");
            w.Line("/// <exception cref=\"global::DashScope.Toolkit.DashScopeTaskTimeoutException\">The wait ran past Options.Wait.Timeout.</exception>");
            w.Open($"public global::System.Threading.Tasks.Task<{taskType}> WaitForCompletionAsync(string taskId, global::System.IProgress<{taskType}>? progress = null, {Ct} cancellationToken = default)");
            w.Line($"return {TypeNames.Toolkit}.DashScopeTaskPoller.WaitAsync(taskId, GetTaskAsync, Describe, Service, Options.Wait, Options.TimeProvider, progress, _logger, cancellationToken);");
            w.Close();
            w.Line();
            w.Summary("Yields the task's answer at each status change, ending with the terminal one (success or not: inspect its status).");
            w.Open($"public global::System.Collections.Generic.IAsyncEnumerable<{taskType}> WatchTaskAsync(string taskId, {Ct} cancellationToken = default)");
            w.Line($"return {TypeNames.Toolkit}.DashScopeTaskPoller.WatchAsync(taskId, GetTaskAsync, Describe, Service, Options.Wait, Options.TimeProvider, _logger, cancellationToken);");
            w.Close();
            w.Line();
            w.Line("/// <summary>The task-protocol fields of an answer, whatever its result shape.</summary>");
            w.Open($"public static {TypeNames.Toolkit}.DashScopeTaskSnapshot Describe({taskType} task)");
            w.Line("global::System.ArgumentNullException.ThrowIfNull(task);");
            w.Line($"return new {TypeNames.Toolkit}.DashScopeTaskSnapshot(");
            w.Line($"    {tasks.TaskIdAccess} ?? string.Empty,");
            w.Line($"    {tasks.StatusAccess} ?? string.Empty,");
            w.Line($"    {tasks.CodeAccess ?? "null"},");
            w.Line($"    {tasks.MessageAccess ?? "null"},");
            w.Line($"    {tasks.RequestIdAccess ?? "null"});");
            w.Close();
        }
        w.Close();
        w.Line();

        w.Line("/// <summary>");
        w.Line($"/// Registers <see cref=\"{model.ClientName}\"/> with IHttpClientFactory.");
        w.Line("/// </summary>");
        w.Line(Header.GeneratedCode);
        w.Open($"public static class {model.ServiceCollectionExtensionsName}");
        w.Line($"/// <summary>Adds <see cref=\"{model.ClientName}\"/> as a typed HttpClient, configured by <paramref name=\"configure\"/>.</summary>");
        w.Line("/// <returns>The HttpClient builder, to add resilience handlers or a primary handler the standard way.</returns>");
        w.Open($"public static global::Microsoft.Extensions.DependencyInjection.IHttpClientBuilder Add{model.ClientName}(this global::Microsoft.Extensions.DependencyInjection.IServiceCollection services, global::System.Action<{model.OptionsName}>? configure = null)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(services);");
        w.Line($"var options = global::Microsoft.Extensions.DependencyInjection.OptionsServiceCollectionExtensions.AddOptions<{model.OptionsName}>(services);");
        w.Line("if (configure is not null) { options.Configure(configure); }");
        w.Line($"var builder = global::Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions.AddHttpClient(services, {SourceWriter.Literal(model.Namespace + "." + model.ClientName)});");
        w.Line($"return global::Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions.AddTypedClient<{model.ClientName}>(builder, static ({Http}.HttpClient httpClient, global::System.IServiceProvider provider) => new {model.ClientName}(");
        w.Line("    httpClient,");
        w.Line($"    global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<global::Microsoft.Extensions.Options.IOptions<{model.OptionsName}>>(provider).Value,");
        w.Line($"    global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetService<global::Microsoft.Extensions.Logging.ILogger<{model.ClientName}>>(provider)));");
        w.Close();
        w.Close();
        return w.ToString();
    }

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

    private static string TaskPath(string template)
    {
        var index = template.IndexOf("{task_id}", System.StringComparison.Ordinal);
        var before = template.Substring(0, index);
        var after = template.Substring(index + "{task_id}".Length);
        return SourceWriter.Literal(before) + " + global::System.Uri.EscapeDataString(taskId)" + (after.Length > 0 ? " + " + SourceWriter.Literal(after) : string.Empty);
    }
}
