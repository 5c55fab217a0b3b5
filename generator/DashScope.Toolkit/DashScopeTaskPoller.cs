using System.ComponentModel;
using System.Diagnostics;
using System.Net.Http;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DashScope.Toolkit;

/// <summary>The parts of a task answer that the wait loop needs, whatever the endpoint's result shape.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="Status">The status as sent on the wire.</param>
/// <param name="Code">The failure code of a FAILED task.</param>
/// <param name="Message">The failure message of a FAILED task.</param>
/// <param name="RequestId">The id of the answer.</param>
public readonly record struct DashScopeTaskSnapshot(string TaskId, string Status, string? Code, string? Message, string? RequestId);

/// <summary>
/// Polls an asynchronous DashScope task until it reaches a terminal status: exponential backoff with
/// jitter, Retry-After honoured on 429 and 503, 5xx and transport faults re-polled within a budget, an
/// overall time limit, and every delay taken from a <see cref="TimeProvider"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public static partial class DashScopeTaskPoller
{
    /// <summary>
    /// Yields the task's answer each time its status changes (the first answer always), ending with the
    /// terminal one. Throws <see cref="DashScopeTaskTimeoutException"/> past the time limit.
    /// </summary>
    public static async IAsyncEnumerable<TTask> WatchAsync<TTask>(
        string taskId,
        Func<string, CancellationToken, Task<TTask>> getTask,
        Func<TTask, DashScopeTaskSnapshot> describe,
        DashScopeServiceDescription service,
        TaskWaitOptions options,
        TimeProvider time,
        ILogger? logger,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        options.ThrowIfInvalid();
        logger ??= NullLogger.Instance;
        var maxInterval = options.MaxPollInterval ?? DashScopeTransport.Max(service.RecommendedPollInterval, options.InitialPollInterval);
        var started = time.GetTimestamp();
        using var limit = new CancellationTokenSource(options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        var telemetry = WaitTelemetry.Start(taskId, service, time);

        string? lastStatus = null;
        try
        {
            Exception? lastFault = null;
            var interval = options.InitialPollInterval;
            var failuresInARow = 0;
            while (true)
            {
                // A pause that ended at the same moment as the time limit must not start one more poll past it. The clock
                // is asked too: its timer may not have cancelled the limit yet when the pause's own timer woke this loop.
                if ((limit.IsCancellationRequested || time.GetElapsedTime(started) >= options.Timeout) && !cancellationToken.IsCancellationRequested)
                {
                    throw telemetry.Fail(Timeout(taskId, lastStatus, time, started, options, lastFault));
                }

                TTask answer = default!;
                TimeSpan? pause = null;
                try
                {
                    telemetry.Polled();
                    answer = await PollAsync(getTask, taskId, telemetry.Span, linked.Token).ConfigureAwait(false);
                    failuresInARow = 0;
                    lastFault = null;
                }
                catch (Exception fault) when (IsTransient(fault, cancellationToken, limit.Token) && failuresInARow < options.MaxConsecutiveTransientFailures)
                {
                    failuresInARow++;
                    lastFault = fault;
                    var retryAfter = (fault as DashScopeApiException)?.RetryAfter;
                    // Retry-After is a floor, never a reason to poll faster than the backoff (a "Retry-After: 0" must not make a busy loop).
                    var backoff = Jitter(interval, options);
                    pause = retryAfter is { } asked ? DashScopeTransport.Max(DashScopeTransport.Min(asked, options.MaxRetryAfter), backoff) : backoff;
                    Log.TransientFault(logger, taskId, failuresInARow, pause.Value, fault.GetType().Name);
                }
                catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw telemetry.Fail(Timeout(taskId, lastStatus, time, started, options, lastFault));
                }
                catch (Exception fault) when (telemetry.Ended(fault))
                {
                    throw; // Never reached: the filter notes the fault that ends the wait and lets it go on.
                }

                if (pause is null)
                {
                    var snapshot = describe(answer);
                    if (!string.Equals(snapshot.Status, lastStatus, StringComparison.Ordinal))
                    {
                        Log.StatusChanged(logger, taskId, lastStatus ?? "(none)", snapshot.Status);
                        lastStatus = snapshot.Status;
                        telemetry.StatusChanged(snapshot.Status);
                        yield return answer;
                    }
                    if (service.IsTerminal(snapshot.Status)) { yield break; }
                    pause = Jitter(interval, options);
                }

                interval = Grow(interval, options.BackoffMultiplier, maxInterval);
                try
                {
                    await Task.Delay(pause.Value, time, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw telemetry.Fail(Timeout(taskId, lastStatus, time, started, options, lastFault));
                }
                catch (Exception fault) when (telemetry.Ended(fault))
                {
                    throw; // Never reached: the filter notes the fault that ends the wait and lets it go on.
                }
            }
        }
        finally
        {
            telemetry.End(lastStatus);
        }
    }

    /// <summary>
    /// Waits for the task to end. Returns the answer on success; throws <see cref="DashScopeTaskFailedException"/>
    /// for FAILED, CANCELED and UNKNOWN, and <see cref="DashScopeTaskTimeoutException"/> past the time limit.
    /// </summary>
    public static async Task<TTask> WaitAsync<TTask>(
        string taskId,
        Func<string, CancellationToken, Task<TTask>> getTask,
        Func<TTask, DashScopeTaskSnapshot> describe,
        DashScopeServiceDescription service,
        TaskWaitOptions options,
        TimeProvider time,
        IProgress<TTask>? progress,
        ILogger? logger,
        CancellationToken cancellationToken)
    {
        TTask last = default!;
        var seen = false;
        await foreach (var answer in WatchAsync(taskId, getTask, describe, service, options, time, logger, cancellationToken).ConfigureAwait(false))
        {
            last = answer;
            seen = true;
            progress?.Report(answer);
        }
        if (!seen) { throw new InvalidOperationException("The wait ended without reading the task."); }
        var end = describe(last);
        if (string.Equals(end.Status, service.SuccessStatus, StringComparison.Ordinal)) { return last; }
        throw new DashScopeTaskFailedException(end.TaskId.Length > 0 ? end.TaskId : taskId, end.Status, end.Code, end.Message, end.RequestId);
    }

    /// <summary>One task query, declared as a poll of <paramref name="taskId"/> under the wait's span.</summary>
    private static async Task<TTask> PollAsync<TTask>(Func<string, CancellationToken, Task<TTask>> getTask, string taskId, Activity? wait, CancellationToken cancellationToken)
    {
        // Set in a method of its own: both marks then end with this poll, as async locals do when their method returns.
        AmbientOperation.Set(DashScopeOperations.Poll, taskId);
        if (wait is not null) { Activity.Current = wait; }
        return await getTask(taskId, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsTransient(Exception fault, CancellationToken caller, CancellationToken limit) => fault switch
    {
        DashScopeApiException api => api.IsTransient,
        HttpRequestException => true,
        // HttpClient reports its own Timeout as a cancellation that neither token asked for.
        OperationCanceledException => !caller.IsCancellationRequested && !limit.IsCancellationRequested,
        _ => false,
    };

    private static DashScopeTaskTimeoutException Timeout(string taskId, string? lastStatus, TimeProvider time, long started, TaskWaitOptions options, Exception? lastFault) =>
        new(taskId, lastStatus, time.GetElapsedTime(started), options.Timeout, lastFault);

    /// <summary>Spreads <paramref name="interval"/> by the jitter ratio, never below zero.</summary>
    internal static TimeSpan Jitter(TimeSpan interval, TaskWaitOptions options)
    {
        if (options.JitterRatio <= 0) { return interval; }
        var factor = 1 + options.JitterRatio * (2 * options.RandomSource() - 1);
        return TimeSpan.FromTicks(Math.Max(0, (long)(interval.Ticks * factor)));
    }

    private static TimeSpan Grow(TimeSpan interval, double multiplier, TimeSpan max)
    {
        var next = TimeSpan.FromTicks((long)Math.Min(interval.Ticks * multiplier, max.Ticks));
        return next < interval ? interval : next;
    }

    private static partial class Log
    {
        [LoggerMessage(10, LogLevel.Information, "Task {TaskId}: {From} -> {To}")]
        public static partial void StatusChanged(ILogger logger, string taskId, string from, string to);

        [LoggerMessage(11, LogLevel.Warning, "Task {TaskId}: poll fault {Count} in a row ({Fault}); next poll in {Delay}")]
        public static partial void TransientFault(ILogger logger, string taskId, int count, TimeSpan delay, string fault);
    }
}
