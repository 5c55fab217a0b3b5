using System.Text.Json;
using DashScope.Emulator.Accounts;
using DashScope.Emulator.Admin;
using DashScope.Emulator.Dashboard;
using DashScope.Emulator.Faults;
using DashScope.Emulator.Hosting;
using DashScope.Emulator.Limits;
using DashScope.Emulator.Media;
using DashScope.Emulator.Pipeline;
using DashScope.Emulator.Results;
using DashScope.Emulator.Schema;
using DashScope.Emulator.Tasks;
using DashScope.Emulator.Uploads;

namespace DashScope.Emulator;

/// <summary>
/// An offline emulator of DashScope's LivePortrait API, hosted on WireMock.Net. Start one with
/// <see cref="Start(EmulatorOptions?)"/>, point a client at <see cref="BaseUrl"/> with <see cref="DemoApiKey"/>,
/// and steer it through the control methods (accounts, media, tasks, clock, faults, journal) or over
/// the admin HTTP path <c>/__emulator/</c>.
/// </summary>
public sealed partial class LivePortraitEmulator : IDisposable, IAsyncDisposable
{
    /// <summary>Path prefix of the admin HTTP surface and of the files the emulator serves.</summary>
    public const string AdminPathPrefix = "/__emulator/";

    /// <summary>JSON settings of the admin API: camelCase, enums as their names.</summary>
    public static readonly JsonSerializerOptions AdminJson = AdminAnswers.Options;

    private readonly EmulatorOptions _options;

    // Made per emulator and handed to the links; a test reads it to recompute a signature.
    private readonly byte[] _signingKey = Guid.NewGuid().ToByteArray();
    private readonly TaskBoard _board;
    private readonly FaultScript _faults = new();
    private readonly RequestJournal _journal;
    private readonly MediaLibrary _media;
    private readonly RateLimiter _rateLimiter;
    private readonly AccountRegistry _accounts;
    private readonly ResultLinks _links;
    private readonly RequestPipeline _pipeline;
    private readonly EmulatorServer _server;
    private readonly AdminApi _admin;
    private readonly EventStream _events;
    private readonly Func<Microsoft.AspNetCore.Http.HttpContext, Microsoft.AspNetCore.Http.RequestDelegate, Task>? _interceptor;
    private readonly TemporaryStorage? _storage;
    private readonly ChangeTracker _changes = new();
    private readonly ChangeFeed _feed;

    private LivePortraitEmulator(EmulatorOptions options, EmulatorServer server)
    {
        _options = options;
        _server = server;
        Fidelity = options.Fidelity;
        Schema = options.LoadSchema();
        _journal = new RequestJournal(options.JournalCapacity);
        _rateLimiter = RateLimiter.Create(options, Schema);
        _media = new MediaLibrary(options.MediaDownloadTimeout);
        _board = new TaskBoard(options.TimeProvider, TaskTimings.Create(options, Schema), options.MaxFinishedTasksPerAccount);
        _board.Transitioned += transition => TaskTransitioned?.Invoke(this, transition);
        _accounts = AccountRegistry.Create(options);
        _links = new ResultLinks(_signingKey, Schema.ResultUrlValidity);
        // The temporary storage signs its policies with a secret of its own, not the result links' key.
        _storage = Schema.Description.Uploads is { } uploads ? new TemporaryStorage(uploads, Schema, _accounts, options, Guid.NewGuid().ToByteArray()) : null;
        _pipeline = new RequestPipeline(Schema, options, _board, _faults, _accounts, _rateLimiter, new MediaChecker(Schema, _media, _storage), _links, _journal);
        _feed = new ChangeFeed(this, _changes, _links.LinkFor, PlansNow);
        WatchForDashboard();
        var guard = new CrossOriginGuard(options);
        _admin = new AdminApi(this, new FileServer(_media, _board, _links, options.TimeProvider), _feed, guard);
        _events = new EventStream(_feed, guard);
        _interceptor = CreateInterceptor(options);
    }

    /// <summary>Raised for every change of a task's status, as the emulator's clock reaches it.</summary>
    public event EventHandler<TaskTransition>? TaskTransitioned;

    /// <summary>The schema the emulator runs on.</summary>
    public LivePortraitSchema Schema { get; }

    /// <summary>The options it was started with.</summary>
    public EmulatorOptions Options => _options;

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>The API base to give a client (the <c>DASHSCOPE_HTTP_BASE_URL</c>), e.g. <c>http://127.0.0.1:41234/api/v1</c>.</summary>
    public Uri BaseUrl => new(Url, Schema.BasePath);

    /// <summary>The demo account's API key (<c>sk-emulator-demo</c> unless configured otherwise).</summary>
    public string DemoApiKey => _options.DemoApiKey;

    /// <summary>True from a successful start until <see cref="Dispose"/>.</summary>
    public bool IsRunning => _server.IsStarted;

    /// <summary>The port the server listens on.</summary>
    public int Port => Url.Port;

    /// <summary>The last exception a request handler did not expect (answered as a DashScope 500); null if none. For diagnosing the emulator itself.</summary>
    public Exception? LastUnexpectedError => _pipeline.LastUnexpectedError;

    /// <summary>Starts an emulator with the given options (defaults when null).</summary>
    public static LivePortraitEmulator Start(EmulatorOptions? options = null)
    {
        options ??= new EmulatorOptions();
        var server = new EmulatorServer(options);

        // Starting the server (WireMock, ASP.NET Core, Kestrel) needs nothing from the schema, and building the emulator
        // from the schema needs nothing from the server: on two cores they overlap, which is most of a cold start.
        var listening = ListenInBackground(server);
        LivePortraitEmulator emulator;
        try
        {
            options.StartHold?.HoldBuild(listening);
            emulator = new LivePortraitEmulator(options, server);
        }
        catch
        {
            // A bad schema or bad options is the error to report, whatever the server did meanwhile.
            Task.WaitAny(listening);
            server.Dispose();
            throw;
        }

        try
        {
            emulator.OnListening(listening.GetAwaiter().GetResult());
            server.Serve(emulator._admin, emulator._pipeline, emulator._storage, emulator._events, emulator._interceptor);
            return emulator;
        }
        catch
        {
            emulator.Dispose();
            throw;
        }
    }

    /// <summary>Starts an emulator, letting <paramref name="configure"/> adjust the default options.</summary>
    public static LivePortraitEmulator Start(Action<EmulatorOptions> configure)
    {
        var options = new EmulatorOptions();
        configure(options);
        return Start(options);
    }

    /// <summary>Stops the server and releases its resources.</summary>
    public void Dispose()
    {
        // Event streams and requests held by a delay fault end first, or stopping the server would wait for them.
        _changes.Close();
        _pipeline.Faults.CloseHeldRequests();
        _server.Dispose();
        StopRecording();
        _board.Dispose();
        _media.Dispose();
        _links.Dispose();
    }

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Answers one API request the way the server does (internal so benchmarks can time it without a socket).</summary>
    internal Task AnswerApi(Microsoft.AspNetCore.Http.HttpContext http) => _server.AnswerApiAsync(http);

    // A thread of its own, not the thread pool: WireMock blocks its caller until ASP.NET Core runs, which itself needs
    // pool threads, and a blocked pool thread at start-up makes the pool wait before adding another.
    private static Task<Uri> ListenInBackground(EmulatorServer server)
    {
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                listening.SetResult(server.Listen());
            }
            catch (Exception e)
            {
                listening.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "Emulator listen",
        };
        thread.Start();
        return listening.Task;
    }

    private void OnListening(Uri url)
    {
        Url = url;
        _media.RecogniseOwnUrls(uri => uri.Port == Url.Port && MediaLibrary.IsLoopback(uri));
        _links.ServeFrom(new Uri(url, $"{AdminPathPrefix}results/"));
        _storage?.ServeFrom(url);
        _proxy?.ServeFrom(url);
        _player?.ServeFrom(url);
    }
}
