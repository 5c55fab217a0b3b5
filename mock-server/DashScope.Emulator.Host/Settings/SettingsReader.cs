namespace DashScope.Emulator.Host.Settings;

/// <summary>
/// Combines layers, lowest precedence first (settings file, environment, command line), over the defaults. A
/// one-value setting takes the value of the highest layer that has it; a list is taken whole from the highest
/// layer that has it, so a list on the command line replaces the file's rather than mixing with it.
/// </summary>
internal static class SettingsReader
{
    /// <summary>Reads every layer; each unknown key and each bad value becomes a problem naming its source.</summary>
    public static SettingsReadResult Read(IReadOnlyList<SettingsLayer> layers, string? settingsFile)
    {
        var problems = new List<string>();
        var chosen = new Dictionary<HostSetting, (SettingsLayer Layer, List<SettingEntry> Entries)>();
        foreach (var layer in layers)
        {
            var inThisLayer = new Dictionary<HostSetting, List<SettingEntry>>();
            foreach (var entry in layer.Entries)
            {
                var setting = HostSettingCatalog.All.FirstOrDefault(s => s.Matches(entry.Name));
                if (setting is null)
                {
                    problems.Add($"{entry.Where}: unknown setting '{entry.Name}'. Known settings: {string.Join(", ", HostSettingCatalog.All.Select(s => s.Key))}.");
                }
                else if (entry.IsNested && setting.Shape != SettingShape.List)
                {
                    problems.Add($"{entry.Where}: {setting.Key} takes one value, not a list or an object.");
                }
                else if (setting.Shape == SettingShape.List && inThisLayer.TryGetValue(setting, out var items))
                {
                    items.Add(entry);
                }
                else
                {
                    // A one-value setting given twice in one source: the later one wins, as on a command line.
                    inThisLayer[setting] = [entry];
                }
            }

            foreach (var (setting, entries) in inThisLayer)
            {
                chosen[setting] = (layer, entries);
            }
        }

        var settings = HostSettings.Defaults with { SettingsFile = settingsFile };
        foreach (var setting in HostSettingCatalog.All)
        {
            if (!chosen.TryGetValue(setting, out var source))
            {
                continue;
            }

            foreach (var entry in source.Entries)
            {
                foreach (var value in Values(setting, entry))
                {
                    try
                    {
                        settings = setting.Apply(settings, value ?? throw new FormatException("needs a value."), source.Layer.Folder);
                    }
                    catch (FormatException e)
                    {
                        problems.Add($"{entry.Where}: {e.Message}");
                    }
                }
            }
        }

        if (problems.Count == 0)
        {
            problems.AddRange(settings.Conflicts());
        }

        return problems.Count == 0 ? new SettingsReadResult(settings, []) : new SettingsReadResult(null, problems);
    }

    // A list may be written as one value, items separated by ';' (handy in one environment variable); null clears it.
    private static IReadOnlyList<string?> Values(HostSetting setting, SettingEntry entry) =>
        setting.Shape == SettingShape.List && !entry.IsNested
            ? [.. (entry.Value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
            : [entry.Value];
}
