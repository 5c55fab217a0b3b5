using DashScope.LivePortrait;
using DashScope.Toolkit.GeneratedCodeSupport;
using DashScope.Toolkit.Tests.Support;

namespace DashScope.Toolkit.Tests.GeneratedCodeSupport;

/// <summary>
/// The runtime's validation tables (what every generated record's Validate goes through): which rules run, in which
/// order, at which field paths, with the same errors the per-record checks reported.
/// </summary>
public sealed class ValidationTableTests
{
    private sealed record Item : IDashScopeValidatable
    {
        public string? Code { get; init; }

        private static readonly DashScopeValidationTable<Item> Rules = new(
            new DashScopeFieldCheck<Item>("code", static v => v.Code, true, DashScopeValueRules.Text(minLength: 2, maxLength: 3)));

        void IDashScopeValidatable.Validate(DashScopeValidationContext context, string path) => Rules.Validate(this, context, path);
    }

    private sealed record Form : IDashScopeValidatable
    {
        public string? Url { get; init; }
        public string? Model { get; init; }
        public int Fps { get; init; }
        public double? Strength { get; init; }
        public long? Size { get; init; }
        public TemplateId? Template { get; init; }
        public Item? Single { get; init; }
        public IReadOnlyList<Item?>? Items { get; init; }
        public IReadOnlyList<int>? Numbers { get; init; }
        public IReadOnlyList<string>? Names { get; init; }

        public static readonly DashScopeValidationTable<Form> Rules = new(
            new("url", static v => v.Url, true, DashScopeValueRules.Text(pattern: "^https://", uri: true)),
            new("model", static v => v.Model, false, DashScopeValueRules.Text(allowed: new[] { "a", "b" })),
            new("fps", static v => v.Fps, false, DashScopeValueRules.Range(15d, false, 30d, false)),
            new("strength", static v => v.Strength, false, DashScopeValueRules.Range(0d, true, 1d, true)),
            new("size", static v => v.Size, false, DashScopeValueRules.Range(null, false, 10d, false)),
            new("template", static v => v.Template, false, DashScopeValueRules.OneOf(TemplateId.AllowedValues)),
            new("single", static v => v.Single, false, DashScopeValueRules.Nested),
            new("items", static v => v.Items, false, DashScopeValueRules.List<Item?>(1, 2, DashScopeValueRules.Nested)),
            new("numbers", static v => v.Numbers, false, DashScopeValueRules.List<int>(null, null, DashScopeValueRules.Range(0d, false, null, false))),
            new("names", static v => v.Names, false, DashScopeValueRules.List<string>(null, 1, null)));

        void IDashScopeValidatable.Validate(DashScopeValidationContext context, string path) => Rules.Validate(this, context, path);
    }

    private static List<string> Errors(Form form, string path = "")
    {
        var context = new DashScopeValidationContext();
        Form.Rules.Validate(form, context, path);
        return context.Errors.Select(e => e.ToString()).ToList();
    }

    [Fact]
    public void A_valid_value_breaks_no_rule()
    {
        Assert.Empty(Errors(new Form
        {
            Url = "https://x/y", Model = "a", Fps = 15, Strength = 0.5, Size = 10, Template = TemplateId.Calm,
            Single = new Item { Code = "ab" }, Items = [new Item { Code = "abc" }], Numbers = [0, 5], Names = ["n"],
        }));
    }

    [Fact]
    public void Every_broken_rule_is_reported_in_table_order_with_its_path_and_value()
    {
        var errors = Errors(new Form
        {
            Url = "ftp://x", Model = "c", Fps = 31, Strength = 1, Size = 11, Template = new TemplateId("wild"),
            Single = new Item(), Items = [new Item { Code = "a" }, null, new Item { Code = "abcd" }], Numbers = [1, -1], Names = ["a", "b"],
        }, "body");

        Assert.Equal(
        [
            "body.url: pattern (matching ^https://), got ftp://x",
            "body.model: enum (one of a, b), got c",
            "body.fps: maximum (<= 30), got 31",
            "body.strength: exclusiveMaximum (< 1), got 1",
            "body.size: maximum (<= 10), got 11",
            "body.template: enum (one of normal, calm, active), got wild",
            "body.single.code: required (a value)",
            "body.items: maxItems (at most 2 items), got 3",
            "body.items[0].code: minLength (at least 2 characters), got a",
            "body.items[1]: required (a value)",
            "body.items[2].code: maxLength (at most 3 characters), got abcd",
            "body.numbers[1]: minimum (>= 0), got -1",
            "body.names: maxItems (at most 1 items), got 2",
        ], errors);
    }

    [Fact]
    public void A_missing_required_field_is_reported_and_its_rules_are_skipped_while_absent_optional_fields_are_not_checked()
    {
        Assert.Equal(["url: required (a value)"], Errors(new Form { Fps = 20 }));
    }

    [Fact]
    public void A_string_that_is_no_absolute_uri_breaks_the_format_rule_after_the_pattern()
    {
        Assert.Equal(["url: pattern (matching ^https://), got relative/path", "url: format (an absolute URI), got relative/path"], Errors(new Form { Url = "relative/path", Fps = 20 }));
        Assert.Equal(["url: format (an absolute URI), got https://"], Errors(new Form { Url = "https://", Fps = 20 }));
    }

    [Fact]
    public void A_lower_bound_and_an_empty_list_are_checked()
    {
        Assert.Equal(
            ["fps: minimum (>= 15), got 14", "strength: exclusiveMinimum (> 0), got 0", "items: minItems (at least 1 items), got 0"],
            Errors(new Form { Url = "https://x", Fps = 14, Strength = 0, Items = [] }));
    }

    [Fact]
    public void Generated_records_validate_through_their_tables_with_the_same_messages()
    {
        var request = new VideoSynthesisRequest
        {
            Model = RunTimeValue.Of("other"),
            Input = new VideoSynthesisInput { ImageUrl = RunTimeValue.Of("ftp://x/a.png"), AudioUrl = "https://x/a.mp3" },
            Parameters = new VideoSynthesisParameters { VideoFps = RunTimeValue.Of(60), TemplateId = new TemplateId(RunTimeValue.Of("wild")) },
        };

        var error = Assert.Throws<DashScopeValidationException>(request.Validate);

        Assert.Equal(
            "VideoSynthesisRequest is invalid: model: enum (one of liveportrait), got other; input.image_url: pattern (matching ^([Hh][Tt][Tt][Pp][Ss]?|oss)://[^\\s]+$), got ftp://x/a.png; parameters.template_id: enum (one of normal, calm, active), got wild; parameters.video_fps: maximum (<= 30), got 60 (Parameter 'model')",
            error.Message);
        Assert.Equal("model", error.Field);
    }
}
