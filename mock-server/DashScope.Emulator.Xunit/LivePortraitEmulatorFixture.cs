using System.Net.Http.Headers;
using DashScope.Toolkit;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Emulator.Xunit;

/// <summary>
/// An xUnit class fixture that runs one <see cref="LivePortraitEmulator"/> per test class on a random
/// loopback port, with a <see cref="FakeTimeProvider"/> as its clock, and stops it when the class is done.
/// Use it with <c>IClassFixture&lt;LivePortraitEmulatorFixture&gt;</c>; derive and override
/// <see cref="Configure"/> to change options.
/// </summary>
/// <remarks>
/// This part is shared, as a linked file, by the xUnit v2 and v3 packages; each adds the <c>IAsyncLifetime</c> of
/// its xUnit version in <c>LivePortraitEmulatorFixture.Lifetime.cs</c>.
/// </remarks>
public partial class LivePortraitEmulatorFixture
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

    /// <summary>
    /// A plain <see cref="HttpClient"/> for raw calls: its base address is the API base (with a trailing slash) and it
    /// sends the key. For a generated client use <see cref="CreateClient{TClient}"/>, which sets its options instead.
    /// </summary>
    /// <param name="apiKey">The key; the demo key when null.</param>
    public HttpClient CreateClient(string? apiKey = null)
    {
        var client = new HttpClient(new EnvironmentKeyGuard(this) { InnerHandler = new SocketsHttpHandler { UseProxy = false } })
        {
            BaseAddress = new Uri(BaseUrl.ToString().TrimEnd('/') + "/"),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey ?? Emulator.DemoApiKey);
        return client;
    }

    /// <summary>
    /// A generated client wired to this emulator: the emulator's key (the demo account's unless given), its base
    /// address, the fake clock, and requests sent through the <see cref="ClockDriver"/> so waits move the clock.
    /// The environment's <c>DASHSCOPE_API_KEY</c> is never used. Dispose the client's HTTP connections by disposing
    /// the fixture (the emulator) or keep the returned client for the test class. When the emulator records a real
    /// service, pass that service's key as <paramref name="apiKey"/>: the client then runs on the system clock.
    /// </summary>
    /// <typeparam name="TClient">Any generated client, e.g. <c>LivePortraitClient</c>.</typeparam>
    /// <param name="configure">Adjusts the options afterwards (waiting, retries...).</param>
    /// <param name="apiKey">The key to send; the demo key when null.</param>
    public TClient CreateClient<TClient>(Action<DashScopeClientOptions>? configure = null, string? apiKey = null)
        where TClient : IDashScopeClientFactory<TClient>
    {
        // A recording talks to a real service in real time: the fake clock would only make the client poll it in a loop.
        var http = new HttpClient(new EnvironmentKeyGuard(this)
        {
            InnerHandler = Emulator.IsRecording ? new SocketsHttpHandler { UseProxy = false } : ClockDriver.CreateHandler(),
        });
        return TClient.Create(http, options =>
        {
            Configure(options, apiKey);
            configure?.Invoke(options);
        });
    }

    /// <summary>
    /// Points <paramref name="options"/> at this emulator: key (the demo key unless given), base address and fake clock;
    /// the system clock when the emulator records a real service (see <see cref="EmulatorOptions.Recording"/>).
    /// </summary>
    /// <typeparam name="TOptions">A generated client's options.</typeparam>
    /// <param name="options">The options to set.</param>
    /// <param name="apiKey">The key to send; the demo key when null.</param>
    /// <returns>The same options.</returns>
    public TOptions Configure<TOptions>(TOptions options, string? apiKey = null)
        where TOptions : DashScopeClientOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ApiKey = apiKey ?? Emulator.DemoApiKey;
        options.BaseAddress = BaseUrl;
        options.TimeProvider = Emulator.IsRecording ? TimeProvider.System : Clock;
        return options;
    }

    /// <summary>Moves the fake clock forward and applies every task transition due by then.</summary>
    public void Advance(TimeSpan by) => Emulator.AdvanceClock(by);

    /// <summary>Moves the clock while code under test waits; send its requests through <see cref="EmulatorClockDriver.CreateHandler"/>.</summary>
    public EmulatorClockDriver ClockDriver => _clockDriver ??= new EmulatorClockDriver(Emulator);

    private EmulatorClockDriver? _clockDriver;

    /// <summary>Starts the emulator on the fake clock and loopback, then lets a derived fixture prepare it.</summary>
    private void Start()
    {
        var options = new EmulatorOptions { TimeProvider = Clock, Host = "127.0.0.1", Port = 0 };
        Configure(options);
        _emulator = LivePortraitEmulator.Start(options);
        OnStarted(_emulator);
    }

    /// <summary>Stops the emulator, if it runs.</summary>
    private async ValueTask StopAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync().ConfigureAwait(false);
            _emulator = null;
        }
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
