namespace DashScope.Emulator.Tasks;

/// <summary>
/// What the next submitted tasks are told to do by a test: fail with a code when they run, or stay PENDING until
/// released. Not thread-safe: the board calls it under its lock.
/// </summary>
internal sealed class SubmitPlans
{
    private int _failures;
    private string? _failureCode;
    private string? _failureMessage;
    private int _holds;

    /// <summary>How many fail and with which code, how many are held.</summary>
    public (int FailNext, string? FailCode, int HoldNext) Current => (_failures, _failures > 0 ? _failureCode : null, _holds);

    public void FailNext(int count, string code, string message)
    {
        _failures = count;
        _failureCode = code;
        _failureMessage = message;
    }

    public void HoldNext(int count) => _holds = count;

    public void Clear() => _failures = _holds = 0;

    /// <summary>Takes the plans for one new task: the failure it gets unless it already has one, and whether it is held.</summary>
    public (string? Code, string? Message, bool Held) TakeFor(string? failureCode, string? failureMessage)
    {
        if (failureCode is null && _failures > 0)
        {
            _failures--;
            failureCode = _failureCode;
            failureMessage = _failureMessage;
        }

        var held = false;
        if (_holds > 0)
        {
            _holds--;
            held = true;
        }

        return (failureCode, failureMessage, held);
    }
}
