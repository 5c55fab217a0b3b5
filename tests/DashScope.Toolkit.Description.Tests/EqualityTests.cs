using System.Text.Json.Nodes;
using Xunit;

namespace DashScope.Toolkit.Description.Tests;

/// <summary>The description is a value: equal for equal meaning, whatever the layout of the text; different for a real change.</summary>
public sealed class EqualityTests
{
    private static readonly string Original = TestSchemas.Text(TestSchemas.LivePortraitFile);

    private static EndpointDescription Describe(string text) => EndpointDescriptionReader.Read("/schemas/liveportrait.schema.json", text).GetDescriptionOrThrow();

    [Fact]
    public void Two_readings_of_one_text_are_equal()
    {
        var first = Describe(Original);
        var second = Describe(Original);
        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void Whitespace_only_edits_give_an_equal_description()
    {
        // Leading indentation and line ends are outside any JSON string, so these edits change layout only.
        var tabs = string.Join("\n", Original.Split('\n').Select(line => line.TrimStart(' ').Length == line.Length ? line : new string('\t', (line.Length - line.TrimStart(' ').Length) / 2) + line.TrimStart(' ')));
        var trailing = "\n\n" + string.Join("   \n", Original.Split('\n')) + "\n  \n";
        var compact = JsonNode.Parse(Original)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var expected = Describe(Original);
        Assert.Equal(expected, Describe(tabs));
        Assert.Equal(expected, Describe(trailing));
        Assert.Equal(expected, Describe(compact));
    }

    [Fact]
    public void Moving_definitions_gives_an_equal_description()
    {
        var reversed = TestSchemas.Edit(Original, root =>
        {
            var definitions = root["definitions"]!.AsObject();
            var moved = new JsonObject();
            foreach (var (name, value) in definitions.Reverse().ToList())
            {
                definitions.Remove(name);
                moved[name] = value;
            }
            root["definitions"] = moved;
        });
        Assert.NotEqual(Original, reversed);
        Assert.Equal(Describe(Original), Describe(reversed));
    }

    [Fact]
    public void A_real_change_gives_a_different_description()
    {
        var original = Describe(Original);
        var fps = Describe(TestSchemas.Edit(Original, root => root["definitions"]!["VideoSynthesisParameters"]!["properties"]!["video_fps"]!["maximum"] = 60));
        var path = Describe(TestSchemas.Edit(Original, root => root["x-dashscope-tasks"]!["query"]!["path"] = "/v2/tasks/{task_id}"));
        var error = Describe(TestSchemas.Edit(Original, root => root["x-dashscope-errors"]!["throttling"]!["message"] = "Slow down."));
        Assert.NotEqual(original, fps);
        Assert.NotEqual(original, path);
        Assert.NotEqual(original, error);
        Assert.Equal("60", fps.Model("VideoSynthesisParameters").Property("video_fps")!.Type.Rules.Maximum);
    }
}
