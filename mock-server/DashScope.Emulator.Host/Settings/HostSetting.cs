using System.Text;

namespace DashScope.Emulator.Host.Settings;

/// <summary>
/// One setting of the host. Its option, its environment variable and its key in a settings file all derive from
/// <see cref="Key"/>, so the three spellings cannot drift apart: <c>QueueSeconds</c>, <c>--queue-seconds</c>,
/// <c>DASHSCOPE_EMULATOR_QUEUE_SECONDS</c>.
/// </summary>
/// <param name="Key">The key in a settings file (PascalCase).</param>
/// <param name="ValueName">The value's name in the help (<c>--port &lt;port&gt;</c>).</param>
/// <param name="Description">The help text.</param>
/// <param name="DefaultText">The default as the help shows it.</param>
/// <param name="Shape">One value, a switch or a list.</param>
/// <param name="Apply">
/// Reads one value (one item of a list) into the settings; throws <see cref="FormatException"/> with a message
/// that says what is expected. The second argument is the folder relative paths are resolved against.
/// </param>
internal sealed record HostSetting(
    string Key,
    string ValueName,
    string Description,
    string DefaultText,
    SettingShape Shape,
    Func<HostSettings, string, string, HostSettings> Apply)
{
    /// <summary>The prefix of every environment variable the host reads.</summary>
    public const string EnvironmentPrefix = "DASHSCOPE_EMULATOR_";

    /// <summary>The command-line option, e.g. <c>--queue-seconds</c>.</summary>
    public string OptionName => "--" + Words('-').ToLowerInvariant();

    /// <summary>The environment variable, e.g. <c>DASHSCOPE_EMULATOR_QUEUE_SECONDS</c>.</summary>
    public string EnvironmentName => EnvironmentPrefix + Words('_').ToUpperInvariant();

    /// <summary>True when <paramref name="name"/> (a file key or an environment variable without the prefix) means
    /// this setting: case, <c>_</c> and <c>-</c> are ignored, so <c>queue_seconds</c> and <c>queueSeconds</c> match.</summary>
    public bool Matches(string name) => string.Equals(Normalize(name), Normalize(Key), StringComparison.OrdinalIgnoreCase);

    private static string Normalize(string name) => name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);

    private string Words(char separator)
    {
        var text = new StringBuilder();
        foreach (var c in Key)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append(separator);
            }

            text.Append(c);
        }

        return text.ToString();
    }
}
