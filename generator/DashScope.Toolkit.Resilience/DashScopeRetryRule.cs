using System.Net;
using Polly;
using Polly.Retry;

namespace DashScope.Toolkit.Resilience;

/// <summary>
/// Which outcomes of which requests may be retried. A task-creating or otherwise non-idempotent request that got a
/// 5xx, timed out or lost its connection may have been carried out, so sending it again could do it twice; a 429
/// proves it was not, so that alone is retried. What counts as transient is left to the predicate it guards.
/// </summary>
public static class DashScopeRetryRule
{
    /// <summary>The header that makes a DashScope call create an asynchronous task.</summary>
    public const string AsyncHeaderName = "X-DashScope-Async";

    /// <summary>Wraps <paramref name="inner"/> so that it is asked only about outcomes that are safe to retry.</summary>
    /// <param name="inner">The predicate that decides what is transient (the standard one, or yours).</param>
    public static Func<RetryPredicateArguments<HttpResponseMessage>, ValueTask<bool>> Guard(
        Func<RetryPredicateArguments<HttpResponseMessage>, ValueTask<bool>> inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        return args => MayRetry(args.Context.GetRequestMessage(), args.Outcome) ? inner(args) : new ValueTask<bool>(false);
    }

    /// <summary>True when sending <paramref name="request"/> again after <paramref name="outcome"/> cannot repeat its effect.</summary>
    /// <param name="request">The request; null (not known) is never retried.</param>
    /// <param name="outcome">Its answer or fault.</param>
    public static bool MayRetry(HttpRequestMessage? request, Outcome<HttpResponseMessage> outcome)
    {
        if (request is null) { return false; }
        // The form's body is a stream read once as it is sent; a second send would have nothing to send.
        if (DashScopeOperations.Of(request) == DashScopeOperations.UploadForm) { return false; }
        if (CanCreateTask(request) || !IsIdempotent(request.Method))
        {
            return outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests };
        }
        return true;
    }

    /// <summary>True for a submit: marked so by the client, or carrying <c>X-DashScope-Async: enable</c> whoever sent it.</summary>
    public static bool CanCreateTask(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (DashScopeOperations.Of(request) == DashScopeOperations.Submit) { return true; }
        return request.Headers.TryGetValues(AsyncHeaderName, out var values)
            && values.Any(value => string.Equals(value.Trim(), "enable", StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options
        || method == HttpMethod.Trace || method == HttpMethod.Put || method == HttpMethod.Delete;
}
