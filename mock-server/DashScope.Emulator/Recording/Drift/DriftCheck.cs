using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DashScope.Emulator.Http;
using DashScope.Emulator.Schema;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Recording.Drift;

/// <summary>
/// Replays a cassette's requests against a target (an emulator, or any server speaking the API) and reports, field by
/// field, where the target's answers differ from the recorded ones; for each recorded task, it polls the target's task
/// at the offsets the recording's polls were made and compares the status sequence and when each status was seen.
/// </summary>
public static class DriftCheck
{
    // Polls after the recorded ones, when the target's task has not finished yet; then the check stops waiting.
    private const int ExtraPolls = 40;

    /// <summary>Runs the check.</summary>
    /// <param name="cassette">The recording.</param>
    /// <param name="target">Where to replay it.</param>
    /// <param name="schema">The schema that names the task query path and the stored-file URLs; the embedded one when null.</param>
    /// <param name="cancellationToken">Stops the check.</param>
    /// <returns>The report.</returns>
    public static async Task<DriftReport> RunAsync(Cassette cassette, DriftTarget target, LivePortraitSchema? schema = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cassette);
        ArgumentNullException.ThrowIfNull(target);
        schema ??= LivePortraitSchema.LoadEmbedded();
        var run = new Run(cassette, target, schema);
        foreach (var exchange in cassette.Exchanges.OrderBy(e => e.Id))
        {
            await run.ReplayAsync(exchange, cancellationToken).ConfigureAwait(false);
        }

        return run.Report();
    }

    /// <summary>One check's state: the target's task ids by recorded task id, the differences so far, the skipped exchanges.</summary>
    private sealed class Run(Cassette cassette, DriftTarget target, LivePortraitSchema schema)
    {
        private readonly EndpointRouter _router = new(schema);
        private readonly Dictionary<string, string> _taskIds = new(StringComparer.Ordinal);
        private readonly List<(string Subject, string Field, DriftKind Kind, string? Recorded, string? Actual, int Exchange)> _found = [];
        private readonly List<DriftSkip> _skipped = [];
        private int _exchanges;
        private int _tasks;

        public async Task ReplayAsync(CassetteExchange exchange, CancellationToken cancellationToken)
        {
            if (SkipReason(exchange) is { } reason)
            {
                _skipped.Add(new DriftSkip(exchange.Id, reason));
                return;
            }

            var path = exchange.Request.Path;
            foreach (var (recorded, actual) in _taskIds)
            {
                path = path.Replace(recorded, actual, StringComparison.Ordinal);
            }

            var (status, body, text) = await SendAsync(exchange.Request, path, cancellationToken).ConfigureAwait(false);
            _exchanges++;
            var subject = Subject(exchange.Request);
            Add(subject, exchange.Id, AnswerComparer.Compare(exchange.Response, status, body, text));

            if (cassette.TaskSubmittedBy(exchange.Id) is { } task && status == 200 && CassetteRecorder.TaskIdOf(body) is { } taskId)
            {
                _taskIds[task.TaskId] = taskId;
                await CompareTimelineAsync(exchange.Id, task, taskId, cancellationToken).ConfigureAwait(false);
            }
        }

        public DriftReport Report() => new(
            target.Root.ToString(),
            _exchanges,
            _tasks,
            _found.GroupBy(f => (f.Subject, f.Field, f.Kind, f.Recorded, f.Actual))
                .Select(g => new DriftDifference(g.Key.Subject, g.Key.Field, g.Key.Kind, g.Key.Recorded, g.Key.Actual, g.Select(f => f.Exchange).Distinct().Order().ToArray()))
                .ToArray(),
            _skipped.ToArray());

        private string? SkipReason(CassetteExchange exchange)
        {
            if (exchange.Request.Path == CassetteRequest.StoragePath)
            {
                return "a storage form post: the cassette keeps the file's hash, not its bytes";
            }

            if (schema.Description.Uploads is { } uploads && JsonShape.Leaves(exchange.Request.Body).Values.Any(v => v.Length > 2 && uploads.IsStoredFileUrl(v.Trim('"'))))
            {
                return "it names files stored by an upload, which the target does not have";
            }

            _router.Resolve(exchange.Request.Method, exchange.Request.Path, out _, out var pathTask);
            var recordedTask = cassette.Tasks.FirstOrDefault(t => t.TaskId == pathTask);
            if (recordedTask is not null && !_taskIds.ContainsKey(recordedTask.TaskId))
            {
                return $"it names task {recordedTask.TaskId}, which the target did not create";
            }

            return null;
        }

        private async Task CompareTimelineAsync(int exchangeId, CassetteTask recorded, string taskId, CancellationToken cancellationToken)
        {
            _tasks++;
            var query = schema.Description.Operations.First(o => o.Kind == OperationKind.TaskQuery);
            var path = schema.BasePath + query.Path[..query.Path.IndexOf('{', StringComparison.Ordinal)] + Uri.EscapeDataString(taskId);
            var probes = recorded.Timeline.SelectMany(e => new[] { e.FirstSeen, e.LastSeen }).Distinct().Order().ToList();
            var seen = new List<(string Status, double First, double Last, int Status2, JsonNode? Body, string? Text)>();
            var elapsed = 0.0;
            var recordedEndsTerminal = recorded.Timeline.Count > 0 && schema.TerminalStatuses.Contains(recorded.Timeline[^1].Status);
            var interval = schema.Description.Tasks?.RecommendedPollIntervalSeconds ?? TaskProtocolDescription.DefaultPollIntervalSeconds;
            for (var i = 0; i < probes.Count + ExtraPolls; i++)
            {
                if (i >= probes.Count && (!recordedEndsTerminal || (seen.Count > 0 && schema.TerminalStatuses.Contains(seen[^1].Status))))
                {
                    break;
                }

                double at = i < probes.Count ? probes[i] : elapsed + interval;
                await target.WaitAsync(TimeSpan.FromSeconds(at - elapsed), cancellationToken).ConfigureAwait(false);
                elapsed = at;
                var (status, body, text) = await SendAsync(new CassetteRequest { Method = "GET", Path = path, Authorization = "Bearer" }, path, cancellationToken).ConfigureAwait(false);
                var taskStatus = CassetteRecorder.StatusOf(body) ?? $"HTTP {status}";
                if (seen.Count > 0 && seen[^1].Status == taskStatus)
                {
                    seen[^1] = seen[^1] with { Last = at };
                }
                else
                {
                    seen.Add((taskStatus, at, at, status, body, text));
                }
            }

            var subject = $"task of exchange {exchangeId}";
            var recordedSequence = string.Join(" → ", recorded.Timeline.Select(e => e.Status));
            var actualSequence = string.Join(" → ", seen.Select(e => e.Status));
            if (recordedSequence != actualSequence)
            {
                _found.Add((subject, "status sequence", DriftKind.StatusSequence, recordedSequence, actualSequence, exchangeId));
            }

            foreach (var entry in recorded.Timeline)
            {
                var match = seen.FirstOrDefault(s => s.Status == entry.Status);
                if (match.Status is null)
                {
                    continue;
                }

                if (match.First != entry.FirstSeen || match.Last != entry.LastSeen)
                {
                    _found.Add((subject, entry.Status, DriftKind.Timing, Window(entry.FirstSeen, entry.LastSeen), Window(match.First, match.Last), exchangeId));
                }

                Add($"{subject}, {entry.Status}", exchangeId, AnswerComparer.Compare(entry.Response, match.Status2, match.Body, match.Text));
            }
        }

        private async Task<(int Status, JsonNode? Body, string? Text)> SendAsync(CassetteRequest recorded, string path, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(new HttpMethod(recorded.Method), new Uri(target.Root, path.TrimStart('/') + (recorded.Query is { } q ? "?" + q : "")));
            if (recorded.Body is not null || recorded.Text is not null)
            {
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(recorded.Body?.ToJsonString() ?? recorded.Text!));
            }

            foreach (var (name, value) in recorded.Headers)
            {
                if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    if (request.Content is not null && MediaTypeHeaderValue.TryParse(value, out var type))
                    {
                        request.Content.Headers.ContentType = type;
                    }
                }
                else
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }
            }

            if (recorded.Authorization is { } scheme)
            {
                request.Headers.Authorization = target.Authorization(scheme);
            }

            using var response = await target.Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return ((int)response.StatusCode, bytes.Length == 0 ? null : JsonNode.Parse(bytes), null);
            }
            catch (JsonException)
            {
                return ((int)response.StatusCode, null, Encoding.UTF8.GetString(bytes));
            }
        }

        // The schema's operation key, resolved by the pipeline's own router; the path itself when no operation has it.
        private string Subject(CassetteRequest request) =>
            $"{request.Method} {_router.Resolve(request.Method, request.Path, out _, out _)?.Name ?? request.Path}";

        private void Add(string subject, int exchange, IEnumerable<(string Field, DriftKind Kind, string? Recorded, string? Actual)> differences)
        {
            foreach (var d in differences)
            {
                _found.Add((subject, d.Field, d.Kind, d.Recorded, d.Actual, exchange));
            }
        }

        private static string Window(double first, double last) => first == last ? $"+{first:0.###} s" : $"+{first:0.###} s to +{last:0.###} s";
    }
}
