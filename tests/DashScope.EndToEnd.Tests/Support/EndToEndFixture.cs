using DashScope.Emulator;
using DashScope.Emulator.Xunit;

namespace DashScope.EndToEnd.Tests.Support;

/// <summary>
/// One emulator per test class on a fake clock, with every timing the tests reason about set here
/// rather than taken from the emulator's defaults: a task waits 5 s in PENDING, then runs
/// 2 s + 2.5 s per second of audio (8.32 s for the 2.528 s sample WAV), or 1 s when it is going to fail.
/// </summary>
public class EndToEndFixture : LivePortraitEmulatorFixture
{
    public static readonly TimeSpan QueueDelay = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan RunningBase = TimeSpan.FromSeconds(2);
    public const double RunningPerAudioSecond = 2.5;
    public static readonly TimeSpan FailureDuration = TimeSpan.FromSeconds(1);

    /// <summary>Duration of the shipped <c>speech.wav</c>, as the emulator reports it in <c>usage.video_duration</c>.</summary>
    public const double SpeechWavSeconds = 2.528;

    protected override void Configure(EmulatorOptions options)
    {
        options.QueueDelay = QueueDelay;
        options.RunningBaseDuration = RunningBase;
        options.RunningSecondsPerAudioSecond = RunningPerAudioSecond;
        options.FailureDuration = FailureDuration;
    }
}
