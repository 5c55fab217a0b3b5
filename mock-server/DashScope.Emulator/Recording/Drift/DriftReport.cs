using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DashScope.Emulator.Recording.Drift;

/// <summary>What a drift check found: every difference, what was compared, and what was skipped with the reason.</summary>
public sealed class DriftReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    internal DriftReport(string target, int comparedExchanges, int comparedTasks, IReadOnlyList<DriftDifference> differences, IReadOnlyList<DriftSkip> skipped)
    {
        Target = target;
        ComparedExchanges = comparedExchanges;
        ComparedTasks = comparedTasks;
        Differences = differences;
        Skipped = skipped;
    }

    /// <summary>The target's root.</summary>
    public string Target { get; }

    /// <summary>How many recorded exchanges were replayed and compared.</summary>
    public int ComparedExchanges { get; }

    /// <summary>How many recorded task timelines were compared.</summary>
    public int ComparedTasks { get; }

    /// <summary>The differences, each once, with the exchanges it was seen in.</summary>
    public IReadOnlyList<DriftDifference> Differences { get; }

    /// <summary>The exchanges not replayed, with the reason.</summary>
    public IReadOnlyList<DriftSkip> Skipped { get; }

    /// <summary>True when at least one difference was found.</summary>
    public bool HasDrift => Differences.Count > 0;

    /// <summary>The report as indented JSON.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(
        new { target = Target, comparedExchanges = ComparedExchanges, comparedTasks = ComparedTasks, hasDrift = HasDrift, differences = Differences, skipped = Skipped },
        Json);

    /// <summary>The report as Markdown: a summary line, a table of differences, and the skipped exchanges.</summary>
    /// <returns>The Markdown text.</returns>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("# Drift report").AppendLine();
        text.AppendLine($"Target: `{Target}`. Compared {ComparedExchanges} exchanges and {ComparedTasks} task timelines; "
            + (HasDrift ? $"**{Differences.Count} differences**." : "**no drift**.")).AppendLine();
        if (HasDrift)
        {
            text.AppendLine("| answer | field | kind | recorded | target | exchanges |");
            text.AppendLine("|---|---|---|---|---|---|");
            foreach (var d in Differences)
            {
                text.AppendLine($"| {Cell(d.Subject)} | `{Cell(d.Field)}` | {d.Kind} | {Cell(d.Recorded ?? "(absent)")} | {Cell(d.Actual ?? "(absent)")} | {string.Join(", ", d.Exchanges)} |");
            }

            text.AppendLine();
        }

        if (Skipped.Count > 0)
        {
            text.AppendLine("Not compared:").AppendLine();
            foreach (var skip in Skipped)
            {
                text.AppendLine($"- exchange {skip.Exchange}: {skip.Reason}");
            }
        }

        return text.ToString();
    }

    /// <summary>Writes <c>{basePath}.md</c> and <c>{basePath}.json</c>.</summary>
    /// <param name="basePath">The path without extension.</param>
    public void Write(string basePath)
    {
        var full = Path.GetFullPath(basePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full + ".md", ToMarkdown());
        File.WriteAllText(full + ".json", ToJson() + "\n");
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
