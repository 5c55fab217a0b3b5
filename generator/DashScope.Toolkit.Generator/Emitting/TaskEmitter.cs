using System.Linq;
using DashScope.Toolkit.Description;
using DashScope.Toolkit.Generator.Model;

namespace DashScope.Toolkit.Generator.Emitting;

/// <summary>Writes the task methods of the client: query, cancel, list, wait, watch and Describe for each asynchronous operation.</summary>
internal static class TaskEmitter
{
    private const string Ct = ClientEmitter.Ct;

    public static void Emit(SourceWriter w, ServiceModel model, TaskEndpointsModel tasks)
    {
        var asyncOperations = model.Operations.Where(o => o.Task is not null).Select(o => o.Task!).ToList();
        var first = asyncOperations[0];
        EmitGetTask(w, model, tasks, first);
        EmitCancelAndList(w, model, tasks);
        EmitWaitWatchAndDescribe(w, model, first);
        foreach (var task in asyncOperations.Skip(1))
        {
            EmitGetTask(w, model, tasks, task);
            EmitWaitWatchAndDescribe(w, model, task);
        }
    }

    /// <summary>
    /// A C# expression reading the field at <paramref name="path"/> from <paramref name="variable"/>, e.g.
    /// task.Output.TaskId; after an optional step the rest reads with '?.'. An enum ends with its Value: '.Value' on
    /// a required enum (a plain struct, where '?.' does not compile even after an optional parent, since the chain
    /// already stops at the null parent), '?.Value' on an optional one (a Nullable).
    /// </summary>
    public static string Access(string variable, EquatableArray<FieldStep> path)
    {
        var expression = variable;
        var nullable = false;
        foreach (var step in path)
        {
            expression += (nullable ? "?." : ".") + step.PropertyName;
            nullable |= !step.Required;
        }
        var last = path[path.Count - 1];
        return last.Kind == ValueKind.Enum ? expression + (last.Required ? "." : "?.") + "Value" : expression;
    }

    private static void EmitGetTask(SourceWriter w, ServiceModel model, TaskEndpointsModel tasks, AsyncOperationModel task)
    {
        var context = $"global::{model.Namespace}.{model.JsonContextName}.Default";
        w.Line();
        w.Summary($"Reads a task: {tasks.QueryMethod} {tasks.QueryPath}. A task that does not exist, belongs to another account or expired reads UNKNOWN.");
        w.OpenMember("public async ", $"global::System.Threading.Tasks.Task<global::{model.Namespace}.{task.TaskType}> {task.Names.GetTask}(string taskId, {Ct} cancellationToken = default)");
        w.Line("global::System.ArgumentException.ThrowIfNullOrWhiteSpace(taskId);");
        w.Line($"return await _transport.SendAsync({ClientEmitter.HttpMethod(tasks.QueryMethod)}, {TaskPath(tasks.QueryPath)}, {context}.{task.TaskType}, cancellationToken).ConfigureAwait(false);");
        w.Close();
    }

    private static void EmitCancelAndList(SourceWriter w, ServiceModel model, TaskEndpointsModel tasks)
    {
        var ns = model.Namespace;
        var context = $"global::{ns}.{model.JsonContextName}.Default";
        w.Line();
        w.Summary($"Cancels a task that is still PENDING: {tasks.CancelMethod} {tasks.CancelPath}. Any other status answers 400 UnsupportedOperation.");
        w.OpenMember("public async ", $"global::System.Threading.Tasks.Task<global::{ns}.{tasks.CancelResponseType}> CancelTaskAsync(string taskId, {Ct} cancellationToken = default)");
        w.Line("global::System.ArgumentException.ThrowIfNullOrWhiteSpace(taskId);");
        w.Line($"return await _transport.SendAsync({ClientEmitter.HttpMethod(tasks.CancelMethod)}, {TaskPath(tasks.CancelPath)}, {context}.{tasks.CancelResponseType}, cancellationToken).ConfigureAwait(false);");
        w.Close();
        w.Line();
        w.Summary($"Lists the account's tasks: {tasks.ListMethod} {tasks.ListPath}.");
        var list = ClientEmitter.HttpMethod(tasks.ListMethod);
        if (tasks.ListQueryType is not null)
        {
            w.OpenMember("public async ", $"global::System.Threading.Tasks.Task<global::{ns}.{tasks.ListResponseType}> ListTasksAsync(global::{ns}.{tasks.ListQueryType}? query = null, {Ct} cancellationToken = default)");
            w.Line("query?.Validate();");
            w.Line($"return await _transport.SendAsync({list}, {SourceWriter.Literal(tasks.ListPath)} + (query?.ToQueryString() ?? string.Empty), {context}.{tasks.ListResponseType}, cancellationToken).ConfigureAwait(false);");
        }
        else
        {
            w.OpenMember("public async ", $"global::System.Threading.Tasks.Task<global::{ns}.{tasks.ListResponseType}> ListTasksAsync({Ct} cancellationToken = default)");
            w.Line($"return await _transport.SendAsync({list}, {SourceWriter.Literal(tasks.ListPath)}, {context}.{tasks.ListResponseType}, cancellationToken).ConfigureAwait(false);");
        }
        w.Close();
        if (tasks.Paging is { } paging && tasks.ListQueryType is { } queryType) { EmitListAll(w, ns, queryType, tasks.ListResponseType, paging); }
    }

    private static void EmitListAll(SourceWriter w, string ns, string queryType, string responseType, ListPagingModel paging)
    {
        var item = $"global::{ns}.{paging.ItemType}";
        w.Line();
        w.Summary("Every task the query matches, page after page (from the query's page, or the first), fetched as the caller reads on; filters apply to every page.");
        w.OpenMember("public ", $"global::System.Collections.Generic.IAsyncEnumerable<{item}> ListAllTasksAsync(global::{ns}.{queryType}? query = null, {Ct} cancellationToken = default)");
        w.Line("query?.Validate();");
        w.Line("return ListAllTasksCore(query, cancellationToken);");
        w.Close();
        w.Line();
        w.Open($"private async global::System.Collections.Generic.IAsyncEnumerable<{item}> ListAllTasksCore(global::{ns}.{queryType}? query, [global::System.Runtime.CompilerServices.EnumeratorCancellation] {Ct} cancellationToken)");
        w.Line($"var page = query ?? new global::{ns}.{queryType}();");
        w.Open("while (true)");
        w.Line($"global::{ns}.{responseType} answer = await ListTasksAsync(page, cancellationToken).ConfigureAwait(false);");
        w.Line($"foreach (var item in answer.{paging.Data}) {{ yield return item; }}");
        w.Line("// An empty page ends the walk too, so a total that grows while paging cannot loop forever.");
        w.Line($"if (answer.{paging.Data}.Count == 0 || answer.{paging.PageNo} >= answer.{paging.TotalPage}) {{ yield break; }}");
        w.Line($"page = page with {{ {paging.QueryPageNo} = answer.{paging.PageNo} + 1 }};");
        w.Close();
        w.Close();
    }

    private static void EmitWaitWatchAndDescribe(SourceWriter w, ServiceModel model, AsyncOperationModel task)
    {
        var taskType = $"global::{model.Namespace}.{task.TaskType}";
        var names = task.Names;
        w.Line();
        w.Summary("Polls the task until it ends (backoff with jitter, Retry-After honoured, transient faults re-polled within Options.Wait) and returns the SUCCEEDED answer.");
        w.Line("/// <exception cref=\"global::DashScope.Toolkit.DashScopeTaskFailedException\">The task ended FAILED (with its code and message), CANCELED or UNKNOWN.</exception>");
        w.Line("/// <exception cref=\"global::DashScope.Toolkit.DashScopeTaskTimeoutException\">The wait ran past Options.Wait.Timeout.</exception>");
        w.OpenMember("public ", $"global::System.Threading.Tasks.Task<{taskType}> {names.WaitForCompletion}(string taskId, global::System.IProgress<{taskType}>? progress = null, {Ct} cancellationToken = default)");
        w.Line($"return {TypeNames.Toolkit}.DashScopeTaskPoller.WaitAsync(taskId, {names.GetTask}, {names.Describe}, Service, Options.Wait, Options.TimeProvider, progress, _logger, cancellationToken);");
        w.Close();
        w.Line();
        w.Summary("Yields the task's answer at each status change, ending with the terminal one (success or not: inspect its status).");
        w.OpenMember("public ", $"global::System.Collections.Generic.IAsyncEnumerable<{taskType}> {names.WatchTask}(string taskId, {Ct} cancellationToken = default)");
        w.Line($"return {TypeNames.Toolkit}.DashScopeTaskPoller.WatchAsync(taskId, {names.GetTask}, {names.Describe}, Service, Options.Wait, Options.TimeProvider, _logger, cancellationToken);");
        w.Close();
        w.Line();
        w.Line("/// <summary>The task-protocol fields of an answer, whatever its result shape.</summary>");
        w.Open($"public static {TypeNames.Toolkit}.DashScopeTaskSnapshot {names.Describe}({taskType} task)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(task);");
        w.Line($"return new {TypeNames.Toolkit}.DashScopeTaskSnapshot(");
        w.Line($"    {Access("task", task.TaskId)} ?? string.Empty,");
        w.Line($"    {Access("task", task.Status)} ?? string.Empty,");
        w.Line($"    {OptionalAccess("task", task.Code)},");
        w.Line($"    {OptionalAccess("task", task.Message)},");
        w.Line($"    {OptionalAccess("task", task.RequestId)});");
        w.Close();
    }

    private static string OptionalAccess(string variable, EquatableArray<FieldStep> path) => path.Count == 0 ? "null" : Access(variable, path);

    private static string TaskPath(string template)
    {
        var index = template.IndexOf("{task_id}", System.StringComparison.Ordinal);
        var before = template.Substring(0, index);
        var after = template.Substring(index + "{task_id}".Length);
        return SourceWriter.Literal(before) + " + global::System.Uri.EscapeDataString(taskId)" + (after.Length > 0 ? " + " + SourceWriter.Literal(after) : string.Empty);
    }
}
