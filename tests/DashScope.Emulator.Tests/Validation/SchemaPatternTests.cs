using DashScope.Emulator.Validation;

namespace DashScope.Emulator.Tests.Validation;

/// <summary>A schema pattern is interpreted until it is hot, then compiled, and answers the same either way.</summary>
public sealed class SchemaPatternTests
{
    private const string UrlPattern = "^([Hh][Tt][Tt][Pp][Ss]?|oss)://[^\\s]+$";

    private static readonly string[] Texts =
    [
        "https://example.com/a.png", "HTTP://x/y", "oss://bucket/key", "ftp://x/y", "https://has space/x", "", "https://",
        "oss:/missing", "hTtPs://ok/ü", "https://x/\n",
    ];

    [Fact]
    public void ItIsCompiledAfterItsWarmUpAndNotBefore()
    {
        var pattern = new SchemaPattern(UrlPattern, static p => p.Compile());

        for (var i = 1; i < SchemaPattern.CompileAfter; i++)
        {
            pattern.IsMatch("https://example.com/" + i);
        }

        Assert.False(pattern.IsCompiled);
        pattern.IsMatch("https://example.com/last");
        Assert.True(pattern.IsCompiled);
    }

    [Fact]
    public void InterpretedAndCompiledGiveTheSameAnswers()
    {
        var pattern = new SchemaPattern(UrlPattern, static p => p.Compile());
        var interpreted = Texts.Select(pattern.IsMatch).ToArray();
        for (var i = 0; i < SchemaPattern.CompileAfter; i++)
        {
            pattern.IsMatch("x");
        }

        Assert.True(pattern.IsCompiled);
        Assert.Equal(interpreted, Texts.Select(pattern.IsMatch).ToArray());
        // "$" also matches before a final line feed, in both.
        Assert.Equal(new[] { true, true, true, false, false, false, false, false, true, true }, interpreted);
    }

    [Fact]
    public void OnePatternTextIsOneSharedInstance()
    {
        Assert.Same(SchemaPattern.For(UrlPattern), SchemaPattern.For(new string(UrlPattern.AsSpan())));
        Assert.NotSame(SchemaPattern.For(UrlPattern), SchemaPattern.For("^Bearer \\S+$"));
    }
}
