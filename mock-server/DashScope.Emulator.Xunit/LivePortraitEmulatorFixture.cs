using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace DashScope.Emulator.Xunit;

/// <summary>
/// An xUnit class fixture that runs one <see cref="LivePortraitEmulator"/> per test class on a random
/// loopback port, with a <see cref="FakeTimeProvider"/> as its clock, and stops it when the class is done.
/// Use it with <c>IClassFixture&lt;LivePortraitEmulatorFixture&gt;</c>; derive and override
/// <see cref="Configure"/> to change options.
/// </summary>
public class LivePortraitEmulatorFixture : IAsyncLifetime
{
    /// <summary>The instant the fake clock starts at: the documented example's submit time (UTC).</summary>
    public static readonly DateTimeOffset DefaultStart = new(2025, 12, 26, 3, 33, 3, 146, TimeSpan.Zero);

    private LivePortraitEmulator? _emulator;

    /// <summary>The fake clock the emulator runs on; advance it with <see cref="Advance"/> or directly.</summary>
    public FakeTimeProvider Clock { get; } = new(DefaultStart);

    /// <summary>The running emulator.</summary>
    public LivePortraitEmulator Emulator => _emulator ?? throw new InvalidOperationException("The fixture has not been initialised by xUnit yet.");

    /// <summary>The API base to give clients.</summary>
    public Uri BaseUrl => Emulator.BaseUrl;

    /// <summary>An <see cref="HttpClient"/> whose base address is the API base (with a trailing slash) and which sends the key.</summary>
    /// <param name="apiKey">The key; the demo key when null.</param>
    public HttpClient CreateClient(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl.ToString().TrimEnd('/') + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey ?? Emulator.DemoApiKey);
        return client;
    }

    /// <summary>Moves the fake clock forward and applies every task transition due by then.</summary>
    public void Advance(TimeSpan by) => Emulator.AdvanceClock(by);

    /// <summary>Moves the clock while code under test waits; send its requests through <see cref="EmulatorClockDriver.CreateHandler"/>.</summary>
    public EmulatorClockDriver ClockDriver => _clockDriver ??= new EmulatorClockDriver(Emulator);

    private EmulatorClockDriver? _clockDriver;

    /// <summary>Starts the emulator (called by xUnit before the first test of the class).</summary>
    public Task InitializeAsync()
    {
        var options = new EmulatorOptions { TimeProvider = Clock, Host = "127.0.0.1", Port = 0 };
        Configure(options);
        _emulator = LivePortraitEmulator.Start(options);
        OnStarted(_emulator);
        return Task.CompletedTask;
    }

    /// <summary>Stops the emulator (called by xUnit after the last test of the class).</summary>
    public async Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync().ConfigureAwait(false);
            _emulator = null;
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Override to change the options; the clock and the loopback binding are already set.</summary>
    protected virtual void Configure(EmulatorOptions options)
    {
    }

    /// <summary>Override to prepare the running emulator once per class (register accounts, serve files...).</summary>
    protected virtual void OnStarted(LivePortraitEmulator emulator)
    {
    }
}
