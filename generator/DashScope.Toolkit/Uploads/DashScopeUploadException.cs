using System.Net;

namespace DashScope.Toolkit;

/// <summary>Why a file was not uploaded.</summary>
public enum DashScopeUploadFailure
{
    /// <summary>The path names no file.</summary>
    FileNotFound,

    /// <summary>The file exists but cannot be read (permissions, a directory, an I/O error).</summary>
    FileUnreadable,

    /// <summary>The file holds no bytes.</summary>
    EmptyFile,

    /// <summary>The file is larger than the media rule or the upload policy allows.</summary>
    TooLarge,

    /// <summary>The file's content is not a format the model's media rules accept.</summary>
    UnsupportedFormat,

    /// <summary>The model takes no media URLs, so nothing can be uploaded for it.</summary>
    UnknownModel,

    /// <summary>The storage refused the upload; <see cref="DashScopeUploadException.Code"/> holds its error code.</summary>
    Refused,
}

/// <summary>
/// A file could not be uploaded to DashScope's temporary storage. The message names the file; checks made
/// before sending (<see cref="Failure"/> other than <see cref="DashScopeUploadFailure.Refused"/>) sent nothing.
/// </summary>
public sealed class DashScopeUploadException : DashScopeException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="fileName">The file, as the caller named it.</param>
    /// <param name="failure">Why it was not uploaded.</param>
    /// <param name="message">What went wrong, naming the file.</param>
    /// <param name="statusCode">The storage's HTTP status, for <see cref="DashScopeUploadFailure.Refused"/>.</param>
    /// <param name="code">The storage's error code, for <see cref="DashScopeUploadFailure.Refused"/>.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public DashScopeUploadException(string fileName, DashScopeUploadFailure failure, string message, HttpStatusCode? statusCode = null, string? code = null, Exception? innerException = null)
        : base(message, innerException)
    {
        FileName = fileName;
        Failure = failure;
        StatusCode = statusCode;
        Code = code;
    }

    /// <summary>The file, as the caller named it (a path or a stream's file name).</summary>
    public string FileName { get; }

    /// <summary>Why it was not uploaded.</summary>
    public DashScopeUploadFailure Failure { get; }

    /// <summary>The storage's HTTP status when it refused the upload.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The storage's error code when it refused the upload (e.g. <c>AccessDenied</c>, <c>EntityTooLarge</c>).</summary>
    public string? Code { get; }
}
