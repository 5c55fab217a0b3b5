namespace DashScope.Toolkit;

/// <summary>
/// Who sends a throttled (429) request again. A generated client repeats a throttled submit itself
/// (<see cref="DashScopeClientOptions.MaxSubmitRetriesOnThrottling"/>) unless a handler in its HttpClient pipeline
/// says, by marking the request, that the pipeline already repeats 429s: then the answer that reaches the client
/// is the pipeline's last word, and repeating it again would multiply the attempts (3 retries in each layer make 16
/// sends, not 4).
/// </summary>
public static class ThrottlingRetries
{
    /// <summary>The key under which the mark travels in <see cref="HttpRequestMessage.Options"/>.</summary>
    public static HttpRequestOptionsKey<bool> PipelineRetriesKey { get; } = new("DashScope.Toolkit.PipelineRetriesThrottling");

    /// <summary>Marks <paramref name="request"/> as one whose 429 answers the HttpClient pipeline already retries.</summary>
    /// <param name="request">A request on its way through the pipeline.</param>
    public static void MarkRetriedByPipeline(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(PipelineRetriesKey, true);
    }

    /// <summary>True when a handler marked <paramref name="request"/> with <see cref="MarkRetriedByPipeline"/>.</summary>
    /// <param name="request">A request that has been sent.</param>
    public static bool AreRetriedByPipeline(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Options.TryGetValue(PipelineRetriesKey, out var marked) && marked;
    }
}
