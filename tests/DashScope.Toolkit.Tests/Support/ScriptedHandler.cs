using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace DashScope.Toolkit.Tests.Support;

/// <summary>One request as the scripted handler saw it, stamped with the fake clock.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? Body, DateTimeOffset At);

/// <summary>
/// An HttpMessageHandler that answers from a script, in order, and records every request. Each step
/// either builds a response or throws (a transport fault). When the script runs out, the last step repeats.
/// </summary>
public sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, HttpResponseMessage>> _steps = new();
    private readonly TimeProvider _time;
    private Func<HttpRequestMessage, HttpResponseMessage>? _last;

    public ScriptedHandler(TimeProvider time) => _time = time;

    public List<RecordedRequest> Requests { get; } = new();

    public ScriptedHandler Then(Func<HttpRequestMessage, HttpResponseMessage> step)
    {
        _steps.Enqueue(step);
        return this;
    }

    public ScriptedHandler ThenJson(HttpStatusCode status, string json, Action<HttpResponseMessage>? adjust = null) =>
        Then(_ =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            adjust?.Invoke(response);
            return response;
        });

    public ScriptedHandler ThenOk(string json) => ThenJson(HttpStatusCode.OK, json);

    public ScriptedHandler ThenThrow(Exception fault) => Then(_ => throw fault);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (Requests) { Requests.Add(new RecordedRequest(request.Method, request.RequestUri!, headers, body, _time.GetUtcNow())); }
        cancellationToken.ThrowIfCancellationRequested();
        if (_steps.TryDequeue(out var step)) { _last = step; }
        if (_last is null) { throw new InvalidOperationException("The script is empty."); }
        return _last(request);
    }
}
