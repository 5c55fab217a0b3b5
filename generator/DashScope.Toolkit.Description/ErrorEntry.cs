namespace DashScope.Toolkit.Description;

/// <summary>One documented error: an entry of <c>x-dashscope-errors</c> or <c>x-dashscope-task-errors</c>.</summary>
/// <param name="Key">The entry's key in the schema (e.g. <c>invalidApiKey</c>).</param>
/// <param name="Status">The HTTP status of a synchronous error; null for a task failure (reported inside a 200 task answer).</param>
/// <param name="Code">The stable code clients compare.</param>
/// <param name="Message">The provider's message (may hold <c>{parameter}</c>); empty when the schema gives none.</param>
/// <param name="When">When the service answers it, in the schema's words.</param>
public sealed record ErrorEntry(string Key, int? Status, string Code, string Message, string? When)
{
    /// <summary>The entry with <c>{parameter}</c> in its message replaced by <paramref name="parameter"/>.</summary>
    /// <param name="parameter">The name of the parameter at fault, e.g. <c>parameters.video_fps</c>.</param>
    public ErrorEntry NamingParameter(string parameter) => this with { Message = Message.Replace("{parameter}", parameter) };
}

/// <summary>The roles of <c>x-dashscope-errors</c>: what a caller asks for, each found under one schema key (see <see cref="ErrorRoles"/>).</summary>
public enum ProtocolError
{
    /// <summary><c>invalidParameter</c>: a parameter has the wrong type or shape.</summary>
    InvalidParameter,

    /// <summary><c>missingParameter</c>: a required parameter is missing, or the body is not JSON.</summary>
    MissingParameter,

    /// <summary><c>emptyInput</c>: the body has no input object.</summary>
    EmptyInput,

    /// <summary><c>emptyModel</c>: the body has no model.</summary>
    EmptyModel,

    /// <summary><c>outOfDefinition</c>: a value is outside its range or enum.</summary>
    OutOfDefinition,

    /// <summary><c>invalidUrl</c>: a URL is missing, malformed or not http(s).</summary>
    InvalidUrl,

    /// <summary><c>dataInspectionFailed</c>: content moderation rejected an input.</summary>
    DataInspectionFailed,

    /// <summary><c>unsupportedOperation</c>: cancel of a task that cannot be cancelled.</summary>
    UnsupportedOperation,

    /// <summary><c>missingApiKey</c>: no Authorization header.</summary>
    MissingApiKey,

    /// <summary><c>invalidApiKey</c>: an unknown or malformed key.</summary>
    InvalidApiKey,

    /// <summary><c>syncNotSupported</c>: no X-DashScope-Async on an async-only endpoint.</summary>
    SyncNotSupported,

    /// <summary><c>asyncNotSupported</c>: X-DashScope-Async sent to a synchronous endpoint.</summary>
    AsyncNotSupported,

    /// <summary><c>modelNotFound</c>: an unknown model name.</summary>
    ModelNotFound,

    /// <summary><c>throttling</c>: too many requests at once.</summary>
    Throttling,

    /// <summary><c>rateQuota</c>: over the per-account rate limit.</summary>
    RateQuota,

    /// <summary><c>internalError</c>: a server fault.</summary>
    InternalError,
}

/// <summary>The roles of <c>x-dashscope-task-errors</c>: why a task ended FAILED, each found under one schema key (see <see cref="ErrorRoles"/>).</summary>
public enum TaskFailure
{
    /// <summary><c>unsupportedFileFormat</c>: an input's format is not accepted.</summary>
    UnsupportedFileFormat,

    /// <summary><c>inputDownloadFailed</c>: an input could not be downloaded.</summary>
    InputDownloadFailed,

    /// <summary><c>imageSize</c>: the image is beyond the size limits.</summary>
    ImageSize,

    /// <summary><c>audioLength</c>: the audio is too short or too long.</summary>
    AudioLength,

    /// <summary><c>noHumanFace</c>: no usable face in the image.</summary>
    NoHumanFace,

    /// <summary><c>algorithmError</c>: the algorithm failed.</summary>
    AlgorithmError,

    /// <summary><c>uploadFailed</c>: the result could not be uploaded.</summary>
    UploadFailed,

    /// <summary><c>invalidUrl</c>: a required URL is missing or invalid.</summary>
    InvalidUrl,
}
