namespace DashScope.Emulator.Host.Settings;

/// <summary>What one source says: the settings file, the environment, or the command line.</summary>
/// <param name="Folder">The folder relative paths in this source are resolved against.</param>
/// <param name="Entries">The values, in the order the source gives them.</param>
internal sealed record SettingsLayer(string Folder, IReadOnlyList<SettingEntry> Entries);

/// <summary>One value as a source wrote it.</summary>
/// <param name="Path">The key, with <c>:</c> before a list index (<c>ApiKey:0</c>); an environment variable without its prefix.</param>
/// <param name="Value">The text; null for a JSON null or an empty JSON array.</param>
/// <param name="Where">The source and the name it was given there, for messages: <c>option --port</c>.</param>
internal sealed record SettingEntry(string Path, string? Value, string Where)
{
    /// <summary>The setting's part of <see cref="Path"/>, without a list index.</summary>
    public string Name => Path.Split(':', 2)[0];

    /// <summary>True when <see cref="Path"/> goes below the setting (a list item, or a mistake for a one-value setting).</summary>
    public bool IsNested => Path.Contains(':', StringComparison.Ordinal);
}
