using DashScope.Emulator.Xunit;

namespace DashScope.Emulator.Tests.Support;

/// <summary>An emulator without rate limits whose request body limit is small enough to pass in a test.</summary>
public sealed class SmallBodyLimitFixture : LivePortraitEmulatorFixture
{
    /// <summary>The body limit, in bytes.</summary>
    public const int BodyLimit = 4096;

    protected override void Configure(EmulatorOptions options)
    {
        options.DisableRateLimits = true;
        options.MaxRequestBodyBytes = BodyLimit;
    }
}
