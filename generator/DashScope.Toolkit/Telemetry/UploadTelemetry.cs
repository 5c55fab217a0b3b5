using System.Diagnostics;

namespace DashScope.Toolkit;

/// <summary>
/// The span of one upload call (its checks, the policy call when the cached policy will not do, and one form per
/// file). It names the model, the number of files and their bytes; never a file name, a stored key or a policy value.
/// </summary>
internal static class UploadTelemetry
{
    /// <summary>Starts the span of an upload of <paramref name="files"/> files for <paramref name="model"/>, or null when nobody listens.</summary>
    public static Activity? Start(string service, string model, int files)
    {
        var span = DashScopeTelemetry.Source.StartActivity("dashscope.upload", ActivityKind.Internal);
        span?.SetTag(TelemetryTags.Service, service);
        span?.SetTag(TelemetryTags.Model, model);
        span?.SetTag(TelemetryTags.UploadFiles, files);
        return span;
    }

    /// <summary>Records what was stored.</summary>
    public static void Stored(Activity? span, IReadOnlyList<DashScopeUploadedFile> stored) =>
        span?.SetTag(TelemetryTags.UploadBytes, stored.Sum(file => file.Length));

    /// <summary>Records the fault that ended the upload. Always false, so it can sit in an exception filter.</summary>
    public static bool Failed(Activity? span, Exception fault)
    {
        if (span is null) { return false; }
        span.SetTag(TelemetryTags.ErrorType, fault.GetType().FullName);
        if (fault is DashScopeUploadException refused) { span.SetTag(TelemetryTags.UploadFailure, refused.Failure.ToString()); }
        span.SetStatus(ActivityStatusCode.Error, fault.GetType().Name);
        return false;
    }
}
