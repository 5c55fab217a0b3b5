namespace DashScope.Emulator.Recording;

/// <summary>A request a replaying emulator found no recorded exchange for.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path and query.</param>
/// <param name="Message">The error it answered: the closest recorded request and how it differs.</param>
public sealed record ReplayMiss(string Method, string Path, string Message);
