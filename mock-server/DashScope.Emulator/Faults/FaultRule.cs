namespace DashScope.Emulator.Faults;

/// <summary>What a scripted fault does to the answers of an endpoint.</summary>
public enum FaultKind
{
    /// <summary>Answer with a given status and body instead of the real answer.</summary>
    Respond,

    /// <summary>Answer normally, but only after a delay on the emulator's clock.</summary>
    Delay,

    /// <summary>Close the connection without any answer.</summary>
    DropConnection,
}

/// <summary>A scripted fault: the next <paramref name="Remaining"/> requests to <paramref name="Endpoint"/> get it.</summary>
/// <param name="Id">Id of the rule, to remove it.</param>
/// <param name="Endpoint">The endpoint whose answers it changes.</param>
/// <param name="Kind">What it does.</param>
/// <param name="Remaining">How many more requests it applies to.</param>
/// <param name="StatusCode">For <see cref="FaultKind.Respond"/>: the HTTP status.</param>
/// <param name="Body">For <see cref="FaultKind.Respond"/>: the body; null for DashScope's envelope of the status (e.g. 500 InternalError).</param>
/// <param name="Delay">For <see cref="FaultKind.Delay"/>: the added latency.</param>
public sealed record FaultRule(
    string Id,
    EmulatorEndpoint Endpoint,
    FaultKind Kind,
    int Remaining,
    int? StatusCode = null,
    string? Body = null,
    TimeSpan? Delay = null);
