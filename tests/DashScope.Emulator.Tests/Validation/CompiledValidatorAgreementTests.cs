using System.Text.Json.Nodes;
using DashScope.Emulator.Schema;
using DashScope.Emulator.Tests.Support;
using DashScope.Emulator.Validation;
using DashScope.Toolkit.Description;
using Xunit.Abstractions;

namespace DashScope.Emulator.Tests.Validation;

/// <summary>
/// The compiled body validator against its oracle, the NJsonSchema one: on every example body and on generated valid
/// and broken bodies, both must give the same answer (status, code, message, whether it is a media URL problem, and
/// the model and media URLs read from the body), for each way of answering an unknown model.
/// </summary>
public sealed class CompiledValidatorAgreementTests
{
    private const int BrokenBodiesPerSchema = 6000;

    private readonly ITestOutputHelper _output;

    public CompiledValidatorAgreementTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string, UnknownModelBehavior> Schemas() => new()
    {
        { "liveportrait", UnknownModelBehavior.InvalidParameter400 },
        { "liveportrait", UnknownModelBehavior.ModelNotFound404 },
        { "two-tasks", UnknownModelBehavior.InvalidParameter400 },
        { "extended", UnknownModelBehavior.InvalidParameter400 },
    };

    [Fact]
    public void EveryExampleRequestBodyGetsTheSameAnswer()
    {
        var schema = Load("liveportrait");
        var compiled = new CompiledBodyValidator(schema, UnknownModelBehavior.InvalidParameter400);
        var oracle = new RequestBodyValidator(schema, UnknownModelBehavior.InvalidParameter400);
        var examples = Directory.GetFiles(Path.Combine(Path.GetDirectoryName(SchemaFiles.LivePortrait)!, "examples"), "*Request.*.json");
        Assert.NotEmpty(examples);
        foreach (var file in examples)
        {
            var definition = Path.GetFileName(file).Split('.')[0];
            var operation = schema.Operations.Values.Single(o => o.Description.RequestModel == definition);
            var body = File.ReadAllText(file);
            Assert.True(compiled.TryValidate(operation, body, out var outcome), file);
            Assert.Null(outcome.Error);
            AssertSame(oracle.Validate(operation, body), outcome, body);
        }
    }

    [Theory]
    [MemberData(nameof(Schemas))]
    public void GeneratedBodiesGetTheSameAnswerFromBoth(string schemaName, UnknownModelBehavior unknownModel)
    {
        var schema = Load(schemaName);
        var compiled = new CompiledBodyValidator(schema, unknownModel);
        var oracle = new RequestBodyValidator(schema, unknownModel);
        var operations = schema.Operations.Values.Where(o => o.RequestSchema is not null).ToList();
        Assert.All(operations, o => Assert.True(compiled.Covers(o), o.Name + " is not compiled"));
        var generator = new BodyGenerator(schema.Description, seed: 20240611 + schemaName.Length);

        var valid = 0;
        foreach (var operation in operations)
        {
            for (var i = 0; i < 100; i++)
            {
                var body = generator.Valid(operation.Description).ToJsonString();
                Assert.True(compiled.TryValidate(operation, body, out var outcome), body);
                Assert.True(outcome.Error is null, body + " => " + outcome.Error);
                AssertSame(oracle.Validate(operation, body), outcome, body);
                valid++;
            }
        }

        int invalid = 0, undecided = 0, comparedInvalid = 0;
        var codes = new Dictionary<string, int>();
        for (var i = 0; i < BrokenBodiesPerSchema; i++)
        {
            var operation = operations[i % operations.Count];
            var body = generator.Broken(operation.Description);
            var expected = oracle.Validate(operation, body);
            if (expected.Error is { } error)
            {
                invalid++;
                var key = error.Code + (expected.IsUrlProblem ? " (url)" : "");
                codes[key] = codes.GetValueOrDefault(key) + 1;
            }

            if (!compiled.TryValidate(operation, body, out var outcome))
            {
                undecided++;
                continue;
            }

            AssertSame(expected, outcome, body);
            comparedInvalid += expected.Error is null ? 0 : 1;
        }

        _output.WriteLine($"{schemaName}: {valid} valid, {invalid} of {BrokenBodiesPerSchema} broken bodies invalid, {undecided} left to NJsonSchema, {comparedInvalid} invalid ones answered alike by both");
        foreach (var (code, count) in codes.OrderByDescending(c => c.Value))
        {
            _output.WriteLine($"  {code}: {count}");
        }

        // The mutations break most bodies, and the compiled validator decides most of them itself: over the four
        // variants at least 4 x 3,000 invalid bodies get the same answer from both.
        Assert.True(comparedInvalid >= 3000, $"only {comparedInvalid} invalid bodies compared");
        Assert.True(undecided <= BrokenBodiesPerSchema * 0.25, $"{undecided} undecided");
        Assert.True(codes.Count >= 5, "too few kinds of error: " + string.Join(", ", codes.Keys));
    }

    [Theory]
    [InlineData("{\"model\":\"liveportrait\",\"input\":{\"image_url\":\"https://a/b.png\",\"audio_url\":\"https://a/b.mp3\"} /* note */}")]
    [InlineData("{'model':'liveportrait'}")]
    [InlineData("{\"model\":\"2024-01-02T03:04:05\",\"input\":{}}")]
    [InlineData("{\"model\":\"live\\ud800\",\"input\":{}}")]
    public void BodiesNewtonsoftReadsDifferentlyAreLeftToNJsonSchema(string body)
    {
        var schema = Load("liveportrait");
        var compiled = new CompiledBodyValidator(schema, UnknownModelBehavior.InvalidParameter400);
        Assert.False(compiled.TryValidate(schema.Operations[EmulatorEndpoint.VideoSynthesis], body, out _));
    }

    private static void AssertSame(ValidationOutcome expected, ValidationOutcome actual, string body)
    {
        var message = $"body: {body}\nNJsonSchema: {expected.Error} url={expected.IsUrlProblem}\ncompiled: {actual.Error} url={actual.IsUrlProblem}";
        Assert.True(expected.Error == actual.Error, message);
        Assert.True(expected.IsUrlProblem == actual.IsUrlProblem, message);
        Assert.True((expected.Body is null) == (actual.Body is null), message);
        if (expected.Body is { } e && actual.Body is { } a)
        {
            Assert.True(e.Model == a.Model, message + $"\nmodel {e.Model} / {a.Model}");
            for (var i = 0; i < e.MediaUrlCount; i++)
            {
                Assert.True(e.MediaUrl(i) == a.MediaUrl(i), message + $"\nurl {i}: {e.MediaUrl(i)} / {a.MediaUrl(i)}");
            }
        }
    }

    private static LivePortraitSchema Load(string name) => name switch
    {
        "liveportrait" => LivePortraitSchema.LoadFile(SchemaFiles.LivePortrait),
        "two-tasks" => LivePortraitSchema.LoadFile(SchemaFiles.TwoTasks),
        _ => Extended(),
    };

    /// <summary>The shipped schema with rules it does not use itself: arrays, closed objects, property counts, exclusive bounds, multiples.</summary>
    private static LivePortraitSchema Extended()
    {
        var root = JsonNode.Parse(File.ReadAllText(SchemaFiles.LivePortrait))!;
        var parameters = root["definitions"]!["VideoSynthesisParameters"]!.AsObject();
        parameters["additionalProperties"] = false;
        parameters["maxProperties"] = 6;
        var properties = parameters["properties"]!.AsObject();
        properties["seed"] = JsonNode.Parse("""{ "type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 1000, "multipleOf": 5 }""");
        properties["tags"] = JsonNode.Parse("""{ "type": "array", "minItems": 1, "maxItems": 3, "items": { "type": "string", "enum": ["a", "b", "c"] } }""");
        properties["regions"] = JsonNode.Parse("""
            { "type": "array", "maxItems": 2, "items": { "type": "object", "required": ["x"], "minProperties": 1,
              "properties": { "x": { "type": "number", "minimum": -1, "maximum": 1 }, "link": { "type": "string", "format": "uri" } } } }
            """);
        properties["label"] = JsonNode.Parse("""{ "type": "string", "minLength": 2, "maxLength": 5, "pattern": "^[a-z]+$" }""");
        var input = root["definitions"]!["VideoSynthesisInput"]!.AsObject();
        input["minProperties"] = 2;
        return LivePortraitSchema.Parse("extended.schema.json", root.ToJsonString());
    }
}
