using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Schema;

/// <summary>
/// The error roles the emulator answers with, checked against the schema at start-up: a schema that lacks one
/// fails to load, naming the missing key, rather than failing the first request that needs it.
/// </summary>
internal static class EmulatorErrorRoles
{
    /// <summary>The entries of <c>x-dashscope-errors</c> the pipeline answers with.</summary>
    public static readonly ProtocolError[] Protocol =
    [
        ProtocolError.InvalidParameter,
        ProtocolError.MissingParameter,
        ProtocolError.EmptyInput,
        ProtocolError.EmptyModel,
        ProtocolError.OutOfDefinition,
        ProtocolError.InvalidUrl,
        ProtocolError.UnsupportedOperation,
        ProtocolError.MissingApiKey,
        ProtocolError.InvalidApiKey,
        ProtocolError.SyncNotSupported,
        ProtocolError.AsyncNotSupported,
        ProtocolError.ModelNotFound,
        ProtocolError.Throttling,
        ProtocolError.RateQuota,
        ProtocolError.InternalError,
    ];

    /// <summary>The entries of <c>x-dashscope-task-errors</c> the media checks and the task controls report.</summary>
    public static readonly TaskFailure[] Task =
    [
        TaskFailure.UnsupportedFileFormat,
        TaskFailure.InputDownloadFailed,
        TaskFailure.ImageSize,
        TaskFailure.AudioLength,
        TaskFailure.NoHumanFace,
        TaskFailure.AlgorithmError,
    ];
}
