using DashScope.Emulator.Control;
using DashScope.Emulator.Faults;
using DashScope.Emulator.Tasks;

namespace DashScope.Emulator.Admin;

/// <summary>
/// Bounds on admin request values that the controls behind them would take silently or fail on deep inside
/// (a negative count, a clock moved by years, a status no HTTP answer can carry). Each check throws an
/// <see cref="ArgumentException"/> naming the field, which the admin API answers as a 400.
/// </summary>
internal static class AdminValidation
{
    /// <summary>The most requests or tasks one plan or fault may cover.</summary>
    public const int MaxCount = 10_000;

    /// <summary>The furthest one advance may move the clock: a year, well past any retention period.</summary>
    public static readonly TimeSpan MaxAdvance = TimeSpan.FromDays(366);

    public static PlanTasksRequest Plan(PlanTasksRequest plan, bool needsCode)
    {
        Count(plan.Count, "count");
        if (needsCode && string.IsNullOrWhiteSpace(plan.Code))
        {
            throw new ArgumentException("\"code\" is missing: fail-next needs the error code the tasks fail with.");
        }

        return plan;
    }

    public static TimeSpan Advance(AdvanceClockRequest advance)
    {
        if (!double.IsFinite(advance.Seconds) || advance.Seconds < 0 || advance.Seconds > MaxAdvance.TotalSeconds)
        {
            throw new ArgumentException($"\"seconds\" must be between 0 and {MaxAdvance.TotalSeconds:0} (a fake clock only moves forward).");
        }

        return TimeSpan.FromSeconds(advance.Seconds);
    }

    public static ForceTaskRequest Force(ForceTaskRequest force)
    {
        if (!Enum.IsDefined(force.Status) || force.Status == EmulatedTaskStatus.Unknown)
        {
            var allowed = Enum.GetValues<EmulatedTaskStatus>().Where(s => s != EmulatedTaskStatus.Unknown).Select(s => s.ToWireName());
            throw new ArgumentException($"\"status\" must be one of {string.Join(", ", allowed)}.");
        }

        if (force.Status == EmulatedTaskStatus.Failed && force.Code is { } code && string.IsNullOrWhiteSpace(code))
        {
            throw new ArgumentException("\"code\" is blank; leave it out for the schema's algorithm error or name a code.");
        }

        return force;
    }

    public static AddFaultRequest Fault(AddFaultRequest fault)
    {
        Count(fault.Count, "count");
        if (fault.Kind == FaultKind.Respond && fault.StatusCode is { } status && !FaultPlan.IsFinalStatus(status))
        {
            throw new ArgumentException($"\"statusCode\" {status} is not a final HTTP status (200-599).");
        }

        if (fault.Kind == FaultKind.Delay && fault.DelayMilliseconds is { } delay && (!double.IsFinite(delay) || delay < 0 || delay > MaxAdvance.TotalMilliseconds))
        {
            throw new ArgumentException($"\"delayMilliseconds\" must be between 0 and {MaxAdvance.TotalMilliseconds:0}.");
        }

        return fault;
    }

    public static Uri ImageUrl(NoFaceRequest request)
    {
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"\"url\" must be an absolute http(s) URL, not '{request.Url}'.");
        }

        return url;
    }

    private static void Count(int count, string field)
    {
        if (count is < 1 or > MaxCount)
        {
            throw new ArgumentException($"\"{field}\" must be between 1 and {MaxCount}, not {count}.");
        }
    }
}
