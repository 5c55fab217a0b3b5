namespace DashScope.Emulator;

/// <summary>One request the emulator answered, as the request journal records it.</summary>
/// <param name="Sequence">Order of arrival, from 1.</param>
/// <param name="ReceivedAt">When it arrived, on the emulator's clock.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path and query.</param>
/// <param name="Endpoint">The DashScope endpoint it matched, if any.</param>
/// <param name="AccountId">The account of its API key, once the key was recognised.</param>
/// <param name="StatusCode">HTTP status of the answer (0 when the connection was dropped).</param>
/// <param name="ErrorCode">DashScope error code of the answer, if it was an error.</param>
/// <param name="RequestId">The request id the answer carried.</param>
/// <param name="TaskId">The task it created or named, if any.</param>
/// <param name="Fault">The scripted fault applied to it, if any.</param>
public sealed record JournalEntry(
    long Sequence,
    DateTimeOffset ReceivedAt,
    string Method,
    string Path,
    EmulatorEndpoint? Endpoint,
    string? AccountId,
    int StatusCode,
    string? ErrorCode,
    string? RequestId,
    string? TaskId,
    string? Fault)
{
    /// <summary>Real milliseconds the emulator took to answer, from the pipeline's first stage to its answer (a scripted delay included).</summary>
    public double? LatencyMilliseconds { get; init; }
}
