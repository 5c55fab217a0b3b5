namespace DashScope.Emulator.Tasks;

/// <summary>Status of an emulated task, with the same members as DashScope's <c>task_status</c>.</summary>
public enum EmulatedTaskStatus
{
    /// <summary>Queued: <c>PENDING</c>.</summary>
    Pending,

    /// <summary>Being processed: <c>RUNNING</c>.</summary>
    Running,

    /// <summary>Known to the official SDKs only; the emulator never sets it by itself.</summary>
    Suspended,

    /// <summary>Finished with a video: <c>SUCCEEDED</c>.</summary>
    Succeeded,

    /// <summary>Finished with an error code: <c>FAILED</c>.</summary>
    Failed,

    /// <summary>Cancelled while queued: <c>CANCELED</c>.</summary>
    Canceled,

    /// <summary>No such task (never existed, another account's, or expired): <c>UNKNOWN</c>.</summary>
    Unknown,
}

/// <summary>Conversions between <see cref="EmulatedTaskStatus"/> and DashScope's wire names.</summary>
public static class EmulatedTaskStatusNames
{
    // Every status's wire name, made once: each task answer names a status, and ToString() + ToUpperInvariant()
    // is two allocations per call.
    private static readonly string[] WireNames = Enumerable.Range(0, Enum.GetValues<EmulatedTaskStatus>().Max(v => (int)v) + 1)
        .Select(i => ((EmulatedTaskStatus)i).ToString().ToUpperInvariant())
        .ToArray();

    /// <summary>The wire name, e.g. <c>SUCCEEDED</c>.</summary>
    public static string ToWireName(this EmulatedTaskStatus status) =>
        (uint)status < (uint)WireNames.Length ? WireNames[(int)status] : status.ToString().ToUpperInvariant();

    /// <summary>Parses a wire name (case-insensitive).</summary>
    public static bool TryParseWireName(string? name, out EmulatedTaskStatus status) =>
        Enum.TryParse(name, ignoreCase: true, out status) && Enum.IsDefined(status) && !int.TryParse(name, out _);

    /// <summary>True for SUCCEEDED, FAILED, CANCELED and UNKNOWN.</summary>
    public static bool IsTerminal(this EmulatedTaskStatus status) =>
        status is EmulatedTaskStatus.Succeeded or EmulatedTaskStatus.Failed or EmulatedTaskStatus.Canceled or EmulatedTaskStatus.Unknown;
}
