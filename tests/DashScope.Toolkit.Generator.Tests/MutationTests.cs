using System.Text;
using System.Text.Json;
using Xunit;

namespace DashScope.Toolkit.Generator.Tests;

/// <summary>
/// A few hundred seeded mutations of the LivePortrait schema (a token deleted, a type swapped, a key
/// duplicated, the file cut short) go through the generator: nothing escapes, and an invalid variant always
/// yields a located DSG diagnostic. A broader property-based suite lives elsewhere; this one stays quick.
/// </summary>
public sealed class MutationTests
{
    private const string Path = "/Schemas/liveportrait.schema.json";
    private const int Seed = 20240611;
    private static readonly string Original = TestPaths.Schema("liveportrait.schema.json");
    private static readonly string[] Types = ["string", "integer", "number", "boolean", "object", "array", "null"];

    [Fact]
    public void The_unmutated_schema_generates_without_diagnostics()
    {
        var result = SchemaOutcome.RunAndCheck(Path, Original, "original");
        Assert.Empty(result.Diagnostics);
        Assert.True(IsStrictJson(Original));
    }

    [Theory]
    [InlineData("delete-token", 150)]
    [InlineData("swap-type", 80)]
    [InlineData("duplicate-key", 50)]
    [InlineData("truncate", 50)]
    public void Mutants_never_crash_and_invalid_ones_are_reported_in_the_file(string kind, int count)
    {
        var random = new Random(Seed ^ kind.GetHashCode(StringComparison.Ordinal) & 0x7fffffff);
        var tokens = Tokens(Original);
        var typeValues = Occurrences(Original, "\"type\": \"");
        var keys = tokens.Where(t => t.IsKey).ToList();
        var notJson = 0;
        var reported = 0;
        var compiled = new HashSet<int>();
        for (var i = 0; i < count; i++)
        {
            var (mutant, label) = kind switch
            {
                "delete-token" => DeleteToken(tokens[random.Next(tokens.Count)]),
                "swap-type" => SwapType(typeValues[random.Next(typeValues.Count)], Types[random.Next(Types.Length)]),
                "duplicate-key" => DuplicateKey(keys[random.Next(keys.Count)]),
                _ => Truncate(random.Next(1, Original.Length - 1)),
            };
            var result = SchemaOutcome.RunAndCheck(Path, mutant, label);
            if (!IsStrictJson(mutant))
            {
                notJson++;
                Assert.True(result.Diagnostics.Any(d => d.Id == "DSG001"), $"{label}: not JSON but no DSG001 ({string.Join(", ", result.Diagnostics.Select(d => d.Id))})");
            }
            if (result.Diagnostics.Length > 0) { reported++; }
            else if (kind == "swap-type" && compiled.Count < 3 && compiled.Add(string.Concat(result.GeneratedSources.Select(s => s.SourceText.ToString())).GetHashCode(StringComparison.Ordinal)))
            {
                // A schema the generator accepts must give code that compiles: no silent failure either (a few, to stay quick).
                var problems = InProcessCompiler.Problems(result.GeneratedSources);
                Assert.True(problems.Count == 0, $"{label}: generated code does not compile: {string.Join("; ", problems.Take(3))}");
            }
        }
        // The mutations did produce invalid schemas (so the checks above were exercised).
        Assert.True(reported > 0, $"none of {count} {kind} mutants was reported");
        if (kind is "duplicate-key" or "truncate") { Assert.Equal(count, notJson); }
    }

    private static (string, string) DeleteToken(Token token) =>
        (Original.Remove(token.Start, token.Length), $"delete '{Original.Substring(token.Start, token.Length)}' at {token.Start}");

    private static (string, string) SwapType(int valueStart, string type)
    {
        var end = Original.IndexOf('"', valueStart);
        return (Original.Substring(0, valueStart) + type + Original.Substring(end), $"type at {valueStart} -> {type}");
    }

    private static (string, string) DuplicateKey(Token key) =>
        (Original.Insert(key.Start, Original.Substring(key.Start, key.Length) + ": null, "), $"duplicate {Original.Substring(key.Start, key.Length)} at {key.Start}");

    private static (string, string) Truncate(int length) => (Original.Substring(0, length), $"truncated to {length}");

    /// <summary>Strict JSON per System.Text.Json, and no object repeating a key.</summary>
    private static bool IsStrictJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
            return HasUniqueKeys(document.RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool HasUniqueKeys(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!names.Add(property.Name) || !HasUniqueKeys(property.Value)) { return false; }
                }
                return true;
            case JsonValueKind.Array:
                return element.EnumerateArray().All(HasUniqueKeys);
            default:
                return true;
        }
    }

    private static List<int> Occurrences(string text, string prefix)
    {
        var found = new List<int>();
        for (var i = text.IndexOf(prefix, StringComparison.Ordinal); i >= 0; i = text.IndexOf(prefix, i + 1, StringComparison.Ordinal))
        {
            found.Add(i + prefix.Length);
        }
        return found;
    }

    private readonly record struct Token(int Start, int Length, bool IsKey);

    /// <summary>The JSON tokens of <paramref name="text"/>: strings (keys marked), numbers, literals, punctuation.</summary>
    private static List<Token> Tokens(string text)
    {
        var tokens = new List<Token>();
        for (var i = 0; i < text.Length;)
        {
            var ch = text[i];
            if (char.IsWhiteSpace(ch)) { i++; continue; }
            var start = i;
            if (ch == '"')
            {
                for (i++; text[i] != '"'; i++) { if (text[i] == '\\') { i++; } }
                i++;
                var next = i;
                while (next < text.Length && char.IsWhiteSpace(text[next])) { next++; }
                tokens.Add(new Token(start, i - start, next < text.Length && text[next] == ':'));
                continue;
            }
            if ("{}[]:,".Contains(ch, StringComparison.Ordinal)) { tokens.Add(new Token(start, 1, false)); i++; continue; }
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && !"{}[]:,\"".Contains(text[i], StringComparison.Ordinal)) { i++; }
            tokens.Add(new Token(start, i - start, false));
        }
        return tokens;
    }
}
