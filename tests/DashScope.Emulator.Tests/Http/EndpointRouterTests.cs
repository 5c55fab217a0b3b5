using DashScope.Emulator.Http;
using DashScope.Emulator.Schema;

namespace DashScope.Emulator.Tests.Http;

/// <summary>The router reads a path's parameter from between the template's literal texts, as the pattern's group reads it.</summary>
public sealed class EndpointRouterTests
{
    private static readonly LivePortraitSchema Schema = LivePortraitSchema.LoadEmbedded();
    private static readonly EndpointRouter Router = new(Schema);

    [Theory]
    [InlineData("0b4c9a5e-1d7f-4c3a-9f5e-2a6b8c0d1e2f", "0b4c9a5e-1d7f-4c3a-9f5e-2a6b8c0d1e2f")]
    [InlineData("x", "x")]
    [InlineData("a%20b", "a b")]
    [InlineData("%2F", "/")]
    public void ATaskPathGivesItsIdUnescaped(string segment, string expected)
    {
        var operation = Router.Resolve("GET", Schema.BasePath + "/tasks/" + segment, out var known, out var parameter);

        Assert.NotNull(operation);
        Assert.True(known);
        Assert.Equal(expected, parameter);
    }

    [Theory]
    [InlineData("/tasks/abc\n", "abc\n")]
    [InlineData("/tasks/abc/cancel\n", "abc")]
    [InlineData("/tasks/a%20b/cancel", "a b")]
    public void AParameterBeforeLiteralTextOrAFinalNewlineIsReadAsThePatternReadsIt(string path, string expected)
    {
        // "$" also matches before a final newline: after the parameter it is part of it, after "/cancel" it is not.
        var operation = Router.Resolve("POST", Schema.BasePath + path, out var known, out var parameter);
        operation ??= Router.Resolve("GET", Schema.BasePath + path, out known, out parameter);

        Assert.NotNull(operation);
        Assert.True(known);
        Assert.Equal(expected, parameter);
    }

    [Theory]
    [InlineData("/tasks/")]
    [InlineData("/tasks/a/b")]
    [InlineData("/tasks")]
    public void APathWithoutOneWholeSegmentForTheIdIsNoTaskQuery(string path)
    {
        var operation = Router.Resolve("GET", Schema.BasePath + path, out _, out var parameter);

        Assert.True(operation is null || operation.Kind != Toolkit.Description.OperationKind.TaskQuery);
        Assert.Null(parameter);
    }

    [Fact]
    public void APathWithoutParametersGivesNoneAndAWrongMethodIsAKnownPath()
    {
        var submit = Schema.Operations[EmulatorEndpoint.VideoSynthesis];
        var path = Schema.BasePath + submit.Paths[0];

        Assert.Same(submit, Router.Resolve("POST", path, out var known, out var parameter));
        Assert.True(known);
        Assert.Null(parameter);
        Assert.Null(Router.Resolve("DELETE", path, out known, out _));
        Assert.True(known);
    }
}
