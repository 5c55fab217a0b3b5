using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace DashScope.Emulator.Host.Settings;

/// <summary>Reads the settings file and the environment into layers; the command line has its own in <see cref="EmulatorCommand"/>.</summary>
internal static class SettingsSources
{
    /// <summary>The environment variable that names a settings file when <c>--settings</c> does not.</summary>
    public const string SettingsFileVariable = HostSetting.EnvironmentPrefix + "SETTINGS";

    /// <summary>Reads a JSON settings file; throws <see cref="SettingsException"/> naming the file when it is missing or not JSON.</summary>
    public static SettingsLayer FromFile(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new SettingsException($"Settings file '{fullPath}' does not exist.");
        }

        IConfigurationRoot root;
        try
        {
            root = new ConfigurationBuilder().AddJsonFile(fullPath, optional: false, reloadOnChange: false).Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new SettingsException($"Settings file '{fullPath}' cannot be read: {Describe(e)}", e);
        }

        var entries = root.AsEnumerable(makePathsRelative: true)
            .Where(pair => pair.Value is not null || !root.GetSection(pair.Key).GetChildren().Any())
            .OrderBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase)
            .Select(pair => new SettingEntry(pair.Key, pair.Value, $"settings file '{fullPath}', key '{pair.Key}'"))
            .ToList();
        return new SettingsLayer(Path.GetDirectoryName(fullPath)!, entries);
    }

    /// <summary>The variables that start with <see cref="HostSetting.EnvironmentPrefix"/>; <c>__</c> in a name nests, as in .NET configuration.</summary>
    public static SettingsLayer FromEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        var entries = environment
            .Where(pair => pair.Key.StartsWith(HostSetting.EnvironmentPrefix, StringComparison.OrdinalIgnoreCase)
                && !string.Equals(pair.Key, SettingsFileVariable, StringComparison.OrdinalIgnoreCase))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => new SettingEntry(
                pair.Key[HostSetting.EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal),
                pair.Value,
                $"environment variable {pair.Key}"))
            .ToList();
        return new SettingsLayer(Environment.CurrentDirectory, entries);
    }

    /// <summary>The process's environment as a dictionary.</summary>
    public static IReadOnlyDictionary<string, string> ProcessEnvironment() =>
        Environment.GetEnvironmentVariables()
            .Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => e.Value as string ?? string.Empty, StringComparer.Ordinal);

    // The configuration library wraps the parser's error (twice); its line and position are what a user needs.
    private static string Describe(Exception e)
    {
        for (var cause = e; cause is not null; cause = cause.InnerException)
        {
            if (cause is JsonException { LineNumber: { } line } json)
            {
                return $"not valid JSON at line {line + 1}, position {json.BytePositionInLine + 1}.";
            }
        }

        var innermost = e;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return innermost.Message;
    }
}
