using DashScope.Toolkit.Resilience;
using Microsoft.Extensions.Http.Resilience;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the standard resilience handler to a DashScope client's HttpClient without the risk of a duplicated task.</summary>
public static class DashScopeResilienceExtensions
{
    /// <summary>
    /// Adds the standard resilience pipeline (rate limiter, total timeout, retry, circuit breaker, attempt timeout)
    /// with one change to its retry: a request that can create a task (a POST with <c>X-DashScope-Async: enable</c>)
    /// or any other non-idempotent request is retried only after a 429, which proves the service did nothing with
    /// it; the signed upload form is never retried. Task queries and other GETs keep the standard retry of 5xx,
    /// 408, 429 and transport faults, and a <c>Retry-After</c> is waited out.
    /// </summary>
    /// <param name="builder">The builder <c>AddXxxClient</c> returned.</param>
    /// <param name="configure">Changes to the standard options. Whatever it sets, including the retry's
    /// <c>ShouldHandle</c>, the rule above is applied on top of it.</param>
    /// <returns>The standard pipeline's builder, to configure it further (the rule still applies).</returns>
    /// <remarks>
    /// The pipeline alone repeats a throttled submit: the client's own <c>MaxSubmitRetriesOnThrottling</c> loop
    /// stands aside (see <see cref="DashScope.Toolkit.ThrottlingRetries"/>), so the pipeline's
    /// <c>Retry.MaxRetryAttempts</c> is the one limit; a <c>ShouldHandle</c> of yours that refuses 429s means none are repeated.
    /// When the pipeline gives up (attempt or total timeout, open circuit, rate limiter) the client sees an
    /// <see cref="HttpRequestException"/>: a wait re-polls after it, a submit reports it without resending.
    /// Delays come from the <see cref="TimeProvider"/> registered in the service collection (the system clock
    /// unless one is registered), so tests can drive them with a fake clock.
    /// </remarks>
    public static IHttpStandardResiliencePipelineBuilder AddDashScopeResilience(this IHttpClientBuilder builder, Action<HttpStandardResilienceOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Added first, so it sits outside the pipeline and sees what the pipeline throws when it gives up.
        builder.AddHttpMessageHandler(() => new PipelineRejectionHandler());
        builder.AddHttpMessageHandler(() => new ThrottlingRetryMarker());
        var pipeline = builder.AddStandardResilienceHandler();
        if (configure is not null) { pipeline.Configure(configure); }
        // After every Configure, so that no later change of ShouldHandle can take the rule away.
        builder.Services.PostConfigure<HttpStandardResilienceOptions>(pipeline.PipelineName, options =>
            options.Retry.ShouldHandle = DashScopeRetryRule.Guard(options.Retry.ShouldHandle));
        return pipeline;
    }
}
