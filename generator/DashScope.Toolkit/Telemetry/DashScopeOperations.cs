namespace DashScope.Toolkit;

/// <summary>
/// The kinds of request a generated client sends. Each request carries its kind in
/// <see cref="HttpRequestMessage.Options"/> under <see cref="RequestOptionKey"/>, so handlers in the
/// HttpClient pipeline (a resilience handler, for one) can tell a submit from a poll without reading
/// paths; the same names are the <c>dashscope.operation</c> tag of the toolkit's telemetry.
/// </summary>
public static class DashScopeOperations
{
    /// <summary>A request that creates a task (<c>X-DashScope-Async: enable</c>). Sending it twice may make two tasks.</summary>
    public const string Submit = "submit";

    /// <summary>A task query made while waiting for a task (<c>WaitForCompletionAsync</c>, <c>WatchTaskAsync</c>, <c>GenerateAsync</c>).</summary>
    public const string Poll = "poll";

    /// <summary>Any other API call: a synchronous operation, a task query of your own, a cancel, a list.</summary>
    public const string Call = "call";

    /// <summary>The call that asks for a temporary-storage upload policy.</summary>
    public const string UploadPolicy = "upload.policy";

    /// <summary>The signed form that carries a file to the temporary storage (its body is a one-shot stream).</summary>
    public const string UploadForm = "upload.form";

    /// <summary>The key under which a request's operation travels in <see cref="HttpRequestMessage.Options"/>.</summary>
    public static HttpRequestOptionsKey<string> RequestOptionKey { get; } = new("DashScope.Toolkit.Operation");

    /// <summary>The operation <paramref name="request"/> was sent for, or null when no DashScope client sent it.</summary>
    public static string? Of(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Options.TryGetValue(RequestOptionKey, out var operation) ? operation : null;
    }

    /// <summary>Marks <paramref name="request"/> as sent for <paramref name="operation"/>.</summary>
    internal static void Mark(HttpRequestMessage request, string operation) => request.Options.Set(RequestOptionKey, operation);

    /// <summary>The span name of an operation (a constant per operation, so names stay low in cardinality).</summary>
    internal static string SpanName(string operation) => operation switch
    {
        Submit => "dashscope.submit",
        Poll => "dashscope.poll",
        UploadPolicy => "dashscope.upload.policy",
        UploadForm => "dashscope.upload.form",
        _ => "dashscope.call",
    };
}
