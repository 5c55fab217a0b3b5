namespace DashScope.Emulator.Host.Settings;

/// <summary>The settings the host would run with, or why it cannot run.</summary>
/// <param name="Settings">The combined settings; null when <paramref name="Problems"/> is not empty.</param>
/// <param name="Problems">One message per bad source or value, each naming where it came from.</param>
public sealed record SettingsReadResult(HostSettings? Settings, IReadOnlyList<string> Problems);
