using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace DashScope.Toolkit.Generator.Tests;

/// <summary>
/// The pipeline caches: a second run, an unrelated C# edit or a change that leaves a schema's model alone
/// regenerates nothing; a real schema change regenerates that schema only. Its models hold no Roslyn objects.
/// </summary>
public sealed class IncrementalTests
{
    private const string WidgetPath = "/Schemas/widget.schema.json";
    private const string MiniPath = "/Schemas/mini.schema.json";

    private static readonly InMemoryText Widget = new(WidgetPath, TestPaths.Schema("widget.schema.json"));
    private static readonly InMemoryText Mini = new(MiniPath, MiniSchemas.Sync());

    private static (GeneratorDriver Driver, CSharpCompilation Compilation, GeneratorRunResult First) FirstRun(DictionaryOptionsProvider? options = null)
    {
        var compilation = DriverHarness.Compilation("namespace Consumer; public class Program { public static void Main() { } }", "namespace Consumer; internal class Helper { }");
        var driver = DriverHarness.CreateDriver([Widget, Mini], options).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        Assert.Null(first.Exception);
        Assert.Empty(first.Diagnostics);
        Assert.Equal(7, first.GeneratedSources.Length); // 4 for the widget (with error codes), 3 for mini
        return (driver, compilation, first);
    }

    [Fact]
    public void Every_tracking_name_is_a_step_of_the_pipeline()
    {
        var (_, _, first) = FirstRun();
        Assert.NotEmpty(DriverHarness.AllTrackingNames);
        foreach (var name in DriverHarness.AllTrackingNames)
        {
            Assert.True(first.TrackedSteps.ContainsKey(name), $"step {name} did not run");
            Assert.All(first.TrackedSteps[name].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.New, o.Reason));
        }
    }

    [Fact]
    public void Rerun_without_changes_is_all_cached()
    {
        var (driver, compilation, first) = FirstRun();
        var second = driver.RunGenerators(compilation).GetRunResult().Results.Single();
        AssertNothingRecomputed(first, second);
    }

    [Fact]
    public void Unrelated_csharp_edit_is_all_cached()
    {
        var (driver, compilation, first) = FirstRun();
        var edited = compilation
            .ReplaceSyntaxTree(compilation.SyntaxTrees[1], CSharpSyntaxTree.ParseText("namespace Consumer; internal class Helper { public int Count { get; set; } }", path: "/Source1.cs"))
            .AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Consumer; internal record Added(string Name);", path: "/Added.cs"));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();
        AssertNothingRecomputed(first, second);
    }

    [Fact]
    public void Trailing_whitespace_in_a_schema_rereads_the_file_but_regenerates_nothing()
    {
        var (driver, compilation, first) = FirstRun();
        var touched = new InMemoryText(MiniPath, MiniSchemas.Sync() + "\n\n  \n");
        var second = driver.ReplaceAdditionalText(Mini, touched).RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.Equal([IncrementalStepRunReason.Cached, IncrementalStepRunReason.Modified], Reasons(second, TrackingNames.SchemaInputs));
        Assert.Equal([IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged], Reasons(second, TrackingNames.ParsedSchemas));
        Assert.All(Reasons(second, TrackingNames.EmissionUnits), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        AssertOutputsCached(second);
        AssertSameSources(first, second);
    }

    [Fact]
    public void Moving_a_definition_rereads_the_file_but_regenerates_nothing()
    {
        var (driver, compilation, first) = FirstRun();
        // Res before Req: every position in the definitions changes, the meaning does not.
        var moved = MiniSchemas.Lines("{", MiniSchemas.Service, """  "x-dashscope-operations": {""", MiniSchemas.Ping, "  },", """  "definitions": {""",
            MiniSchemas.Res + ",", MiniSchemas.Req.TrimEnd(','), "  }", "}");
        Assert.NotEqual(MiniSchemas.Sync(), moved);
        var second = driver.ReplaceAdditionalText(Mini, new InMemoryText(MiniPath, moved)).RunGenerators(compilation).GetRunResult().Results.Single();
        AssertOnlyTheTextChanged(first, second);
    }

    [Fact]
    public void Whitespace_inside_a_schema_rereads_the_file_but_regenerates_nothing()
    {
        var (driver, compilation, first) = FirstRun();
        // Indentation and blank lines lie outside every JSON string: each line moves, the meaning does not.
        var spaced = "\n\n" + string.Join("\n\n", MiniSchemas.Sync().Split('\n').Select(line => "\t  " + line));
        var second = driver.ReplaceAdditionalText(Mini, new InMemoryText(MiniPath, spaced)).RunGenerators(compilation).GetRunResult().Results.Single();
        AssertOnlyTheTextChanged(first, second);
    }

    [Fact]
    public void Real_schema_change_regenerates_that_schema_only()
    {
        var (driver, compilation, first) = FirstRun();
        var changed = new InMemoryText(MiniPath, MiniSchemas.Sync("""    "Req": { "type": "object", "properties": { "text": { "type": "string" }, "count": { "type": "integer" } } },"""));
        var second = driver.ReplaceAdditionalText(Mini, changed).RunGenerators(compilation).GetRunResult().Results.Single();

        // Inputs are in file order: widget first, mini second.
        Assert.Equal([IncrementalStepRunReason.Cached, IncrementalStepRunReason.Modified], Reasons(second, TrackingNames.SchemaInputs));
        Assert.Equal([IncrementalStepRunReason.Cached, IncrementalStepRunReason.Modified], Reasons(second, TrackingNames.ParsedSchemas));
        Assert.Equal([IncrementalStepRunReason.Modified], Reasons(second, TrackingNames.AllSchemas));
        var units = Outputs(second, TrackingNames.EmissionUnits);
        Assert.Equal(IncrementalStepRunReason.Unchanged, Assert.Single(units, u => PathOf(u.Value) == WidgetPath).Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(units, u => PathOf(u.Value) == MiniPath).Reason);

        var outputs = second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.Contains(outputs, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(outputs, o => o.Reason == IncrementalStepRunReason.Cached);

        var before = first.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        var after = second.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.All(before.Keys.Where(k => k.StartsWith("Sample.Widgets.", StringComparison.Ordinal)), k => Assert.Equal(before[k], after[k]));
        Assert.NotEqual(before["Mini.Api.MiniClient.Models.g.cs"], after["Mini.Api.MiniClient.Models.g.cs"]);
        Assert.Contains("public long? Count", after["Mini.Api.MiniClient.Models.g.cs"].Replace("int?", "long?", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Per_file_metadata_change_regenerates_that_schema_only()
    {
        var (driver, compilation, first) = FirstRun();
        var options = new DictionaryOptionsProvider(perFile: new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            [MiniPath] = new Dictionary<string, string> { ["build_metadata.AdditionalFiles.DashScopeNamespace"] = "Consumer.Mini" },
        });
        var second = driver.WithUpdatedAnalyzerConfigOptions(options).RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.Equal([IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Modified], Reasons(second, TrackingNames.SchemaInputs));
        Assert.Equal([IncrementalStepRunReason.Cached, IncrementalStepRunReason.Modified], Reasons(second, TrackingNames.ParsedSchemas));
        Assert.Contains(second.GeneratedSources, s => s.HintName == "Consumer.Mini.MiniClient.Client.g.cs");
        Assert.DoesNotContain(second.GeneratedSources, s => s.HintName.StartsWith("Mini.Api.", StringComparison.Ordinal));
        var widgetBefore = first.GeneratedSources.Where(s => s.HintName.StartsWith("Sample.Widgets.", StringComparison.Ordinal)).Select(s => s.SourceText.ToString());
        var widgetAfter = second.GeneratedSources.Where(s => s.HintName.StartsWith("Sample.Widgets.", StringComparison.Ordinal)).Select(s => s.SourceText.ToString());
        Assert.Equal(widgetBefore, widgetAfter);
    }

    [Fact]
    public void Pipeline_models_hold_no_compilation_symbol_syntax_or_location()
    {
        var (driver, compilation, first) = FirstRun();
        var invalid = new InMemoryText("/Schemas/bad.schema.json", MiniSchemas.Sync("""    "Req": { "type": "object", "properties": { "pair": { "type": "array", "items": [ { "type": "string" } ] } } },"""));
        var withDiagnostics = driver.AddAdditionalTexts([invalid]).RunGenerators(compilation).GetRunResult().Results.Single();
        Assert.Contains(withDiagnostics.Diagnostics, d => d.Id == "DSG003");

        // The walker itself must see a banned object where there is one.
        Assert.NotEmpty(BannedObjects(new object[] { "text", new[] { (object)Location.None } }));

        foreach (var run in new[] { first, withDiagnostics })
        {
            foreach (var name in DriverHarness.AllTrackingNames)
            {
                foreach (var (value, _) in run.TrackedSteps[name].SelectMany(s => s.Outputs))
                {
                    Assert.Empty(BannedObjects(value));
                }
            }
        }
    }

    /// <summary>The edited file is read again (its input is Modified); from parsing on every step is Cached or Unchanged and no output runs again.</summary>
    private static void AssertOnlyTheTextChanged(GeneratorRunResult first, GeneratorRunResult second)
    {
        Assert.Null(second.Exception);
        Assert.Empty(second.Diagnostics);
        Assert.Equal([IncrementalStepRunReason.Cached, IncrementalStepRunReason.Modified], Reasons(second, TrackingNames.SchemaInputs));
        foreach (var name in new[] { TrackingNames.ParsedSchemas, TrackingNames.AllSchemas, TrackingNames.EmissionUnits })
        {
            Assert.All(Reasons(second, name), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step {name} output was {r}"));
        }
        Assert.Equal([IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged], Reasons(second, TrackingNames.ParsedSchemas));
        AssertOutputsCached(second);
        AssertSameSources(first, second);
    }

    private static void AssertNothingRecomputed(GeneratorRunResult first, GeneratorRunResult second)
    {
        Assert.Null(second.Exception);
        foreach (var name in DriverHarness.AllTrackingNames)
        {
            Assert.True(second.TrackedSteps.ContainsKey(name), $"step {name} missing from the second run");
            var firstValues = first.TrackedSteps[name].SelectMany(s => s.Outputs).Select(o => o.Value).ToList();
            var secondOutputs = second.TrackedSteps[name].SelectMany(s => s.Outputs).ToList();
            Assert.Equal(firstValues, secondOutputs.Select(o => o.Value));
            Assert.All(secondOutputs, o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"step {name} output was {o.Reason}"));
        }
        AssertOutputsCached(second);
        AssertSameSources(first, second);
    }

    private static void AssertOutputsCached(GeneratorRunResult run)
    {
        var outputs = run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    private static void AssertSameSources(GeneratorRunResult first, GeneratorRunResult second) =>
        Assert.Equal(
            first.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())),
            second.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())));

    private static List<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult run, string step) =>
        run.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();

    private static IncrementalStepRunReason[] Reasons(GeneratorRunResult run, string step) =>
        Outputs(run, step).Select(o => o.Reason).ToArray();

    /// <summary>The FilePath of a pipeline model (a SchemaParseResult), read by reflection since the type is internal.</summary>
    private static string? PathOf(object model) => model.GetType().GetProperty("FilePath")?.GetValue(model) as string;

    /// <summary>Every Compilation, ISymbol, SyntaxNode, SyntaxTree, SemanticModel or Location reachable from <paramref name="root"/>.</summary>
    private static List<string> BannedObjects(object root)
    {
        var found = new List<string>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(object Value, string Path)>();
        pending.Push((root, root.GetType().Name));
        while (pending.Count > 0)
        {
            var (value, path) = pending.Pop();
            if (value is Compilation or ISymbol or SyntaxNode or SyntaxTree or SemanticModel or Location)
            {
                found.Add(path + ": " + value.GetType().FullName);
                continue;
            }
            var type = value.GetType();
            if (type.IsPrimitive || type.IsEnum || value is string or decimal || (!type.IsValueType && !seen.Add(value))) { continue; }
            // Arrays are walked item by item; everything else (lists, ImmutableArray, records) through its fields.
            if (value is Array items)
            {
                var index = 0;
                foreach (var item in items)
                {
                    if (item is not null) { pending.Push((item, $"{path}[{index}]")); }
                    index++;
                }
                continue;
            }
            for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            {
                foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (field.GetValue(value) is { } child) { pending.Push((child, path + "." + field.Name)); }
                }
            }
        }
        return found;
    }
}
