using DashScope.Emulator.Schema;
using DashScope.Emulator.Tests.Support;
using DashScope.Emulator.Validation;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Tests.Validation;

/// <summary>
/// The compiled validator reuses one check run per thread, with the texts it read for the handlers: nothing of one
/// body may show in the next one's answer, also after a body it stopped checking halfway.
/// </summary>
public sealed class CompiledValidatorReuseTests
{
    private readonly LivePortraitSchema _schema = LivePortraitSchema.LoadFile(SchemaFiles.LivePortrait);

    [Fact]
    public void EachBodysValuesAreItsOwnAfterAnotherBodyOnTheSameThread()
    {
        var validator = new CompiledBodyValidator(_schema, UnknownModelBehavior.InvalidParameter400);
        var operation = VideoSynthesis();

        var first = Values(validator, operation, Body("liveportrait", "https://a.example/first.png", "https://a.example/first.wav"));
        // Left to NJsonSchema halfway through the walk: a string that is not valid UTF-16 once unescaped.
        Assert.False(validator.TryValidate(operation, Body("liveportrait", "https://a.example/\\ud800.png", "https://a.example/x.wav"), out _));
        var second = Values(validator, operation, Body("liveportrait", "https://b.example/second.png", "https://b.example/second.wav"));

        Assert.Equal(new string?[] { "https://a.example/first.png", "https://a.example/first.wav" }, Urls(first));
        Assert.Equal(new string?[] { "https://b.example/second.png", "https://b.example/second.wav" }, Urls(second));
        Assert.Equal("liveportrait", second.Model);
    }

    [Fact]
    public void AValueTheWalkDidNotReadAsTextIsLookedUpNotTakenFromTheBodyBefore()
    {
        var validator = new CompiledBodyValidator(_schema, UnknownModelBehavior.InvalidParameter400);
        var oracle = new RequestBodyValidator(_schema, UnknownModelBehavior.InvalidParameter400);
        var operation = VideoSynthesis();
        Values(validator, operation, Body("liveportrait", "https://a.example/first.png", "https://a.example/first.wav"));
        // A number where a media URL stands: a media URL problem, whose answer still carries the body's values.
        var body = """{"model":"liveportrait","input":{"image_url":5,"audio_url":"https://b.example/second.wav"},"parameters":{"template_id":"normal"}}""";

        Assert.True(validator.TryValidate(operation, body, out var outcome));
        var expected = oracle.Validate(operation, body);

        Assert.True(expected.IsUrlProblem);
        Assert.Equal(expected.Error, outcome.Error);
        Assert.Equal(Urls(expected.Body!), Urls(outcome.Body!));
        Assert.Contains("5", Urls(outcome.Body!));
    }

    [Fact]
    public void RepeatedNamesGiveTheLastValueAsTheOracleDoes()
    {
        var validator = new CompiledBodyValidator(_schema, UnknownModelBehavior.InvalidParameter400);
        var oracle = new RequestBodyValidator(_schema, UnknownModelBehavior.InvalidParameter400);
        var operation = VideoSynthesis();
        var body = """{"model":"liveportrait","input":{"image_url":"https://a.example/early.png","audio_url":"https://a.example/a.wav","image_url":"https://a.example/late.png"},"parameters":{"template_id":"normal"}}""";

        var values = Values(validator, operation, body);

        Assert.Contains("https://a.example/late.png", Urls(values));
        Assert.DoesNotContain("https://a.example/early.png", Urls(values));
        Assert.Equal(Urls(oracle.Validate(operation, body).Body!), Urls(values));
    }

    private OperationDefinition VideoSynthesis() =>
        _schema.Operations.Values.Single(o => o.Description.RequestModel is not null && o.MediaRules.Count == 2);

    private static ValidatedBody Values(CompiledBodyValidator validator, OperationDefinition operation, string body)
    {
        Assert.True(validator.TryValidate(operation, body, out var outcome), body);
        Assert.True(outcome.Error is null, body + " => " + outcome.Error);
        return outcome.Body!;
    }

    private static string?[] Urls(ValidatedBody body) => Enumerable.Range(0, body.MediaUrlCount).Select(body.MediaUrl).ToArray();

    private static string Body(string model, string imageUrl, string audioUrl) =>
        $$$"""{"model":"{{{model}}}","input":{"image_url":"{{{imageUrl}}}","audio_url":"{{{audioUrl}}}"},"parameters":{"template_id":"normal"}}""";
}
