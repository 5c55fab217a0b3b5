using System;
using System.Collections.Generic;

namespace DashScope.Toolkit.Description;

/// <summary>
/// The one mapping between error roles and the keys under which a schema lists them. A schema may name other
/// entries too; they are read into <see cref="EndpointDescription.Errors"/> all the same.
/// </summary>
public static class ErrorRoles
{
    private static readonly Dictionary<ProtocolError, string> ProtocolKeys = new()
    {
        [ProtocolError.InvalidParameter] = "invalidParameter",
        [ProtocolError.MissingParameter] = "missingParameter",
        [ProtocolError.EmptyInput] = "emptyInput",
        [ProtocolError.EmptyModel] = "emptyModel",
        [ProtocolError.OutOfDefinition] = "outOfDefinition",
        [ProtocolError.InvalidUrl] = "invalidUrl",
        [ProtocolError.DataInspectionFailed] = "dataInspectionFailed",
        [ProtocolError.UnsupportedOperation] = "unsupportedOperation",
        [ProtocolError.MissingApiKey] = "missingApiKey",
        [ProtocolError.InvalidApiKey] = "invalidApiKey",
        [ProtocolError.SyncNotSupported] = "syncNotSupported",
        [ProtocolError.AsyncNotSupported] = "asyncNotSupported",
        [ProtocolError.ModelNotFound] = "modelNotFound",
        [ProtocolError.Throttling] = "throttling",
        [ProtocolError.RateQuota] = "rateQuota",
        [ProtocolError.InternalError] = "internalError",
    };

    private static readonly Dictionary<TaskFailure, string> TaskKeys = new()
    {
        [TaskFailure.UnsupportedFileFormat] = "unsupportedFileFormat",
        [TaskFailure.InputDownloadFailed] = "inputDownloadFailed",
        [TaskFailure.ImageSize] = "imageSize",
        [TaskFailure.AudioLength] = "audioLength",
        [TaskFailure.NoHumanFace] = "noHumanFace",
        [TaskFailure.AlgorithmError] = "algorithmError",
        [TaskFailure.UploadFailed] = "uploadFailed",
        [TaskFailure.InvalidUrl] = "invalidUrl",
    };

    /// <summary>The <c>x-dashscope-errors</c> key of <paramref name="role"/>.</summary>
    /// <param name="role">The role.</param>
    public static string KeyOf(ProtocolError role) =>
        ProtocolKeys.TryGetValue(role, out var key) ? key : throw new ArgumentOutOfRangeException(nameof(role), role, null);

    /// <summary>The <c>x-dashscope-task-errors</c> key of <paramref name="failure"/>.</summary>
    /// <param name="failure">The role.</param>
    public static string KeyOf(TaskFailure failure) =>
        TaskKeys.TryGetValue(failure, out var key) ? key : throw new ArgumentOutOfRangeException(nameof(failure), failure, null);
}
