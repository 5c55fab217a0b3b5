using Polly;

namespace DashScope.Toolkit.Resilience;

/// <summary>
/// Sits outside the resilience pipeline and turns its refusals (an attempt or the whole request timing out, an
/// open circuit, a full rate limiter) into <see cref="HttpRequestException"/>, the transport failure DashScope
/// clients already understand: a wait re-polls after it within its budget, and a submit reports it without
/// resending, exactly as after a dropped connection.
/// </summary>
public sealed class PipelineRejectionHandler : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ExecutionRejectedException rejected) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException(
                $"The resilience pipeline gave up on {request.Method} {request.RequestUri?.GetLeftPart(UriPartial.Path)}: {rejected.GetType().Name}.", rejected);
        }
    }
}
