namespace DashScope.Contract.Tests.Targets;

/// <summary>
/// The environment that opts the live runs in. Both <see cref="ApiKeyVariable"/> and
/// <see cref="OptInVariable"/>=1 are needed; without them every live test reports as skipped with
/// <see cref="SkipReason"/>, and no request is ever sent to DashScope.
/// </summary>
public static class LiveServiceSettings
{
    public const string ApiKeyVariable = "DASHSCOPE_API_KEY";
    public const string OptInVariable = "DASHSCOPE_CONTRACT_LIVE";
    public const string BaseUrlVariable = "DASHSCOPE_HTTP_BASE_URL";
    public const string PortraitVariable = "DASHSCOPE_CONTRACT_IMAGE_URL";
    public const string NoFaceImageVariable = "DASHSCOPE_CONTRACT_NO_FACE_IMAGE_URL";
    public const string SpeechVariable = "DASHSCOPE_CONTRACT_AUDIO_URL";
    public const string TimeoutVariable = "DASHSCOPE_CONTRACT_TASK_TIMEOUT_MINUTES";
    public const string DefaultBaseUrl = "https://dashscope.aliyuncs.com/api/v1";

    /// <summary>Null when the live runs are opted in; otherwise why they are skipped.</summary>
    public static string? SkipReason
    {
        get
        {
            var missing = new List<string>();
            if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ApiKeyVariable)))
            {
                missing.Add($"{ApiKeyVariable} is not set");
            }

            if (Environment.GetEnvironmentVariable(OptInVariable)?.Trim() != "1")
            {
                missing.Add($"{OptInVariable} is not 1");
            }

            return missing.Count == 0
                ? null
                : $"Live DashScope contract runs are off ({string.Join(", ", missing)}). They call the real, billed service: " +
                  $"set {ApiKeyVariable} and {OptInVariable}=1, plus {PortraitVariable}, {NoFaceImageVariable} and {SpeechVariable} (public http(s) media URLs) to run them.";
        }
    }

    public static bool OptedIn => SkipReason is null;
}

/// <summary>The real DashScope service. Only usable when <see cref="LiveServiceSettings.OptedIn"/>.</summary>
public sealed class LiveServiceTarget : IContractTarget
{
    public string Name => "DashScope";

    public Uri ApiRoot => new(Environment.GetEnvironmentVariable(LiveServiceSettings.BaseUrlVariable) is { Length: > 0 } url ? url : LiveServiceSettings.DefaultBaseUrl);

    public bool CanAdvanceClock => false;

    public bool RejectUndeclaredFields => false;

    public TimeSpan PollInterval => TimeSpan.FromSeconds(3);

    public TimeSpan TaskBudget => TimeSpan.FromMinutes(
        int.TryParse(Environment.GetEnvironmentVariable(LiveServiceSettings.TimeoutVariable), out var minutes) && minutes > 0 ? minutes : 20);

    public Uri PortraitUrl => Media(LiveServiceSettings.PortraitVariable);

    public Uri NoFaceImageUrl => Media(LiveServiceSettings.NoFaceImageVariable);

    public Uri SpeechUrl => Media(LiveServiceSettings.SpeechVariable);

    public string OpenSession()
    {
        ThrowUnlessOptedIn();
        return Environment.GetEnvironmentVariable(LiveServiceSettings.ApiKeyVariable)!.Trim();
    }

    public Task PassTimeAsync(TimeSpan time) => Task.Delay(time);

    public HttpMessageHandler CreateTransport()
    {
        ThrowUnlessOptedIn();
        return new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(30) };
    }

    private static void ThrowUnlessOptedIn()
    {
        if (LiveServiceSettings.SkipReason is { } reason)
        {
            throw new InvalidOperationException("Refusing to contact DashScope: " + reason);
        }
    }

    private static Uri Media(string variable) =>
        Uri.TryCreate(Environment.GetEnvironmentVariable(variable), UriKind.Absolute, out var url)
            ? url
            : throw new InvalidOperationException($"The live contract run needs {variable}: a public http(s) URL the service can download.");
}
