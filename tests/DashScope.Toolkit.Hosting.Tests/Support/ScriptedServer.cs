using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Toolkit.Hosting.Tests.Support;

/// <summary>
/// The primary handler of a client under test: answers each request with the next scripted answer and notes
/// what reached the wire, at which instant of the fake clock. A request past the end of the script fails the test.
/// </summary>
public sealed class ScriptedServer(FakeTimeProvider clock) : HttpMessageHandler
{
    private readonly Queue<Func<CancellationToken, Task<HttpResponseMessage>>> _script = new();
    private readonly List<Sent> _sent = [];

    /// <summary>One request as it reached the wire.</summary>
    public sealed record Sent(HttpMethod Method, string Path, bool AsyncHeader, string? Operation, DateTimeOffset At);

    public IReadOnlyList<Sent> Requests
    {
        get { lock (_sent) { return _sent.ToList(); } }
    }

    /// <summary>Answers the next request with <paramref name="status"/> and a JSON body.</summary>
    public ScriptedServer Then(HttpStatusCode status, string json, TimeSpan? retryAfter = null)
    {
        _script.Enqueue(_ =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            if (retryAfter is { } delay) { response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(delay); }
            return Task.FromResult(response);
        });
        return this;
    }

    /// <summary>Never answers the next request: it ends only when the client gives up on it.</summary>
    public ScriptedServer ThenNoAnswer()
    {
        _script.Enqueue(async cancellationToken =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new UnreachableException();
        });
        return this;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Func<CancellationToken, Task<HttpResponseMessage>> next;
        lock (_sent)
        {
            _sent.Add(new Sent(request.Method, request.RequestUri!.AbsolutePath, request.Headers.Contains("X-DashScope-Async"),
                DashScopeOperations.Of(request), clock.GetUtcNow()));
            if (!_script.TryDequeue(out next!))
            {
                throw new InvalidOperationException($"Request {_sent.Count} ({request.Method} {request.RequestUri}) is past the end of the script.");
            }
        }
        return next(cancellationToken);
    }
}
