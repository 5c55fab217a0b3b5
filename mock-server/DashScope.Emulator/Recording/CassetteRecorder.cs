using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DashScope.Emulator.Http;
using DashScope.Emulator.Schema;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Recording;

/// <summary>
/// Builds a cassette from the exchanges a recording proxy forwards: each exchange is scrubbed and kept, except the
/// polls of tasks a recorded submit created, which become one timeline per task (each status once, with the offsets
/// from the submit at which polls first and last saw it). Thread-safe; <see cref="Snapshot"/> can be taken at any time.
/// </summary>
internal sealed class CassetteRecorder
{
    private readonly object _gate = new();
    private readonly LivePortraitSchema _schema;
    private readonly EndpointRouter _router;
    private readonly CassetteScrubber _scrubber;
    private readonly DateTimeOffset _startedAt;
    private readonly string _upstream;
    private readonly List<CassetteExchange> _exchanges = [];
    private readonly Dictionary<string, TaskRecord> _tasks = new(StringComparer.Ordinal);
    private readonly List<TaskRecord> _taskOrder = [];

    public CassetteRecorder(LivePortraitSchema schema, DateTimeOffset startedAt, Uri upstream)
    {
        _schema = schema;
        _router = new EndpointRouter(schema);
        _scrubber = new CassetteScrubber(schema.Description.Uploads);
        _startedAt = startedAt;
        _upstream = upstream.ToString();
    }

    /// <summary>How many requests were recorded, polls included.</summary>
    public int Count { get; private set; }

    public void Add(ObservedExchange observed)
    {
        var operation = _router.Resolve(observed.Method, observed.Path, out _, out var pathParameter);
        var response = Response(observed, UploadCalls.IsPolicyCall(_schema, observed.Method, observed.Path));
        lock (_gate)
        {
            Count++;
            if (operation?.Kind == OperationKind.TaskQuery && pathParameter is not null && _tasks.TryGetValue(pathParameter, out var task)
                && StatusOf(response.Body) is { } status && observed.Status == 200)
            {
                task.Saw(status, (observed.At - task.SubmittedAt).TotalSeconds, response);
                return;
            }

            var exchange = new CassetteExchange
            {
                Id = _exchanges.Count + 1,
                At = Math.Round((observed.At - _startedAt).TotalSeconds, 3),
                Request = Request(observed),
                Response = response,
            };
            _exchanges.Add(exchange);
            if (operation?.Kind == OperationKind.Async && observed.Status == 200 && TaskIdOf(response.Body) is { } taskId && !_tasks.ContainsKey(taskId))
            {
                var record = new TaskRecord(taskId, exchange.Id, observed.At);
                _tasks.Add(taskId, record);
                _taskOrder.Add(record);
            }
        }
    }

    public Cassette Snapshot()
    {
        lock (_gate)
        {
            return new Cassette
            {
                RecordedAt = _startedAt.ToUniversalTime(),
                Upstream = _upstream,
                Scrubbed = _scrubber.Summary,
                Exchanges = _exchanges.ToArray(),
                Tasks = _taskOrder.Select(t => t.ToCassette()).ToArray(),
            };
        }
    }

    private CassetteRequest Request(ObservedExchange observed)
    {
        var (body, text) = observed.Form is null ? Body(observed.RequestBody, observed.Key, isPolicy: false) : (null, null);
        return new CassetteRequest
        {
            Method = observed.Method.ToUpperInvariant(),
            Path = observed.Path,
            Query = _scrubber.Text(observed.Query, observed.Key),
            Authorization = observed.AuthorizationScheme,
            Headers = Kept(observed.RequestHeaders, observed.Key),
            Body = body,
            Text = text,
            Form = observed.Form?.Select(f => new CassetteFormField
            {
                Name = f.Name,
                Value = f.FileName is null ? _scrubber.FormValue(f.Name, f.Value, observed.Key) : null,
                FileName = f.FileName,
                Length = f.Length,
                Sha256 = f.Sha256,
            }).ToArray(),
        };
    }

    private CassetteResponse Response(ObservedExchange observed, bool isPolicy)
    {
        var (body, text) = Body(observed.ResponseBody, observed.Key, isPolicy);
        return new CassetteResponse { Status = observed.Status, Headers = Kept(observed.ResponseHeaders, observed.Key), Body = body, Text = text };
    }

    private (JsonNode? Body, string? Text) Body(byte[] bytes, string? key, bool isPolicy)
    {
        if (bytes.Length == 0)
        {
            return (null, null);
        }

        try
        {
            var node = JsonNode.Parse(bytes);
            if (node is JsonObject or JsonArray)
            {
                return (_scrubber.Json(node, key, isPolicy), null);
            }
        }
        catch (JsonException)
        {
            // Not JSON (the storage answers XML): kept as text.
        }

        return (null, _scrubber.Text(Encoding.UTF8.GetString(bytes), key));
    }

    private Dictionary<string, string> Kept(IReadOnlyDictionary<string, string> headers, string? key) =>
        headers.Where(h => ObservedExchange.IsKept(h.Key)).ToDictionary(h => h.Key, h => _scrubber.Text(h.Value, key) ?? "", StringComparer.OrdinalIgnoreCase);

    internal static string? StatusOf(JsonNode? body) => Read(body, TaskProtocolFields.TaskStatus);

    internal static string? TaskIdOf(JsonNode? body) => Read(body, TaskProtocolFields.TaskId);

    private static string? Read(JsonNode? body, IEnumerable<string> path)
    {
        var node = body;
        foreach (var name in path)
        {
            node = node is JsonObject obj ? obj[name] : null;
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }

    /// <summary>One recorded task's timeline as it grows.</summary>
    private sealed class TaskRecord(string taskId, int submittedBy, DateTimeOffset submittedAt)
    {
        private readonly List<(string Status, double First, double Last, int Polls, CassetteResponse Response)> _entries = [];

        public DateTimeOffset SubmittedAt => submittedAt;

        public void Saw(string status, double offset, CassetteResponse response)
        {
            offset = Math.Round(Math.Max(0, offset), 3);
            if (_entries.Count > 0 && _entries[^1].Status == status)
            {
                var last = _entries[^1];
                _entries[^1] = last with { Last = Math.Max(last.Last, offset), Polls = last.Polls + 1 };
                return;
            }

            _entries.Add((status, offset, offset, 1, response));
        }

        public CassetteTask ToCassette() => new()
        {
            TaskId = taskId,
            SubmittedBy = submittedBy,
            Timeline = _entries.Select(e => new CassetteTimelineEntry
            {
                Status = e.Status, FirstSeen = e.First, LastSeen = e.Last, Polls = e.Polls, Response = e.Response,
            }).ToArray(),
        };
    }
}
