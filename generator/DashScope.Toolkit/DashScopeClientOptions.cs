using Microsoft.Extensions.Logging;

namespace DashScope.Toolkit;

/// <summary>
/// Settings shared by every generated DashScope client. Generated clients derive their own options
/// type from this one so that several clients can be configured side by side.
/// </summary>
public class DashScopeClientOptions
{
    /// <summary>
    /// The API key sent as <c>Authorization: Bearer</c>. When null, the key is read from the
    /// environment variable named by the schema (<c>DASHSCOPE_API_KEY</c>) at each call.
    /// Never printed: <see cref="ToString"/> and every exception leave it out.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The API root, for example <c>https://dashscope.aliyuncs.com/api/v1</c> or the emulator's URL.
    /// When null: the <see cref="HttpClient.BaseAddress"/> if set, else the environment variable named
    /// by the schema (<c>DASHSCOPE_HTTP_BASE_URL</c>), else the schema's base URL.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Optional workspace id, sent as <c>X-DashScope-WorkSpace</c>.</summary>
    public string? WorkspaceId { get; set; }

    /// <summary>How <c>WaitForCompletionAsync</c> polls: intervals, jitter, retry budget and time limit.</summary>
    public TaskWaitOptions Wait { get; set; } = new();

    /// <summary>
    /// How many times a submit answered with 429 is sent again (after its Retry-After or a backoff).
    /// A 429 proves the task was not created, so a repeat cannot duplicate it; nothing else is repeated.
    /// Not used when the HttpClient pipeline repeats 429s itself (<see cref="ThrottlingRetries"/>; for one,
    /// <c>AddDashScopeResilience</c> with its retry on), so the two never multiply.
    /// </summary>
    public int MaxSubmitRetriesOnThrottling { get; set; } = 3;

    /// <summary>The clock used for polling delays and time limits; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Optional logger factory; log lines name method, path, status and request id, never the key.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{GetType().Name} {{ BaseAddress = {BaseAddress?.ToString() ?? "(default)"}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(from environment)" : "(set, hidden)")}, WorkspaceId = {WorkspaceId ?? "(none)"} }}";
}
