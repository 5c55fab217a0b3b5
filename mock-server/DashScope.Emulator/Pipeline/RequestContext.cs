using DashScope.Emulator.Schema;
using DashScope.Emulator.Validation;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace DashScope.Emulator.Pipeline;

/// <summary>
/// One API request on its way through the pipeline: what it is (method, path, the ASP.NET Core request) and what
/// the stages have learnt about it so far. One small object per request; the stages fill it in order.
/// </summary>
internal sealed class RequestContext
{
    private Func<string, string?>? _headerLookup;
    private bool _connectionClosed;

    /// <summary>An HTTP request; its path is the one ASP.NET Core decoded (<c>%2F</c> and <c>+</c> stay as sent).</summary>
    public RequestContext(HttpRequest request)
    {
        Request = request;
        Method = request.Method;
        Path = request.Path.Value is { Length: > 0 } path ? path : "/";
    }

    public string Method { get; }

    /// <summary>The path the route was resolved from.</summary>
    public string Path { get; }

    /// <summary>The HTTP request: its headers, query and body.</summary>
    public HttpRequest Request { get; }

    /// <summary>
    /// True when the client went away or the emulator closed the connection: nothing is answered, and what failed
    /// because of it is no bug.
    /// </summary>
    public bool IsAborted => _connectionClosed || Request.HttpContext.RequestAborted.IsCancellationRequested;

    /// <summary>Closes the request's connection without an answer; from then on the request counts as aborted.</summary>
    public void CloseConnection()
    {
        // Set before aborting: the server may signal RequestAborted later, on another thread.
        _connectionClosed = true;
        Request.HttpContext.Abort();
    }

    /// <summary>True once the route stage has looked the path up (it does so at most once per request).</summary>
    public bool IsRouted { get; private set; }

    /// <summary>The schema operation the method and path name; null for an unknown path or a wrong method.</summary>
    public OperationDefinition? Operation { get; private set; }

    /// <summary>For an unmatched request: true when the path exists with another method (405), false when it does not (404).</summary>
    public bool PathKnown { get; private set; }

    /// <summary>The path's one parameter, e.g. the task id of <c>/tasks/{task_id}</c>.</summary>
    public string? PathParameter { get; private set; }

    public string RequestId { get; set; } = "";

    public string? ApiKey { get; set; }

    public string? AccountId { get; set; }

    /// <summary>A header problem found with the others but answered after the key and rate limit (403, content type).</summary>
    public DashScopeError? DeferredHeaderError { get; set; }

    /// <summary>A failure the body check already gave the task a submit will create (a malformed media URL answered as a FAILED task).</summary>
    public DashScopeError? UrlTaskFailure { get; set; }

    /// <summary>True when the body is over the size limit or could not be read: the size stage refuses it in its turn.</summary>
    public bool BodyRefused { get; set; }

    /// <summary>The body as text, once the size stage has read it.</summary>
    public string? Body { get; set; }

    /// <summary>The values the handlers read from the body as validated, for operations that take one.</summary>
    public ValidatedBody? Values { get; set; }

    /// <summary>The body as validated, as a Newtonsoft tree made on first use (the handlers read <see cref="Values"/>).</summary>
    public JObject? ValidBody => Values?.AsTree();

    /// <summary>The scripted fault applied, as the journal shows it.</summary>
    public string? Fault { get; set; }

    /// <summary>Looks headers up by name for the header validator; made once per request.</summary>
    public Func<string, string?> HeaderLookup => _headerLookup ??= Header;

    public void SetRoute(OperationDefinition? operation, bool pathKnown, string? pathParameter)
    {
        Operation = operation;
        PathKnown = pathKnown;
        PathParameter = pathParameter;
        IsRouted = true;
    }

    /// <summary>A request header's first value, by name in any case; null when the header is absent.</summary>
    public string? Header(string name) =>
        Request.Headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    /// <summary>
    /// Each query parameter's name and first value, as ASP.NET Core parses the query: names in any case, a name sent
    /// twice read once, a value read whole (commas included).
    /// </summary>
    public IEnumerable<KeyValuePair<string, string?>> QueryValues()
    {
        foreach (var (name, values) in Request.Query)
        {
            yield return new(name, values.Count > 0 ? values[0] : null);
        }
    }

    /// <summary>The path and query the journal records for this request.</summary>
    public string JournalPath()
    {
        if (Operation is null)
        {
            // Unmatched requests have always been journalled by path alone.
            return Path;
        }

        var query = Request.QueryString.Value;
        return string.IsNullOrEmpty(query) ? Path : Path + query;
    }
}
