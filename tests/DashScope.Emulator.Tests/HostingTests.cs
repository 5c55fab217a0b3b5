using DashScope.Emulator.Tests.Support;
using DashScope.Emulator.Xunit;

namespace DashScope.Emulator.Tests;

/// <summary>The xUnit fixture listens on a random loopback port and stops when disposed, and the emulator refuses non-loopback addresses (the standalone host has its own tests, in DashScope.Emulator.Host.Tests).</summary>
public sealed class HostingTests
{
    [Fact]
    public async Task FixtureListensOnARandomLoopbackPortAndStopsWhenDisposed()
    {
        var first = new LivePortraitEmulatorFixture();
        var second = new LivePortraitEmulatorFixture();
        await first.InitializeAsync();
        await second.InitializeAsync();
        var port = first.Emulator.Port;
        var emulator = first.Emulator;
        try
        {
            Assert.Equal("127.0.0.1", first.BaseUrl.Host);
            Assert.NotEqual(0, port);
            Assert.NotEqual(port, second.Emulator.Port);
            Assert.Equal("/api/v1", first.BaseUrl.AbsolutePath);
            using var client = first.CreateClient();
            Assert.Equal(200, (await Api.QueryAsync(client, "x")).Status);
        }
        finally
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
        }

        // Not a TCP probe: parallel test classes may legitimately reuse the freed port at once.
        Assert.False(emulator.IsRunning);
        Assert.Throws<InvalidOperationException>(() => first.Emulator);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("192.0.2.10")]
    public void NonLoopbackAddressIsRefusedWithoutAllowRemote(string host)
    {
        var error = Assert.Throws<InvalidOperationException>(() => LivePortraitEmulator.Start(o => o.Host = host));
        Assert.Contains("AllowRemote", error.Message);
    }
}
