namespace DashScope.Toolkit;

/// <summary>
/// What the code that called the transport is doing, when the transport's own entry point cannot tell
/// (a GET is a poll only because the poller sent it). Set inside an async method, it flows into the calls
/// that method awaits and ends when that method returns.
/// </summary>
internal static class AmbientOperation
{
    private static readonly AsyncLocal<Entry?> Current = new();

    /// <summary>The operation in effect, or null.</summary>
    public static Entry? Value => Current.Value;

    /// <summary>Declares the operation for the rest of the calling async method.</summary>
    public static void Set(string operation, string? taskId = null) => Current.Value = new Entry(operation, taskId);

    /// <summary>An operation and the task it concerns.</summary>
    internal sealed record Entry(string Operation, string? TaskId);
}
