using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DashScope.Contract.Tests.Targets;
using DashScope.Toolkit.Description;

namespace DashScope.Contract.Tests.Schema;

/// <summary>An answer as the suites read it.</summary>
public sealed record Reply(int Status, string Text, JsonElement? Json)
{
    public string? Code => Json is { ValueKind: JsonValueKind.Object } j && j.TryGetProperty("code", out var c) ? c.GetString() : null;

    public string? Message => Json is { ValueKind: JsonValueKind.Object } j && j.TryGetProperty("message", out var m) ? m.GetString() : null;

    public string? RequestId => Json is { ValueKind: JsonValueKind.Object } j && j.TryGetProperty("request_id", out var r) ? r.GetString() : null;

    public string? Output(string name) =>
        Json is { ValueKind: JsonValueKind.Object } j && j.TryGetProperty("output", out var o) && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;
}

/// <summary>
/// Raw calls to a contract target, as any client in any language would send them, through the schema
/// validator. Paths and task statuses come from the endpoint description, so a suite names operations,
/// not URLs.
/// </summary>
public sealed class ContractClient : IDisposable
{
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(250); // under every documented rate limit

    private readonly IContractTarget _target;
    private readonly HttpClient _http;
    private readonly OperationDescription _query;
    private readonly TaskProtocolDescription? _tasks;

    public ContractClient(IContractTarget target, ContractSchema schema, AnswerLog answers, string apiKey)
    {
        _target = target;
        ApiKey = apiKey;
        Description = schema.Description;
        _query = Description.OfKind(OperationKind.TaskQuery).Single();
        _tasks = Description.Tasks;
        _http = new HttpClient(new SchemaValidatingHandler(schema, target.ApiRoot, answers, target.RejectUndeclaredFields)
        {
            InnerHandler = target.CreateTransport(),
        })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public string ApiKey { get; }

    public EndpointDescription Description { get; }

    /// <summary>The statuses that end a task, from the schema.</summary>
    public IReadOnlyList<string> TerminalStatuses => _tasks?.TerminalStatuses ?? [];

    /// <summary>Sends one raw call. <paramref name="key"/>: the session's key by default, null for no Authorization header.</summary>
    public async Task<Reply> SendAsync(HttpMethod method, string apiPath, string? json = null, string? key = "", bool asyncHeader = false, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        await _target.PassTimeAsync(Pace);
        using var request = new HttpRequestMessage(method, new Uri(_target.ApiRoot.AbsoluteUri.TrimEnd('/') + apiPath));
        var apiKey = key == "" ? ApiKey : key;
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        if (asyncHeader)
        {
            request.Headers.TryAddWithoutValidation("X-DashScope-Async", "enable");
        }

        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonElement? parsed = null;
        try
        {
            using var document = JsonDocument.Parse(text);
            parsed = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Not JSON: the schema validator has recorded it as a violation already.
        }

        return new Reply((int)response.StatusCode, text, parsed);
    }

    /// <summary>Calls <paramref name="operation"/> with a body, sending the async header when the schema says it is asynchronous.</summary>
    public Task<Reply> CallAsync(OperationDescription operation, string body) =>
        SendAsync(new HttpMethod(operation.Method), operation.Path, body, asyncHeader: operation.Kind == OperationKind.Async);

    /// <summary>Downloads a file (a result link), through the same validating transport.</summary>
    public Task<HttpResponseMessage> GetAsync(Uri url) => _http.GetAsync(url);

    public Task<Reply> QueryAsync(string taskId) => SendAsync(new HttpMethod(_query.Method), _query.Path.Replace("{task_id}", Uri.EscapeDataString(taskId), StringComparison.Ordinal));

    /// <summary>Polls until the task ends; returns every answer read.</summary>
    public async Task<List<Reply>> PollUntilTerminalAsync(string taskId)
    {
        var polls = new List<Reply>();
        await PollUntilAsync(taskId, status => TerminalStatuses.Contains(status), polls);
        return polls;
    }

    /// <summary>Polls until <paramref name="stop"/> holds for the status; returns that answer.</summary>
    public async Task<Reply> PollUntilAsync(string taskId, Func<string, bool> stop, List<Reply>? polls = null)
    {
        for (var waited = TimeSpan.Zero; waited <= _target.TaskBudget; waited += _target.PollInterval)
        {
            var answer = await QueryAsync(taskId);
            polls?.Add(answer);
            Assert.Equal(200, answer.Status);
            if (stop(answer.Output("task_status") ?? ""))
            {
                return answer;
            }

            await _target.PassTimeAsync(_target.PollInterval);
        }

        throw new Xunit.Sdk.XunitException($"Task {taskId} did not reach the expected status within {_target.TaskBudget} on {_target.Name}.");
    }

    public void Dispose() => _http.Dispose();
}
