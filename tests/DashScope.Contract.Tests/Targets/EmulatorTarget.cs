using DashScope.Emulator.Media;
using DashScope.Emulator.Xunit;

namespace DashScope.Contract.Tests.Targets;

/// <summary>The in-process emulator on a fake clock: the default target, never skipped. Derive to start it with another schema.</summary>
public class EmulatorTarget : LivePortraitEmulatorFixture, IContractTarget
{
    public string Name => "emulator";

    public Uri ApiRoot => BaseUrl;

    public bool CanAdvanceClock => Emulator.CanAdvanceClock;

    public bool RejectUndeclaredFields => true;

    public TimeSpan PollInterval => TimeSpan.FromSeconds(1);

    public TimeSpan TaskBudget => TimeSpan.FromMinutes(10);

    public Uri PortraitUrl => Emulator.SampleUrl(SampleMediaFile.Portrait);

    public Uri NoFaceImageUrl => Emulator.SampleUrl(SampleMediaFile.NoFaceImage);

    public Uri SpeechUrl => Emulator.SampleUrl(SampleMediaFile.SpeechMp3);

    public string OpenSession()
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var key = "sk-contract-" + id;
        Emulator.AddAccount("contract-" + id, key);
        return key;
    }

    public Task PassTimeAsync(TimeSpan time)
    {
        Advance(time);
        return Task.CompletedTask;
    }

    public HttpMessageHandler CreateTransport() => new SocketsHttpHandler { UseProxy = false };
}
