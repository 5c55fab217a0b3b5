using DashScope.Toolkit.Description.Tests.Oracle;
using Newtonsoft.Json.Linq;
using Xunit;

namespace DashScope.Toolkit.Description.Tests;

/// <summary>
/// The reader walks the schema's JSON tree itself; the reader it replaced walked NJsonSchema's object model and is
/// kept in <c>Oracle/</c> as the independent reading. For the shipped schemas, the test schemas and seeded variants
/// of them (valid and broken), both give the same description (value equality) and the same diagnostics at the
/// same places.
/// </summary>
public sealed class OracleAgreementTests
{
    private const int Seed = 20261130;
    private const string Path = "/schemas/liveportrait.schema.json";

    public static TheoryData<string> SchemaFiles => new() { TestSchemas.LivePortraitFile, TestSchemas.TwoTasksFile };

    [Theory]
    [MemberData(nameof(SchemaFiles))]
    public void A_test_schema_reads_to_the_description_the_NJsonSchema_reader_built(string file)
    {
        var text = TestSchemas.Text(file);
        var read = EndpointDescriptionReader.Read(TestSchemas.Path(file), text);
        var oracle = OracleDescriptionReader.Read(TestSchemas.Path(file), text);
        Assert.NotNull(oracle.Description);
        Assert.Equal(oracle.Description, read.Description);
        Assert.Equal(oracle.Diagnostics, read.Diagnostics);
    }

    [Theory]
    [InlineData("swap-value", 120, TestSchemas.LivePortraitFile)]
    [InlineData("drop-keyword", 120, TestSchemas.LivePortraitFile)]
    [InlineData("retarget-ref", 40, TestSchemas.LivePortraitFile)]
    [InlineData("add-keyword", 120, TestSchemas.LivePortraitFile)]
    [InlineData("swap-value", 40, TestSchemas.TwoTasksFile)]
    [InlineData("retarget-ref", 20, TestSchemas.TwoTasksFile)]
    [InlineData("add-keyword", 40, TestSchemas.TwoTasksFile)]
    public void Seeded_variants_read_alike(string kind, int count, string file)
    {
        var original = TestSchemas.Text(file);
        var random = new Random(Seed ^ kind.Length * 7919 ^ file.Length);
        var disagreements = new List<string>();
        var withDescription = 0;
        for (var i = 0; i < count; i++)
        {
            var (variant, label) = SchemaVariants.Make(kind, original, random);
            var read = EndpointDescriptionReader.Read(Path, variant);
            var oracle = OracleDescriptionReader.Read(Path, variant);
            if (read.Description is not null) { withDescription++; }
            if (!Equals(oracle.Description, read.Description) || !oracle.Diagnostics.Equals(read.Diagnostics))
            {
                disagreements.Add($"{label}: oracle [{Describe(oracle.Diagnostics)}] {(oracle.Description is null ? "no description" : "a description")}; reader [{Describe(read.Diagnostics)}] {(read.Description is null ? "no description" : "a description")}");
            }
        }
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        // The variants are a mix: some still describe the endpoint, so the equality of descriptions is exercised too.
        Assert.InRange(withDescription, 1, count);
    }

    private static string Describe(EquatableArray<DescriptionDiagnostic> diagnostics) =>
        string.Join("; ", diagnostics.Select(d => $"{d.Id} {d.Location.Line + 1}:{d.Location.Column + 1} {string.Join(" | ", d.Arguments)}"));
}

/// <summary>Seeded edits of a schema's JSON tree, written back as indented JSON so every position is in the new text.</summary>
internal static class SchemaVariants
{
    private static readonly JToken[] Values =
    [
        "text", "object", "string", "integer", "#/definitions/Nowhere", 0, 3, -1, 2.5, 1e3, true, false, JValue.CreateNull(),
        new JArray(), new JArray("a", "b"), new JArray(1, 2), new JObject(), JObject.Parse("""{ "type": "string" }"""),
    ];

    private static readonly string[] Keywords =
    [
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems", "uniqueItems",
        "multipleOf", "pattern", "format", "enum", "required", "additionalProperties", "items", "allOf", "oneOf", "anyOf", "not",
        "description", "default", "x-enumNames", "properties", "type", "$ref", "minProperties", "maxProperties", "x-dashscope-time-format",
    ];

    public static (string Text, string Label) Make(string kind, string original, Random random)
    {
        var root = JObject.Parse(original);
        var schemas = SchemaObjects(root).ToList();
        string label;
        switch (kind)
        {
            case "swap-value":
            {
                var properties = schemas.SelectMany(s => s.Properties()).ToList();
                var property = properties[random.Next(properties.Count)];
                var value = Values[random.Next(Values.Length)].DeepClone();
                label = $"{property.Path} = {value.ToString(Newtonsoft.Json.Formatting.None)}";
                property.Value = value;
                break;
            }
            case "drop-keyword":
            {
                var properties = schemas.SelectMany(s => s.Properties()).ToList();
                var property = properties[random.Next(properties.Count)];
                label = $"without {property.Path}";
                property.Remove();
                break;
            }
            case "retarget-ref":
            {
                var references = root.Descendants().OfType<JProperty>().Where(p => p.Name == "$ref").ToList();
                var definitions = ((JObject)root["definitions"]!).Properties().Select(p => "#/definitions/" + p.Name).ToList();
                var reference = references[random.Next(references.Count)];
                var target = random.Next(4) == 0 ? "#/definitions/" + definitions[random.Next(definitions.Count)].Split('/').Last() + "/properties" : definitions[random.Next(definitions.Count)];
                label = $"{reference.Path} -> {target}";
                reference.Value = target;
                break;
            }
            default:
            {
                var schema = schemas[random.Next(schemas.Count)];
                var keyword = Keywords[random.Next(Keywords.Length)];
                var value = Values[random.Next(Values.Length)].DeepClone();
                label = $"{schema.Path}.{keyword} = {value.ToString(Newtonsoft.Json.Formatting.None)}";
                schema[keyword] = value;
                break;
            }
        }
        return (root.ToString(Newtonsoft.Json.Formatting.Indented) + "\n", label);
    }

    /// <summary>Every object under "definitions" that is a schema: definitions, properties, items, branches.</summary>
    private static IEnumerable<JObject> SchemaObjects(JObject root)
    {
        var pending = new Stack<JObject>(((JObject)root["definitions"]!).Properties().Select(p => p.Value).OfType<JObject>());
        while (pending.Count > 0)
        {
            var schema = pending.Pop();
            yield return schema;
            foreach (var child in (schema["properties"] as JObject)?.Properties().Select(p => p.Value).OfType<JObject>() ?? [])
            {
                pending.Push(child);
            }
            if (schema["items"] is JObject item) { pending.Push(item); }
            foreach (var keyword in new[] { "allOf", "oneOf", "anyOf" })
            {
                foreach (var branch in (schema[keyword] as JArray)?.OfType<JObject>() ?? []) { pending.Push(branch); }
            }
            if (schema["not"] is JObject not) { pending.Push(not); }
        }
    }
}
