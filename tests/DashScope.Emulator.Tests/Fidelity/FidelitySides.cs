using DashScope.Emulator.Media;
using DashScope.Emulator.Tests.Support;
using DashScope.Emulator.Xunit;

namespace DashScope.Emulator.Tests.Fidelity;

/// <summary>What both sides' tests share: the emulator, its client, and the requests that meet each switch.</summary>
public abstract class FidelitySides : IDisposable
{
    /// <summary>A daily upload capacity one small file passes.</summary>
    internal const long CapacityBytes = 1024;

    private readonly SideFixture _fixture;

    private protected FidelitySides(SideFixture fixture)
    {
        _fixture = fixture;
        Emulator = fixture.Emulator.Reset();
        Client = Api.Client(Emulator);
    }

    internal LivePortraitEmulator Emulator { get; }

    internal HttpClient Client { get; }

    public void Dispose() => Client.Dispose();

    internal Task<ApiResult> SubmitWithImageAsync(string imageUrl) =>
        Api.SubmitAsync(Client, $$$"""{"model":"liveportrait","input":{"image_url":"{{{imageUrl}}}","audio_url":"{{{Emulator.SampleUrl(SampleMediaFile.SpeechWav)}}}"}}""");

    /// <summary>Queries the task once the clock has moved past any queue and run time.</summary>
    internal async Task<ApiResult> AfterItRanAsync(ApiResult submit)
    {
        Assert.True(submit.Status == 200, submit.Text);
        _fixture.Advance(TimeSpan.FromMinutes(5));
        return await Api.QueryAsync(Client, submit.TaskId);
    }

    internal async Task SubmitSamplesAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Api.SubmitSampleAsync(Client, Emulator);
        }
    }

    internal static void AssertFailed(ApiResult task, string code, string message)
    {
        Assert.True(task.TaskStatus == "FAILED", task.Text);
        Assert.Equal((code, message), (task.OutputString("code"), task.OutputString("message")));
    }

    internal static void AssertError(ApiResult result, int status, string code, string message) =>
        Assert.True((result.Status, result.Code, result.Message) == (status, code, message), result.Text);

    /// <summary>An emulator on the fake clock with the given fidelity, small upload capacity and no rate limits.</summary>
    public abstract class SideFixture(EmulatorFidelity fidelity) : LivePortraitEmulatorFixture
    {
        protected override void Configure(EmulatorOptions options)
        {
            options.Fidelity = fidelity;
            options.DisableRateLimits = true;
            options.UploadDailyCapacityBytes = CapacityBytes;
        }
    }
}
