namespace DashScope.Emulator.Faults;

/// <summary>The endpoint a fault is being scripted for; say how many requests it hits with <see cref="Next"/>.</summary>
public sealed class FaultTarget
{
    private readonly Func<FaultRule, FaultRule> _add;

    internal FaultTarget(EmulatorEndpoint endpoint, Func<FaultRule, FaultRule> add)
    {
        Endpoint = endpoint;
        _add = add;
    }

    /// <summary>The endpoint.</summary>
    public EmulatorEndpoint Endpoint { get; }

    /// <summary>The fault applies to the next <paramref name="count"/> requests to the endpoint.</summary>
    public FaultPlan Next(int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new FaultPlan(Endpoint, count, _add);
    }
}

/// <summary>How many requests a fault hits; finish it with what it does.</summary>
public sealed class FaultPlan
{
    private readonly EmulatorEndpoint _endpoint;
    private readonly int _count;
    private readonly Func<FaultRule, FaultRule> _add;

    internal FaultPlan(EmulatorEndpoint endpoint, int count, Func<FaultRule, FaultRule> add)
    {
        _endpoint = endpoint;
        _count = count;
        _add = add;
    }

    /// <summary>
    /// Answers with this status and body (DashScope's envelope for the status when <paramref name="body"/> is null; no
    /// body for 204, 205 and 304, which HTTP gives none).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not a final HTTP status (200-599).</exception>
    public FaultRule RespondWith(int statusCode, string? body = null)
    {
        if (!IsFinalStatus(statusCode))
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "Not a final HTTP status (200-599).");
        }

        return _add(new FaultRule(NewId(), _endpoint, FaultKind.Respond, _count, statusCode, body));
    }

    /// <summary>
    /// True for a status a scripted answer may have: a final HTTP status, 200 to 599. A 1xx status is never a final
    /// answer (a client would wait for the real one).
    /// </summary>
    internal static bool IsFinalStatus(int statusCode) => statusCode is >= 200 and <= 599;

    /// <summary>Answers normally after <paramref name="delay"/> on the emulator's clock.</summary>
    public FaultRule Delay(TimeSpan delay) =>
        _add(new FaultRule(NewId(), _endpoint, FaultKind.Delay, _count, Delay: delay));

    /// <summary>Closes the connection without answering.</summary>
    public FaultRule DropConnection() =>
        _add(new FaultRule(NewId(), _endpoint, FaultKind.DropConnection, _count));

    private static string NewId() => Guid.NewGuid().ToString("N")[..12];
}
