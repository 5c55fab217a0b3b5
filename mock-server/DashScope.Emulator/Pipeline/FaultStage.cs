using System.Text;
using DashScope.Emulator.Faults;
using DashScope.Emulator.Http;
using DashScope.Emulator.Schema;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Pipeline;

/// <summary>
/// The one place scripted faults are taken. A dropped connection is taken by <see cref="ApiMiddleware"/> before the
/// pipeline runs, since only there can a connection be aborted; a scripted answer or a delay is taken here, in the
/// pipeline, right after the route.
/// </summary>
internal sealed class FaultStage : IRequestStage
{
    private readonly FaultScript _faults;
    private readonly TimeProvider _time;
    private readonly LivePortraitSchema _schema;
    private readonly DashScopeJson _json;
    // Never disposed: it has no timer to release, and stopping twice must stay harmless (Cancel after Dispose throws).
    private readonly CancellationTokenSource _stopping = new();
    private int _delayedRequests;

    public FaultStage(FaultScript faults, TimeProvider time, LivePortraitSchema schema, DashScopeJson json)
    {
        _faults = faults;
        _time = time;
        _schema = schema;
        _json = json;
    }

    /// <summary>True when any fault is queued; a lock-free read so fault-free requests skip the rest.</summary>
    public bool HasFaults => _faults.HasRules;

    /// <summary>How many requests a delay fault is holding right now.</summary>
    public int DelayedRequestCount => Volatile.Read(ref _delayedRequests);

    /// <summary>
    /// Closes the connection of every request a delay holds, and of any a delay would hold from now on. Called as the
    /// emulator stops, before the server does: the server's own shutdown would otherwise wait for each held request
    /// (up to its grace period) instead of ending it.
    /// </summary>
    public void CloseHeldRequests() => _stopping.Cancel();

    /// <summary>Takes a drop-connection fault for the routed request, if the endpoint's next fault is one.</summary>
    public bool TryTakeDrop(RequestContext context)
    {
        if (context.Operation is null || _faults.TryTake(context.Operation.Endpoint, static k => k == FaultKind.DropConnection) is not { } drop)
        {
            return false;
        }

        context.Fault = drop.Kind.ToString();
        return true;
    }

    public ValueTask<Answer?> RunAsync(RequestContext context)
    {
        var rule = _faults.TryTake(context.Operation!.Endpoint, static k => k != FaultKind.DropConnection);
        switch (rule)
        {
            case { Kind: FaultKind.Delay, Delay: { } delay }:
                context.Fault = $"{rule.Kind} {delay}";
                return DelayAsync(delay, context);
            case { Kind: FaultKind.Respond }:
                context.Fault = $"{rule.Kind} {rule.StatusCode}";
                return ValueTask.FromResult<Answer?>(ScriptedAnswer(rule, context.RequestId));
            default:
                return ValueTask.FromResult<Answer?>(null);
        }
    }

    private Answer ScriptedAnswer(FaultRule rule, string requestId)
    {
        var status = rule.StatusCode ?? 500;
        if (rule.Body is not null)
        {
            return Answer.Json(status, Encoding.UTF8.GetBytes(rule.Body), "ScriptedFault");
        }

        var error = status switch
        {
            429 => _schema.Error(ProtocolError.RateQuota),
            401 => _schema.Error(ProtocolError.InvalidApiKey),
            403 => _schema.Error(ProtocolError.SyncNotSupported),
            >= 400 and < 500 => _schema.Error(ProtocolError.InvalidParameter),
            _ => _schema.Error(ProtocolError.InternalError),
        };
        return _json.ErrorAnswer(error with { Status = status }, requestId);
    }

    /// <summary>
    /// Holds the request for <paramref name="delay"/> on the emulator's clock, then lets it through. A client that
    /// leaves meanwhile does not end the hold: the service goes on with a request it has read, so the task is still
    /// made. Only stopping the emulator ends it early, closing the connection without an answer.
    /// </summary>
    private async ValueTask<Answer?> DelayAsync(TimeSpan delay, RequestContext context)
    {
        // Create the timer before announcing the wait, so a test that sees the count and then advances
        // a fake clock is guaranteed to release this request.
        var wait = Task.Delay(delay, _time, _stopping.Token);
        Interlocked.Increment(ref _delayedRequests);
        try
        {
            await wait.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            context.CloseConnection();
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref _delayedRequests);
        }

        return null;
    }
}
