namespace DashScope.Emulator;

/// <summary>An emulated DashScope account and the API keys that act for it.</summary>
/// <param name="AccountId">The account id (reported as <c>caller_parent_id</c> in the task list).</param>
/// <param name="ApiKeys">Keys registered for it.</param>
public sealed record AccountInfo(string AccountId, IReadOnlyList<string> ApiKeys);
