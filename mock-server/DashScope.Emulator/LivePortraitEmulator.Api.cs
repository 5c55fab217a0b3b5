using System.Globalization;
using System.Text;
using DashScope.Emulator.Faults;
using DashScope.Emulator.Http;
using DashScope.Emulator.Schema;
using DashScope.Emulator.Tasks;
using DashScope.Emulator.Validation;
using Newtonsoft.Json.Linq;
using WireMock;

namespace DashScope.Emulator;

/// <summary>The DashScope endpoints: one pipeline of checks, then one handler per operation.</summary>
public sealed partial class LivePortraitEmulator
{
    private async Task<IResponseMessage> HandleApiAsync(OperationDefinition operation, string? pathParameter, IRequestMessage request)
    {
        var requestId = NewRequestId();
        var path = request.Path + (string.IsNullOrEmpty(request.RawQuery) ? "" : request.RawQuery.StartsWith('?') ? request.RawQuery : "?" + request.RawQuery);
        string? accountId = null;
        string? fault = null;
        Answer answer;
        try
        {
            _board.Pump();
            var rule = _faults.TryTake(operation.Endpoint, k => k != FaultKind.DropConnection);
            if (rule is { Kind: FaultKind.Delay, Delay: { } delay })
            {
                fault = $"{rule.Kind} {delay}";
                await DelayAsync(delay).ConfigureAwait(false);
            }

            if (rule is { Kind: FaultKind.Respond })
            {
                fault = $"{rule.Kind} {rule.StatusCode}";
                answer = ScriptedAnswer(rule, requestId);
            }
            else
            {
                (answer, accountId) = await AnswerAsync(operation, pathParameter, request, requestId).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug must still look like the service: a DashScope 500, never a WireMock stack trace.
            answer = ErrorAnswer(Schema.Error("internalError"), requestId);
            LastUnexpectedError = e;
        }

        RecordInJournal(request.Method, path, operation.Endpoint, accountId, answer.Status, answer.ErrorCode, requestId, answer.TaskId, fault);
        return answer.ToResponseMessage();
    }

    /// <summary>The last exception a request handler did not expect (answered as a DashScope 500); null if none. For diagnosing the emulator itself.</summary>
    public Exception? LastUnexpectedError { get; private set; }

    private async Task<(Answer Answer, string? AccountId)> AnswerAsync(OperationDefinition operation, string? pathParameter, IRequestMessage request, string requestId)
    {
        var headerError = _headerValidator.Validate(operation, name => Header(request, name));
        var apiKey = RequestHeaderValidator.ApiKey(Header(request, "Authorization"));
        if (headerError is { Status: 401 })
        {
            return (ErrorAnswer(headerError, requestId), null);
        }

        if (apiKey is null || !_accounts.TryFind(apiKey, out var accountId))
        {
            return (ErrorAnswer(Schema.Error("invalidApiKey"), requestId), null);
        }

        if (!_rateLimiter.TryAcquire(accountId, operation.Endpoint))
        {
            return (ErrorAnswer(Schema.Error("rateQuota"), requestId), accountId);
        }

        if (headerError is not null)
        {
            return (ErrorAnswer(headerError, requestId), accountId);
        }

        var body = request.BodyData?.BodyAsString
            ?? (request.BodyData?.BodyAsBytes is { } bytes ? Encoding.UTF8.GetString(bytes) : null);
        if (body is not null && Encoding.UTF8.GetByteCount(body) > _options.MaxRequestBodyBytes)
        {
            return (ErrorAnswer(Schema.Error("invalidParameter"), requestId), accountId);
        }

        var answer = operation.Endpoint switch
        {
            EmulatorEndpoint.VideoSynthesis => await SubmitAsync(operation, accountId, apiKey, body, requestId).ConfigureAwait(false),
            EmulatorEndpoint.DetectFace => await DetectFaceAsync(operation, body, requestId).ConfigureAwait(false),
            EmulatorEndpoint.QueryTask => QueryTask(accountId, pathParameter!, requestId),
            EmulatorEndpoint.CancelTask => CancelTask(accountId, pathParameter!, requestId),
            EmulatorEndpoint.ListTasks => ListTasks(operation, accountId, request, requestId),
            _ => ErrorAnswer(Schema.Error("invalidUrl") with { Status = 404 }, requestId),
        };
        return (answer, accountId);
    }

    private async Task<Answer> SubmitAsync(OperationDefinition operation, string accountId, string apiKey, string? body, string requestId)
    {
        var validation = _bodyValidator.Validate(operation, body);
        if (validation.Error is { } invalid)
        {
            return ErrorAnswer(invalid, requestId);
        }

        if (_options.MaxUnfinishedTasksPerAccount is { } maxUnfinished
            && _board.Snapshot(accountId).Count(t => !t.IsTerminal) >= maxUnfinished)
        {
            return ErrorAnswer(Schema.Error("throttling"), requestId);
        }

        var verdict = await _mediaChecker.CheckAsync(operation, validation.Body!, CancellationToken.None).ConfigureAwait(false);
        var failure = verdict.Failure ?? (verdict.NoFace ? Schema.TaskError("noHumanFace") : null);
        var task = _board.Submit(new NewTask(
            accountId,
            _accounts.KeyIdOf(apiKey),
            (string)validation.Body!["model"]!,
            requestId,
            (string?)validation.Body.SelectToken("input.image_url"),
            (string?)validation.Body.SelectToken("input.audio_url"),
            verdict.AudioDurationSeconds,
            failure?.Code,
            failure?.Message));

        // The service acknowledges every accepted submit as PENDING, whatever happens next.
        return Answer.Json(200, _json.Submission(task.TaskId, EmulatedTaskStatus.Pending, requestId), taskId: task.TaskId);
    }

    private async Task<Answer> DetectFaceAsync(OperationDefinition operation, string? body, string requestId)
    {
        var validation = _bodyValidator.Validate(operation, body);
        if (validation.Error is { } invalid)
        {
            return ErrorAnswer(invalid, requestId);
        }

        var verdict = await _mediaChecker.CheckAsync(operation, validation.Body!, CancellationToken.None).ConfigureAwait(false);
        if (verdict.Failure is { } failure)
        {
            // Synchronous, so a media problem is an HTTP 400 with the task-error code, not a FAILED task.
            return ErrorAnswer(failure with { Status = 400 }, requestId);
        }

        return verdict.NoFace
            ? Answer.Json(200, _json.FaceDetect(false, Schema.TaskError("noHumanFace").Message, requestId))
            : Answer.Json(200, _json.FaceDetect(true, "", requestId));
    }

    private Answer QueryTask(string accountId, string taskId, string requestId)
    {
        var task = _board.Find(taskId);
        if (task is not null && task.AccountId != accountId)
        {
            // Another account's task does not exist as far as this key can tell.
            task = null;
        }

        var videoUrl = task is { Status: EmulatedTaskStatus.Succeeded } ? _links.LinkFor(task) : null;
        return Answer.Json(200, _json.Task(taskId, task, videoUrl, requestId), taskId: taskId);
    }

    private Answer CancelTask(string accountId, string taskId, string requestId) =>
        _board.Cancel(accountId, taskId, Schema.CancelableStatuses.ToHashSet())
            ? Answer.Json(200, _json.CancelAccepted(requestId), taskId: taskId)
            : ErrorAnswer(Schema.Error("unsupportedOperation"), requestId) with { TaskId = taskId };

    private Answer ListTasks(OperationDefinition operation, string accountId, IRequestMessage request, string requestId)
    {
        var query = new JObject();
        var properties = operation.QuerySchema!.ActualSchema.Properties;
        foreach (var (name, values) in request.Query ?? new Dictionary<string, WireMock.Types.WireMockList<string>>())
        {
            var value = values.FirstOrDefault();
            if (string.IsNullOrEmpty(value) || !properties.TryGetValue(name, out var property))
            {
                continue;
            }

            // Query strings are text; give the schema the JSON type it declares so "page_no=2" is an integer.
            query[name] = property.ActualSchema.Type.HasFlag(NJsonSchema.JsonObjectType.Integer) && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                ? new JValue(number)
                : new JValue(value);
        }

        if (_bodyValidator.ValidateQuery(operation, query) is { } invalid)
        {
            return ErrorAnswer(invalid, requestId);
        }

        var now = _time.GetUtcNow();
        var start = ParseListTime((string?)query["start_time"]);
        var end = ParseListTime((string?)query["end_time"]);
        var window = TimeSpan.FromHours(24);
        (DateTimeOffset From, DateTimeOffset To) range = (start, end) switch
        {
            (null, null) => (now - window, now),
            ({ } s, null) => (s, Shift(s, window)),
            (null, { } e) => (Shift(e, -window), e),
            ({ } s, { } e) => (s, e),
        };
        if (range.To < range.From || range.To - range.From > window)
        {
            return ErrorAnswer(Schema.Error("invalidParameter"), requestId);
        }

        var status = (string?)query["status"];
        var model = (string?)query["model_name"];
        var taskId = (string?)query["task_id"];
        var matches = _board.Snapshot(accountId)
            .Where(t => t.SubmitTime >= range.From && t.SubmitTime < Shift(range.To, TimeSpan.FromSeconds(1)))
            .Where(t => status is null || t.Status.ToWireName() == status)
            .Where(t => model is null || t.Model == model)
            .Where(t => taskId is null || t.TaskId == taskId)
            .OrderByDescending(t => t.SubmitTime).ThenBy(t => t.TaskId, StringComparer.Ordinal)
            .ToList();
        // page_no has no maximum in the schema; past what an answer can carry it is out of range.
        if ((long?)query["page_no"] > int.MaxValue)
        {
            return ErrorAnswer(Schema.Error("invalidParameter"), requestId);
        }

        var pageNo = (int?)(long?)query["page_no"] ?? 1;
        var pageSize = (int?)(long?)query["page_size"] ?? 10;
        var skip = (long)(pageNo - 1) * pageSize;
        var page = matches.Skip(skip > matches.Count ? matches.Count : (int)skip).Take(pageSize).ToList();
        return Answer.Json(200, _json.TaskList(page, matches.Count, pageNo, pageSize, requestId));
    }

    private IResponseMessage HandleUnmatched(IRequestMessage request, bool pathKnown)
    {
        var requestId = NewRequestId();
        var error = Schema.Error("invalidUrl") with { Status = pathKnown ? 405 : 404 };
        RecordInJournal(request.Method, request.Path, null, null, error.Status, error.Code, requestId, null, null);
        return ErrorAnswer(error, requestId).ToResponseMessage();
    }

    private Answer ScriptedAnswer(FaultRule rule, string requestId)
    {
        var status = rule.StatusCode ?? 500;
        if (rule.Body is not null)
        {
            return Answer.Json(status, Encoding.UTF8.GetBytes(rule.Body), "ScriptedFault");
        }

        var error = status switch
        {
            429 => Schema.Error("rateQuota"),
            401 => Schema.Error("invalidApiKey"),
            403 => Schema.Error("syncNotSupported"),
            >= 400 and < 500 => Schema.Error("invalidParameter"),
            _ => Schema.Error("internalError"),
        };
        return ErrorAnswer(error with { Status = status }, requestId);
    }

    private async Task DelayAsync(TimeSpan delay)
    {
        // Create the timer before announcing the wait, so a test that sees the count and then advances
        // a fake clock is guaranteed to release this request.
        var wait = Task.Delay(delay, _time);
        Interlocked.Increment(ref _delayedRequests);
        try
        {
            await wait.ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _delayedRequests);
        }
    }

    private Answer ErrorAnswer(DashScopeError error, string requestId) =>
        Answer.Json(error.Status, _json.Error(error, requestId), error.Code);

    private DateTimeOffset? ParseListTime(string? value) =>
        value is not null && DateTime.TryParseExact(value, Schema.ListFilterTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            && local.Ticks - Schema.TimeZoneOffset.Ticks >= DateTime.MinValue.Ticks
            && local.Ticks - Schema.TimeZoneOffset.Ticks <= DateTime.MaxValue.Ticks // the instant exists in UTC (year 1 to 9999)
            ? new DateTimeOffset(local, Schema.TimeZoneOffset)
            : null;

    /// <summary>Moves an instant, stopping at the ends of the calendar instead of throwing (list windows at year 1 or 9999).</summary>
    private static DateTimeOffset Shift(DateTimeOffset at, TimeSpan by) =>
        by > TimeSpan.Zero && at > DateTimeOffset.MaxValue - by ? DateTimeOffset.MaxValue
        : by < TimeSpan.Zero && at < DateTimeOffset.MinValue - by ? DateTimeOffset.MinValue
        : at + by;

    private static string? Header(IRequestMessage request, string name)
    {
        if (request.Headers is null)
        {
            return null;
        }

        if (request.Headers.TryGetValue(name, out var values))
        {
            return values.FirstOrDefault();
        }

        foreach (var (key, value) in request.Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value.FirstOrDefault();
            }
        }

        return null;
    }

    private void RecordInJournal(string method, string path, EmulatorEndpoint? endpoint, string? accountId, int status, string? errorCode, string? requestId, string? taskId, string? fault) =>
        _journal.Add(new JournalEntry(_journal.NextSequence(), _time.GetUtcNow(), method, path, endpoint, accountId, status, errorCode, requestId, taskId, fault));
}
