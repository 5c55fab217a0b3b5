using DashScope.Emulator.Accounts;
using DashScope.Emulator.Faults;
using DashScope.Emulator.Handlers;
using DashScope.Emulator.Http;
using DashScope.Emulator.Limits;
using DashScope.Emulator.Media;
using DashScope.Emulator.Results;
using DashScope.Emulator.Schema;
using DashScope.Emulator.Tasks;
using DashScope.Emulator.Validation;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Pipeline;

/// <summary>
/// Every API request goes through the same stages, in the service's order of checks; the first stage with an
/// answer ends the walk, and the pipeline journals what it answered. The order is written here and nowhere else.
/// </summary>
internal sealed class RequestPipeline
{
    private readonly IRequestStage[] _stages;
    private readonly long _maxBodyBytes;
    private readonly RequestJournal _journal;
    private readonly TimeProvider _time;
    private readonly LivePortraitSchema _schema;
    private readonly DashScopeJson _json;

    public RequestPipeline(
        LivePortraitSchema schema,
        EmulatorOptions options,
        TaskBoard board,
        FaultScript faults,
        AccountRegistry accounts,
        RateLimiter rateLimiter,
        MediaChecker media,
        ResultLinks links,
        RequestJournal journal)
    {
        _schema = schema;
        _journal = journal;
        _maxBodyBytes = options.MaxRequestBodyBytes;
        _time = options.TimeProvider;
        _json = new DashScopeJson(schema);
        var bodyValidator = new RequestBodyValidator(schema, options.Fidelity.UnknownModel);
        Route = new RouteStage(new EndpointRouter(schema), schema, _json);
        Faults = new FaultStage(faults, _time, schema, _json);

        // The drop-connection fault comes before all of these; ApiMiddleware takes it, where a connection can be aborted.
        _stages =
        [
            Route,
            new BoardCatchUpStage(board),
            Faults,
            new HeaderStage(new RequestHeaderValidator(schema, options.Fidelity.MissingAsyncHeader), _json),
            new AccountStage(accounts, schema, _json),
            new RateLimitStage(rateLimiter, schema, _json),
            new DeferredHeaderStage(_json),
            new BodySizeStage(schema, _json),
            new BodyValidationStage(new CompiledBodyValidator(schema, options.Fidelity.UnknownModel), bodyValidator, _json, options.Fidelity.MalformedMediaUrl == MalformedMediaUrlAnswer.FailedTask ? schema.TaskError(TaskFailure.InvalidUrl) : null),
            new OperationStage(
                [
                    new SyncCallHandler(media, _json),
                    new SubmitTaskHandler(board, accounts, media, schema, _json, options.MaxUnfinishedTasksPerAccount, options.Fidelity.MediaProblem),
                    new QueryTaskHandler(board, links, _json),
                    new CancelTaskHandler(board, schema, _json),
                    new ListTasksHandler(board, bodyValidator, schema, _json, _time, options.Fidelity),
                ]),
        ];
    }

    /// <summary>The route stage, which the API middleware also uses so a request is routed only once.</summary>
    public RouteStage Route { get; }

    /// <summary>The fault stage, which the API middleware also uses to take drop-connection faults.</summary>
    public FaultStage Faults { get; }

    /// <summary>The last exception a stage did not expect (answered as a DashScope 500); null if none.</summary>
    public Exception? LastUnexpectedError { get; private set; }

    /// <summary>
    /// Runs the stages and journals the request. Null when the client left before an answer could be made: that is
    /// journalled with status 0, like a dropped connection, and is not an unexpected error.
    /// </summary>
    public async ValueTask<Answer?> RunAsync(RequestContext context)
    {
        context.RequestId = Uuid.NewText();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        Answer? answer = null;
        try
        {
            // Routed first so that a request whose client leaves while its body is read is journalled on its endpoint.
            Route.Resolve(context);
            await RequestBodyReader.ReadAsync(context, _maxBodyBytes).ConfigureAwait(false);
            foreach (var stage in _stages)
            {
                answer = await stage.RunAsync(context).ConfigureAwait(false);
                if (answer is not null)
                {
                    break;
                }
            }
        }
        catch (Exception) when (context.IsAborted)
        {
            Record(context, context.JournalPath(), 0, null, context.RequestId, null, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LastUnexpectedError = e;
        }

        // The operation stage always answers, so no answer means a stage threw. A bug must still look like
        // the service: a DashScope 500, never a WireMock stack trace.
        answer ??= _json.ErrorAnswer(_schema.Error(ProtocolError.InternalError), context.RequestId);
        Record(context, context.JournalPath(), answer.Status, answer.ErrorCode, context.RequestId, answer.TaskId, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return answer;
    }

    /// <summary>Journals a request whose connection was dropped before any answer.</summary>
    public void RecordDropped(RequestContext context, string path) => Record(context, path, 0, null, null, null, null);

    private void Record(RequestContext context, string path, int status, string? errorCode, string? requestId, string? taskId, TimeSpan? latency) =>
        _journal.Add(new JournalEntry(
            _journal.NextSequence(), _time.GetUtcNow(), context.Method, path, context.Operation?.Endpoint, context.AccountId, status, errorCode, requestId, taskId, context.Fault)
        {
            LatencyMilliseconds = latency is { } l ? Math.Round(l.TotalMilliseconds, 3) : null,
        });
}
