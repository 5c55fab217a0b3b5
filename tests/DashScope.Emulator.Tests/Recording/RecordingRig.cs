using System.Text;
using System.Net.Http.Headers;
using DashScope.Emulator.Media;
using DashScope.Emulator.Recording;
using DashScope.Emulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace DashScope.Emulator.Tests.Recording;

/// <summary>
/// An upstream emulator on a fake clock, a recording proxy in front of it (its offsets on the same clock), and a
/// client of the proxy that sends the upstream's key. <see cref="RunSessionAsync"/> plays one session through it.
/// </summary>
internal sealed class RecordingRig : IAsyncDisposable
{
    /// <summary>Where every cassette the tests write goes; the secrets scan reads them all.</summary>
    public static readonly string CassetteDirectory = Path.Combine(AppContext.BaseDirectory, "test-cassettes");

    public RecordingRig(Action<EmulatorOptions>? upstream = null, DelegatingHandler? changes = null, string? cassetteName = null)
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        Upstream = LivePortraitEmulator.Start(o =>
        {
            o.TimeProvider = Clock;
            o.DemoApiKey = UpstreamKey;
            upstream?.Invoke(o);
        });
        if (changes is not null)
        {
            changes.InnerHandler = new SocketsHttpHandler { UseProxy = false };
        }

        CassettePath = cassetteName is null ? null : Path.Combine(CassetteDirectory, cassetteName + ".json");
        Proxy = LivePortraitEmulator.Start(o => o.Recording = new RecordingOptions(Upstream.Url)
        {
            Clock = Clock,
            UpstreamHandler = changes,
            CassettePath = CassettePath,
        });
        Client = Api.Client(Proxy, UpstreamKey);
    }

    /// <summary>A key that looks real, so the secrets scan has something to miss.</summary>
    /// <summary>What the session uploads: a PNG signature and some text.</summary>
    public static readonly byte[] UploadedBytes = [0x89, .. "PNG\r\n\x1a\n not really a picture"u8];

    public const string UpstreamKey = "sk-3f9c2a7d41e84b0c9a6e5d2f1b7c8e90";

    public FakeTimeProvider Clock { get; }

    public LivePortraitEmulator Upstream { get; }

    public LivePortraitEmulator Proxy { get; }

    public HttpClient Client { get; }

    public string? CassettePath { get; }

    public Cassette Cassette => Proxy.RecordedCassette!;

    /// <summary>What the session saw, for assertions.</summary>
    public SessionLog Log { get; } = new();

    /// <summary>
    /// A face check; a task polled once a second until it finishes; a submit with an out-of-range fps; a submit without
    /// the async header; a poll of an unknown task; the task list; an upload (policy and form) through the proxy.
    /// </summary>
    public async Task RunSessionAsync(bool upload = true)
    {
        var portrait = Upstream.SampleUrl(SampleMediaFile.Portrait);
        Log.Detect = await Api.DetectAsync(Client, portrait);
        Log.Submit = await Api.SubmitAsync(Client, Api.SampleSynthesisBody(Upstream));
        var polls = 0;
        do
        {
            Log.LastPoll = await Api.QueryAsync(Client, Log.Submit.TaskId);
            polls++;
            if (Log.LastPoll.TaskStatus is "SUCCEEDED" or "FAILED")
            {
                break;
            }

            Upstream.AdvanceClock(TimeSpan.FromSeconds(1));
        }
        while (polls < 120);

        Log.Polls = polls;
        Log.BadFps = await Api.SubmitAsync(Client, Api.SampleSynthesisBody(Upstream, parameters: """{"video_fps":60}"""));
        Log.NoHeader = await Api.SubmitAsync(Client, Api.SampleSynthesisBody(Upstream), asyncHeader: false);
        Log.Unknown = await Api.QueryAsync(Client, "00000000-0000-0000-0000-000000000000");
        Log.List = await Api.ListAsync(Client);
        if (upload)
        {
            var policy = await Uploader.PolicyAsync(Client, "liveportrait");
            Log.UploadHost = policy.GetProperty("upload_host").GetString();
            Log.Upload = await Uploader.PostAsync(policy, Uploader.Fields(policy, "face.png"), "face.png", UploadedBytes);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Proxy.DisposeAsync();
        await Upstream.DisposeAsync();
    }

    /// <summary>The answers the session's client got through the proxy.</summary>
    internal sealed class SessionLog
    {
        public ApiResult Detect { get; set; } = null!;

        public ApiResult Submit { get; set; } = null!;

        public ApiResult LastPoll { get; set; } = null!;

        public int Polls { get; set; }

        public ApiResult BadFps { get; set; } = null!;

        public ApiResult NoHeader { get; set; } = null!;

        public ApiResult Unknown { get; set; } = null!;

        public ApiResult List { get; set; } = null!;

        public string? UploadHost { get; set; }

        public UploadResult? Upload { get; set; }
    }
}

/// <summary>Changes the upstream's answers on their way to the proxy: the deliberate drift of the drift tests.</summary>
internal sealed class AnswerChanges : DelegatingHandler
{
    public Func<HttpRequestMessage, string, string>? Body { get; init; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (Body is null || response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return response;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var changed = Body(request, text);
        var content = new StringContent(changed, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        response.Content = content;
        return response;
    }
}
