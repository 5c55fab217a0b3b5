namespace DashScope.Toolkit.Resilience;

/// <summary>
/// Tells the client, by a mark on the request it sends, that the resilience pipeline repeats 429s (the standard
/// pipeline always has a retry, and <see cref="DashScopeRetryRule"/> lets it repeat a throttled submit), so a
/// throttled submit is repeated by one layer and not by both.
/// </summary>
public sealed class ThrottlingRetryMarker : DelegatingHandler
{
    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ThrottlingRetries.MarkRetriedByPipeline(request);
        return base.SendAsync(request, cancellationToken);
    }
}
