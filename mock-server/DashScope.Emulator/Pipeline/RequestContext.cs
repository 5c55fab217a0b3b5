using DashScope.Emulator.Schema;
using DashScope.Emulator.Validation;
using Newtonsoft.Json.Linq;
using WireMock;

namespace DashScope.Emulator.Pipeline;

/// <summary>
/// One API request on its way through the pipeline: what it is (method, path, the WireMock message) and what
/// the stages have learnt about it so far. One small object per request; the stages fill it in order.
/// </summary>
internal sealed class RequestContext
{
    private Func<string, string?>? _headerLookup;

    public RequestContext(string method, string path)
    {
        Method = method;
        Path = path;
    }

    public string Method { get; }

    /// <summary>The path the route was resolved from.</summary>
    public string Path { get; }

    /// <summary>The request as WireMock read it; null while the connection gate looks at it, before WireMock.</summary>
    public IRequestMessage? Message { get; set; }

    /// <summary>True once the route stage has looked the path up (it does so at most once per request).</summary>
    public bool IsRouted { get; private set; }

    /// <summary>The schema operation the method and path name; null for an unknown path or a wrong method.</summary>
    public OperationDefinition? Operation { get; private set; }

    /// <summary>For an unmatched request: true when the path exists with another method (405), false when it does not (404).</summary>
    public bool PathKnown { get; private set; }

    /// <summary>The path's one parameter, e.g. the task id of <c>/tasks/{task_id}</c>.</summary>
    public string? PathParameter { get; private set; }

    /// <summary>True when the connection gate declined to let WireMock read a body whose Content-Length is over the limit.</summary>
    public bool BodyWithheld { get; set; }

    public string RequestId { get; set; } = "";

    public string? ApiKey { get; set; }

    public string? AccountId { get; set; }

    /// <summary>A header problem found with the others but answered after the key and rate limit (403, content type).</summary>
    public DashScopeError? DeferredHeaderError { get; set; }

    /// <summary>A failure the body check already gave the task a submit will create (a malformed media URL answered as a FAILED task).</summary>
    public DashScopeError? UrlTaskFailure { get; set; }

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

    /// <summary>A request header's first value, by exact name and then case-insensitively.</summary>
    public string? Header(string name)
    {
        var headers = Message?.Headers;
        if (headers is null)
        {
            return null;
        }

        if (headers.TryGetValue(name, out var values))
        {
            return values.Count > 0 ? values[0] : null;
        }

        // WireMock's headers are a Dictionary: walked as one, its enumerator is a struct, not a boxed one per lookup
        // (each request asks for headers it does not carry, e.g. a poll for its content type).
        if (headers is Dictionary<string, WireMock.Types.WireMockList<string>> dictionary)
        {
            foreach (var (key, value) in dictionary)
            {
                if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                {
                    return value.Count > 0 ? value[0] : null;
                }
            }

            return null;
        }

        foreach (var (key, value) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value.Count > 0 ? value[0] : null;
            }
        }

        return null;
    }

    /// <summary>The path and query the journal records for this request.</summary>
    public string JournalPath()
    {
        var path = Message?.Path ?? Path;
        if (Operation is null)
        {
            // Unmatched requests have always been journalled by path alone.
            return path;
        }

        var query = Message?.RawQuery;
        return string.IsNullOrEmpty(query) ? path : path + (query.StartsWith('?') ? query : "?" + query);
    }
}
