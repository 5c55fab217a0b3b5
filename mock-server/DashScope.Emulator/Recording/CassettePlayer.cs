using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DashScope.Emulator.Http;
using DashScope.Emulator.Schema;
using DashScope.Toolkit.Description;
using Microsoft.AspNetCore.Http;

namespace DashScope.Emulator.Recording;

/// <summary>
/// Replays a cassette: an ASP.NET Core middleware, ahead of the emulator's own answers, that answers each API request
/// with the recorded exchange it matches (method, route, query names, shaping headers, key sent or not, body shape;
/// the closest values win among several). A recorded submit starts a replayed task under a new id whose status moves
/// along the recorded timeline on the emulator's clock, so a fake clock fast-forwards it. A request that matches
/// nothing gets a DashScope error naming the closest recorded request and how it differs.
/// </summary>
internal sealed class CassettePlayer
{
    /// <summary>The error code of a request the cassette has no answer for.</summary>
    public const string NoMatchCode = "ReplayNoMatch";

    /// <summary>Where replayed upload policies send the storage form posts.</summary>
    public const string StoragePath = LivePortraitEmulator.AdminPathPrefix + "replay-storage";

    private readonly Cassette _cassette;
    private readonly LivePortraitSchema _schema;
    private readonly TimeProvider _clock;
    private readonly EndpointRouter _router;
    private readonly Dictionary<string, int> _recordedTaskIndex;
    private readonly List<(CassetteExchange Exchange, ReplayRequest Request)> _recorded;
    private readonly ConcurrentDictionary<int, int> _uses = new();
    private readonly ConcurrentDictionary<string, ReplayedTask> _replayed = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ReplayMiss> _misses = new();
    private Uri? _self;

    public CassettePlayer(Cassette cassette, LivePortraitSchema schema, TimeProvider clock)
    {
        _cassette = cassette;
        _schema = schema;
        _clock = clock;
        _router = new EndpointRouter(schema);
        _recordedTaskIndex = cassette.Tasks.Select((t, i) => (t.TaskId, i)).ToDictionary(p => p.TaskId, p => p.i, StringComparer.Ordinal);
        _recorded = cassette.Exchanges.Select(e => (e, RequestOf(e.Request, id => _recordedTaskIndex.TryGetValue(id, out var i) ? i : null))).ToList();
    }

    public IReadOnlyList<ReplayMiss> Misses => _misses.ToArray();

    public Cassette Cassette => _cassette;

    public void ServeFrom(Uri root) => _self = root;

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var path = http.Request.Path.Value ?? "/";
        var isStorage = path.TrimEnd('/') == StoragePath;
        if (!isStorage && path.StartsWith(LivePortraitEmulator.AdminPathPrefix, StringComparison.Ordinal))
        {
            await next(http).ConfigureAwait(false);
            return;
        }

        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted).ConfigureAwait(false);
        var body = isStorage && await FormFields.ReadAsync(http.Request.ContentType, buffer.ToArray()).ConfigureAwait(false) is { } form
            ? FormShape(form)
            : ParseJson(buffer.ToArray());
        var answer = Answer(http, isStorage ? CassetteRequest.StoragePath : path, body);
        http.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers)
        {
            http.Response.Headers[name] = value;
        }

        http.Response.ContentLength = answer.Body.Length;
        await http.Response.Body.WriteAsync(answer.Body, http.RequestAborted).ConfigureAwait(false);
    }

    private ReplayedAnswer Answer(HttpContext http, string path, JsonNode? body)
    {
        var operation = _router.Resolve(http.Request.Method, path, out _, out var parameter);
        if (operation?.Kind == OperationKind.TaskQuery && parameter is not null && _replayed.TryGetValue(parameter, out var task))
        {
            return task.Now(_clock.GetUtcNow());
        }

        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = ReplayRequest.Of(
            http.Request.Method,
            Route(http.Request.Method, path, id => _replayed.TryGetValue(id, out var t) ? t.RecordedIndex : null),
            http.Request.QueryString.Value,
            headers,
            !string.IsNullOrWhiteSpace(http.Request.Headers.Authorization.ToString()),
            body);

        var match = BestMatch(request);
        if (match is null)
        {
            return Miss(http, path, request);
        }

        _uses.AddOrUpdate(match.Id, 1, (_, n) => n + 1);
        var submitted = _cassette.TaskSubmittedBy(match.Id);
        if (submitted is not null)
        {
            var id = Guid.NewGuid().ToString();
            var replayed = new ReplayedTask(id, submitted, _recordedTaskIndex[submitted.TaskId], _clock.GetUtcNow());
            _replayed[id] = replayed;
            return ReplayedAnswer.Of(match.Response, submitted.TaskId, id);
        }

        return UploadCalls.IsPolicyCall(_schema, http.Request.Method, path) && _self is not null ? ReplayedAnswer.Of(match.Response, null, null, PointStorageHere) : ReplayedAnswer.Of(match.Response, null, null);
    }

    private CassetteExchange? BestMatch(ReplayRequest request) =>
        _recorded.Where(r => r.Request.DifferencesFrom(request).Count == 0)
            .OrderByDescending(r => r.Request.SharedValues(request) == r.Request.Values.Count && r.Request.Values.Count == request.Values.Count)
            .ThenByDescending(r => r.Request.SharedValues(request))
            .ThenBy(r => _uses.GetValueOrDefault(r.Exchange.Id))
            .ThenBy(r => r.Exchange.Id)
            .Select(r => r.Exchange)
            .FirstOrDefault();

    private ReplayedAnswer Miss(HttpContext http, string path, ReplayRequest actual)
    {
        var closest = _recorded
            .Select(r => (r.Exchange, Differences: r.Request.DifferencesFrom(actual)))
            .OrderBy(r => r.Differences.Count)
            .ThenBy(r => r.Exchange.Id)
            .FirstOrDefault();
        var message = closest.Exchange is null
            ? $"The cassette has no exchanges; nothing answers {http.Request.Method} {path}."
            : $"No recorded request matches {http.Request.Method} {path}. The closest is exchange {closest.Exchange.Id} ({closest.Exchange.Request.Method} {closest.Exchange.Request.Path}), which differs in: {string.Join("; ", closest.Differences)}.";
        _misses.Enqueue(new ReplayMiss(http.Request.Method, path + http.Request.QueryString.Value, message));
        return ReplayedAnswer.Error(400, NoMatchCode, message);
    }

    private string Route(string method, string path, Func<string, int?> recordedTask)
    {
        var operation = _router.Resolve(method, path, out _, out var parameter);
        if (operation is null)
        {
            return path;
        }

        return parameter is null ? operation.Name : $"{operation.Name}({(recordedTask(parameter) is { } index ? "recorded task " + (index + 1) : "another task")})";
    }

    private ReplayRequest RequestOf(CassetteRequest request, Func<string, int?> recordedTask) =>
        ReplayRequest.Of(
            request.Method,
            request.Path == CassetteRequest.StoragePath ? request.Path : Route(request.Method, request.Path, recordedTask),
            request.Query,
            request.Headers,
            request.Authorization is not null,
            request.Form is { } form ? FormShape(form) : request.Body);

    private static JsonNode FormShape(IReadOnlyList<CassetteFormField> form)
    {
        var shape = new JsonObject();
        foreach (var field in form)
        {
            shape[field.Name] = field.FileName is null ? "value" : "file";
        }

        return shape;
    }

    private static JsonNode? ParseJson(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return JsonValue.Create(Encoding.UTF8.GetString(body));
        }
    }

    private void PointStorageHere(JsonNode body)
    {
        var uploads = _schema.Description.Uploads!;
        if (body[uploads.Policy.DataProperty] is JsonObject data)
        {
            data[uploads.Policy.Field(UploadPolicyField.UploadHost).WireName] = new Uri(_self!, StoragePath).ToString();
        }
    }
}
