using System.Net;
using System.Net.Sockets;
using DashScope.Emulator.Tests.Support;
using DashScope.Emulator.Xunit;

namespace DashScope.Emulator.Tests;

/// <summary>
/// The xUnit fixture listens on a random loopback port and stops when disposed; the emulator refuses non-loopback
/// addresses, and a fixed port that another listener holds (the standalone host has its own tests, in
/// DashScope.Emulator.Host.Tests).
/// </summary>
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

    [Fact]
    public void AFixedPortAnotherListenerHoldsIsRefusedNamingTheAddressAndTheCause()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var error = Assert.Throws<InvalidOperationException>(() => LivePortraitEmulator.Start(o => o.Port = port));

        Assert.StartsWith($"The emulator could not listen on 127.0.0.1:{port}: ", error.Message);
        Assert.Equal(SocketError.AddressAlreadyInUse, Assert.IsType<SocketException>(error.InnerException).SocketErrorCode);
    }

    [Fact]
    public void OnLocalhostAFixedPortTakenOnTheIPv6LoopbackIsRefusedToo()
    {
        // Kestrel binds both loopback addresses for localhost, so a port held on ::1 alone is as taken. Where the
        // machine has no IPv6 loopback, the emulator does without it and starts.
        using var taken = new TcpListener(IPAddress.IPv6Loopback, 0);
        try
        {
            taken.Start();
        }
        catch (SocketException)
        {
            int free;
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                free = ((IPEndPoint)probe.LocalEndpoint).Port;
            }

            using var started = LivePortraitEmulator.Start(o => { o.Host = "localhost"; o.Port = free; });
            Assert.Equal(free, started.Port);
            return;
        }

        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var error = Assert.Throws<InvalidOperationException>(() => LivePortraitEmulator.Start(o => { o.Host = "localhost"; o.Port = port; }));

        Assert.StartsWith($"The emulator could not listen on localhost:{port}: ", error.Message);
        Assert.Equal(SocketError.AddressAlreadyInUse, Assert.IsType<SocketException>(error.InnerException).SocketErrorCode);
    }

    [Fact]
    public async Task AFixedPortWhoseLastConnectionLingersInTimeWaitStillStarts()
    {
        int port;
        using (var earlier = new TcpListener(IPAddress.Loopback, 0))
        {
            earlier.Start();
            port = ((IPEndPoint)earlier.LocalEndpoint).Port;
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            using (var accepted = await earlier.AcceptSocketAsync())
            {
                // The side that closes first keeps the connection in TIME_WAIT: here, on the port the emulator wants.
                accepted.Close();
            }
        }

        await using var emulator = LivePortraitEmulator.Start(o => o.Port = port);
        using var api = Api.Client(emulator);
        Assert.Equal(port, emulator.Port);
        Assert.Equal(200, (await Api.QueryAsync(api, "x")).Status);
    }
}
