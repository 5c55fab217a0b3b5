namespace DashScope.Emulator;

/// <summary>How a submit without <c>X-DashScope-Async: enable</c> is answered. The schema marks its status and code unconfirmed.</summary>
public enum MissingAsyncHeaderAnswer
{
    /// <summary>403 <c>AccessDenied</c> "current user api does not support synchronous calls": the schema's <c>syncNotSupported</c> (the default).</summary>
    AccessDenied403,

    /// <summary>400 with the code of the schema's <c>invalidParameter</c> and the message of its <c>syncNotSupported</c>.</summary>
    InvalidParameter400,
}

/// <summary>How a submit whose media URL is missing, malformed or not http(s) is answered.</summary>
public enum MalformedMediaUrlAnswer
{
    /// <summary>400 <c>InvalidURL</c> at once, no task: the schema's <c>x-dashscope-errors.invalidUrl</c> (the default).</summary>
    RefuseSubmit400,

    /// <summary>A task is created and FAILS with the schema's <c>x-dashscope-task-errors.invalidUrl</c>.</summary>
    FailedTask,
}

/// <summary>How a submit whose media cannot be downloaded or fails a media limit (format, size, duration) is answered.</summary>
public enum MediaProblemAnswer
{
    /// <summary>A task is created and FAILS with the task error (<c>InvalidParameter.InputDownloadFailed</c>, …), as the reference's example shows (the default).</summary>
    FailedTask,

    /// <summary>400 with the task error's code and message at once, no task, as the synchronous face check answers.</summary>
    RefuseSubmit400,
}

/// <summary>How the task list answers a <c>page_size</c> over the query model's maximum.</summary>
public enum PageSizeOverMaximum
{
    /// <summary>400 <c>InvalidParamter.OutOfDefinition</c>, as the schema's <c>maximum</c> says (the default).</summary>
    Refuse400,

    /// <summary>The page is served at the maximum size.</summary>
    ClampToMaximum,
}

/// <summary>What the task list answers for a <c>page_no</c> past the last page.</summary>
public enum PageBeyondLast
{
    /// <summary>An empty page with the asked-for <c>page_no</c> and the real total (the default).</summary>
    EmptyPage,

    /// <summary>The last page, with its own <c>page_no</c>.</summary>
    LastPage,
}

/// <summary>How long tasks queue and run.</summary>
public enum TimingProfile
{
    /// <summary>Every task takes exactly the configured durations (the default).</summary>
    Fixed,

    /// <summary>
    /// Each task's queue, run and failure times are the configured durations times a log-normal factor
    /// (σ = 0.5, cut at ±2σ, so between e⁻¹ and e¹), drawn from <see cref="EmulatorFidelity.TimingSeed"/> in submit order.
    /// </summary>
    Spread,
}

/// <summary>How a stored-file (<c>oss://</c>) URL sent without the resolve header is answered. The reference lists two answers.</summary>
public enum StoredUrlWithoutResolveAnswer
{
    /// <summary>The schema's <c>resolveNotEnabled</c>: 400 <c>InvalidParameter.DataInspection</c> (the default).</summary>
    DataInspection400,

    /// <summary>The schema's <c>resolveNotEnabledAlternative</c>: 400 <c>invalid_parameter_error</c>.</summary>
    InvalidParameterError400,
}

/// <summary>The HTTP status of an upload refused because the account's daily capacity is used up. The schema marks it unconfirmed.</summary>
public enum UploadCapacityStatus
{
    /// <summary>403, the schema's <c>capacityExceeded</c> status (the default).</summary>
    Forbidden403,

    /// <summary>429, as DashScope answers its other quotas; code and message stay the schema's.</summary>
    TooManyRequests429,
}
