using System.ComponentModel;

namespace DashScope.Toolkit;

/// <summary>
/// The facts of one DashScope endpoint that the generator read from its schema: default base URL,
/// environment variables, and the task protocol. Generated clients create one; user code rarely needs it.
/// </summary>
/// <param name="Name">The service name from the schema (for messages).</param>
/// <param name="DefaultBaseAddress">The API root used when nothing else is configured.</param>
/// <param name="ApiKeyEnvironmentVariable">Variable read for the key when none is configured.</param>
/// <param name="BaseAddressEnvironmentVariable">Variable read for the API root when none is configured.</param>
/// <param name="TerminalStatuses">Task statuses after which a task never changes.</param>
/// <param name="SuccessStatus">The one terminal status that means success.</param>
/// <param name="RecommendedPollInterval">The provider's recommended polling interval.</param>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public sealed record DashScopeServiceDescription(
    string Name,
    Uri DefaultBaseAddress,
    string ApiKeyEnvironmentVariable,
    string? BaseAddressEnvironmentVariable,
    IReadOnlyList<string> TerminalStatuses,
    string SuccessStatus,
    TimeSpan RecommendedPollInterval)
{
    /// <summary>True when <paramref name="status"/> is one of <see cref="TerminalStatuses"/>.</summary>
    public bool IsTerminal(string? status) => status is not null && TerminalStatuses.Contains(status, StringComparer.Ordinal);

    /// <summary>The endpoint's temporary upload storage for local files, when its schema describes one.</summary>
    public DashScopeUploadProtocol? Uploads { get; init; }
}
