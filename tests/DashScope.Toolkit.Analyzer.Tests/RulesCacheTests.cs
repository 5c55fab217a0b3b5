using DashScope.Toolkit.Analyzer.Tests.Support;
using DashScope.Toolkit.Generator.Analysis;
using DashScope.Toolkit.Generator.Model;
using Xunit;

namespace DashScope.Toolkit.Analyzer.Tests;

/// <summary>A schema is read and mapped once per distinct content, not once per compilation.</summary>
public sealed class RulesCacheTests
{
    [Fact]
    public void The_same_text_and_settings_give_the_same_rules_instance()
    {
        var text = TestSchemas.Text(TestSchemas.LivePortrait);
        // Two inputs that are equal but not the same objects, as two compilations bring them.
        var first = SchemaRulesCache.RulesFor([Input(new string(text.AsSpan()))], CancellationToken.None);
        var second = SchemaRulesCache.RulesFor([Input(new string(text.AsSpan()))], CancellationToken.None);

        Assert.Same(Assert.Single(first), Assert.Single(second));
    }

    [Fact]
    public void A_changed_schema_or_namespace_is_read_again()
    {
        var text = TestSchemas.Text(TestSchemas.LivePortrait);
        var original = Assert.Single(SchemaRulesCache.RulesFor([Input(text)], CancellationToken.None));
        var changed = Assert.Single(SchemaRulesCache.RulesFor([Input(text.Replace("\"maximum\": 30", "\"maximum\": 31"))], CancellationToken.None));
        var renamed = Assert.Single(SchemaRulesCache.RulesFor([Input(text) with { NamespaceOverride = "Elsewhere" }], CancellationToken.None));

        Assert.NotEqual(original, changed);
        Assert.All(renamed.Types, type => Assert.StartsWith("Elsewhere.", type.MetadataName, StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_records_requests_are_built_from_are_kept()
    {
        var rules = Assert.Single(SchemaRulesCache.RulesFor([Input(TestSchemas.Text(TestSchemas.LivePortrait))], CancellationToken.None));

        Assert.Equal(
            ["FaceDetectInput", "FaceDetectRequest", "TaskListQuery", "VideoSynthesisInput", "VideoSynthesisParameters", "VideoSynthesisRequest"],
            rules.Types.Select(t => t.MetadataName["DashScope.LivePortrait.".Length..]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_broken_schema_has_no_rules()
    {
        Assert.Empty(SchemaRulesCache.RulesFor([Input("{ not json")], CancellationToken.None));
    }

    private static SchemaFileInput Input(string text) => new("/Schemas/liveportrait.schema.json", text, null, null, null);
}
