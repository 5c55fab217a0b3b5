using DashScope.Emulator;
using DashScope.Emulator.Media;
using DashScope.Emulator.Xunit;
using DashScope.LivePortrait;

namespace DashScope.Toolkit.Hosting.Tests.Support;

/// <summary>
/// One emulator per test class on a fake clock, with the timings the tests reason about set here: a task waits
/// 5 s in PENDING, then runs 2 s + 2.5 s per second of audio (8.32 s for the 2.528 s sample WAV).
/// </summary>
public class HostingFixture : LivePortraitEmulatorFixture
{
    public static readonly TimeSpan QueueDelay = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan SampleRunTime = TimeSpan.FromSeconds(2 + 2.5 * 2.528);

    protected override void Configure(EmulatorOptions options)
    {
        options.QueueDelay = QueueDelay;
        options.RunningBaseDuration = TimeSpan.FromSeconds(2);
        options.RunningSecondsPerAudioSecond = 2.5;
        options.FailureDuration = TimeSpan.FromSeconds(1);
    }

    /// <summary>A new account on the emulator and the key that names it, so each test's requests stand apart.</summary>
    public (string AccountId, string ApiKey) NewAccount()
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var account = ("hosting-" + id, "sk-hosting-" + id);
        Emulator.AddAccount(account.Item1, account.Item2);
        return account;
    }

    /// <summary>A provider with the generated client behind AddDashScopeResilience, sending to this emulator.</summary>
    public ClientHost Host(string apiKey) => new(Clock, () => ClockDriver.CreateHandler(), BaseUrl, apiKey);

    /// <summary>Moves the fake clock while <paramref name="work"/> waits on it.</summary>
    public Task<T> Drive<T>(Task<T> work) => ClockDriver.DriveAsync(work, TimeSpan.FromMilliseconds(250), TimeSpan.FromHours(1));

    /// <summary>A submit on the emulator's own sample media (the portrait has a face unless <paramref name="faceless"/>).</summary>
    public VideoSynthesisRequest SampleRequest(bool faceless = false) => new()
    {
        Input = new VideoSynthesisInput
        {
            ImageUrl = Emulator.SampleUrl(faceless ? SampleMediaFile.NoFaceImage : SampleMediaFile.Portrait).ToString(),
            AudioUrl = Emulator.SampleUrl(SampleMediaFile.SpeechWav).ToString(),
        },
    };
}
