using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using DashScope.Emulator.Http;
using DashScope.Emulator.Media;
using DashScope.Emulator.Schema;
using DashScope.Emulator.Tasks;
using DashScope.Emulator.Validation;
using Newtonsoft.Json.Linq;

namespace DashScope.Emulator.Benchmarks;

/// <summary>
/// The in-process steps of one submit, without HTTP, so the cost of each can be told apart: body
/// validation (compiled, and parse + NJsonSchema as before), media checks (own files), header verdict, task creation and the
/// answer. Not a throughput figure; a breakdown for deciding where to work.
/// </summary>
[Config(typeof(ShortRunConfig))]
public class SubmitWorkBenchmarks
{
    private LivePortraitSchema _schema = null!;
    private OperationDefinition _submit = null!;
    private RequestBodyValidator _bodyValidator = null!;
    private CompiledBodyValidator _compiledValidator = null!;
    private RequestHeaderValidator _headerValidator = null!;
    private MediaLibrary _media = null!;
    private MediaChecker _checker = null!;
    private DashScopeJson _json = null!;
    private TaskBoard _board = null!;
    private string _body = null!;
    private ValidatedBody _parsed = null!;
    private long _submitted;
    private readonly ITimer _timer = TimeProvider.System.CreateTimer(_ => { }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Authorization"] = "Bearer " + EmulatorOptions.DefaultDemoApiKey,
        ["Content-Type"] = "application/json; charset=utf-8",
        ["X-DashScope-Async"] = "enable",
    };

    [GlobalSetup]
    public void Setup()
    {
        _schema = LivePortraitSchema.LoadEmbedded();
        _submit = _schema.Operations[EmulatorEndpoint.VideoSynthesis];
        _bodyValidator = new RequestBodyValidator(_schema, new EmulatorOptions().UnknownModel);
        _compiledValidator = new CompiledBodyValidator(_schema, new EmulatorOptions().UnknownModel);
        _headerValidator = new RequestHeaderValidator(_schema);
        _media = new MediaLibrary(TimeSpan.FromSeconds(10));
        _media.RecogniseOwnUrls(u => u.Port == 18080);
        _checker = new MediaChecker(_schema, _media);
        _json = new DashScopeJson(_schema);
        _board = new TaskBoard(TimeProvider.System, new TaskTimings(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2), 2.5, TimeSpan.FromSeconds(1), TimeSpan.FromHours(24)));
        _body = """{"model":"liveportrait","input":{"image_url":"http://127.0.0.1:18080/__emulator/files/portrait.png","audio_url":"http://127.0.0.1:18080/__emulator/files/speech.wav"},"parameters":{"template_id":"normal","video_fps":24}}""";
        _parsed = _bodyValidator.Validate(_submit, _body).Body ?? throw new InvalidOperationException("The body does not validate.");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _board.Dispose();
        _media.Dispose();
    }

    [Benchmark]
    public JToken ParseOnly() => JToken.Parse(_body);

    [Benchmark]
    public object? ValidateBody() => _bodyValidator.Validate(_submit, _body).Body;

    [Benchmark]
    public object? ValidateBodyCompiled() => _compiledValidator.TryValidate(_submit, _body, out var outcome) ? outcome.Body : throw new InvalidOperationException("Undecided.");

    [Benchmark]
    public object? ValidateHeaders() => _headerValidator.Validate(_submit, name => _headers.TryGetValue(name, out var v) ? v : null);

    [Benchmark]
    public async Task<object> CheckMedia() => await _checker.CheckAsync(_submit, _parsed, CancellationToken.None).ConfigureAwait(false);

    [Benchmark]
    public string HashApiKey() => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(EmulatorOptions.DefaultDemoApiKey)))[..12];

    [Benchmark]
    public object SubmitToBoard()
    {
        // Forget the tasks every 10,000 submits, about what one HTTP benchmark case leaves on the board,
        // so the figure is not that of a board holding millions of tasks.
        if (++_submitted % 10_000 == 0)
        {
            _board.Reset();
        }

        return _board.Submit(new NewTask(EmulatorEndpoint.VideoSynthesis, 1, "demo", "key-1", "liveportrait", "req", "http://a/i.png", "http://a/a.wav", 2.5, null, null));
    }

    [Benchmark]
    public string NewGuidText() => Guid.NewGuid().ToString();

    [Benchmark]
    public string TimerChange()
    {
        _timer.Change(TimeSpan.FromHours(24), Timeout.InfiniteTimeSpan);
        return "";
    }

    [Benchmark]
    public byte[] WriteAnswer() => _json.Submission(Guid.NewGuid().ToString(), EmulatedTaskStatus.Pending, "req");
}
