using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using DashScope.Emulator.Control;
using DashScope.Emulator.Faults;
using DashScope.Emulator.Http;
using DashScope.Emulator.Media;
using DashScope.Emulator.Results;
using DashScope.Emulator.Tasks;
using WireMock;

namespace DashScope.Emulator;

/// <summary>
/// The admin HTTP surface under <c>/__emulator/</c> (the same controls as the C# API, for the standalone
/// host) and the files the emulator serves: samples, test files and result videos.
/// </summary>
public sealed partial class LivePortraitEmulator
{
    /// <summary>JSON settings of the admin API: camelCase, enums as their names.</summary>
    public static readonly JsonSerializerOptions AdminJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    };

    private Task<IResponseMessage> HandleAdminAsync(IRequestMessage request)
    {
        Answer answer;
        try
        {
            _board.Pump();
            var route = request.Path[AdminPathPrefix.Length..].TrimEnd('/');
            var segments = route.Split('/', StringSplitOptions.RemoveEmptyEntries);
            answer = (request.Method.ToUpperInvariant(), segments) switch
            {
                ("GET", ["files", var name]) => ServeFile(Uri.UnescapeDataString(name)),
                ("GET", ["results", var file]) => ServeResult(file, request),
                ("GET", ["info"]) => Ok(Info()),
                ("GET", ["tasks"]) => Ok(GetTasks(request.Query?.TryGetValue("account", out var a) == true ? a.FirstOrDefault() : null)),
                ("POST", ["tasks", "fail-next"]) => Ok(FailNext(Read<PlanTasksRequest>(request))),
                ("POST", ["tasks", "hold-next"]) => Ok(HoldNext(Read<PlanTasksRequest>(request))),
                ("GET", ["tasks", var id]) => FindTask(id) is { } task ? Ok(task) : NotFound($"No task '{id}'."),
                ("POST", ["tasks", var id, "force"]) => WithTask(id, () => ForceFromRequest(id, Read<ForceTaskRequest>(request))),
                ("POST", ["tasks", var id, "hold"]) => WithTask(id, () => HoldInPending(id)),
                ("POST", ["tasks", var id, "release"]) => WithTask(id, () => ReleaseTask(id)),
                ("GET", ["clock"]) => Ok(new ClockState(Now, CanAdvanceClock)),
                ("POST", ["clock", "advance"]) => AdvanceFromRequest(Read<AdvanceClockRequest>(request)),
                ("GET", ["journal"]) => Ok(Journal),
                ("DELETE", ["journal"]) => Done(ClearJournal()),
                ("GET", ["faults"]) => Ok(Faults),
                ("POST", ["faults"]) => Ok(AddFault(Read<AddFaultRequest>(request))),
                ("DELETE", ["faults"]) => Done(ClearFaults()),
                ("DELETE", ["faults", var id]) => RemoveFault(id) ? Ok(id) : NotFound($"No fault '{id}'."),
                ("GET", ["accounts"]) => Ok(Accounts),
                ("POST", ["accounts"]) => Ok(AddAccountFromRequest(Read<AddAccountRequest>(request))),
                ("POST", ["media", "no-face"]) => Done(MarkNoFace(new Uri(Read<NoFaceRequest>(request).Url))),
                ("POST", ["reset"]) => Done(Reset()),
                _ => NotFound($"No admin route {request.Method} {request.Path}."),
            };
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or UriFormatException or NotSupportedException)
        {
            answer = Answer.Json(400, JsonSerializer.SerializeToUtf8Bytes(new { error = e.Message }, AdminJson), "AdminBadRequest");
        }

        return Task.FromResult(answer.ToResponseMessage());
    }

    private EmulatorInfo Info() => new(
        BaseUrl.ToString(),
        _options.RegisterDemoAccount ? DemoApiKey : null,
        Enum.GetValues<SampleMediaFile>().ToDictionary(MediaLibrary.FileName, s => SampleUrl(s).ToString()));

    private int FailNext(PlanTasksRequest plan)
    {
        FailNextTasks(plan.Count, plan.Code ?? throw new ArgumentException("fail-next needs a code."), plan.Message);
        return plan.Count;
    }

    private int HoldNext(PlanTasksRequest plan)
    {
        HoldNextTasksInPending(plan.Count);
        return plan.Count;
    }

    private EmulatedTask ForceFromRequest(string id, ForceTaskRequest force) =>
        ForceStatus(id, force.Status, force.Code, force.Message);

    private Answer AdvanceFromRequest(AdvanceClockRequest advance)
    {
        if (!CanAdvanceClock)
        {
            return Answer.Json(409, JsonSerializer.SerializeToUtf8Bytes(new { error = "The clock is real; start the host with --fake-clock to advance it." }, AdminJson), "AdminConflict");
        }

        AdvanceClock(TimeSpan.FromSeconds(advance.Seconds));
        return Ok(new ClockState(Now, CanAdvanceClock));
    }

    private FaultRule AddFault(AddFaultRequest fault)
    {
        var plan = OnEndpoint(fault.Endpoint).Next(fault.Count);
        return fault.Kind switch
        {
            FaultKind.Respond => plan.RespondWith(fault.StatusCode ?? 500, fault.Body),
            FaultKind.Delay => plan.Delay(TimeSpan.FromMilliseconds(fault.DelayMilliseconds ?? throw new ArgumentException("A Delay fault needs delayMilliseconds."))),
            _ => plan.DropConnection(),
        };
    }

    private IReadOnlyList<AccountInfo> AddAccountFromRequest(AddAccountRequest account) =>
        AddAccount(account.AccountId, account.ApiKey).Accounts;

    private Answer WithTask(string id, Func<EmulatedTask> action)
    {
        try
        {
            return Ok(action());
        }
        catch (KeyNotFoundException)
        {
            return NotFound($"No task '{id}'.");
        }
        catch (InvalidOperationException e)
        {
            return Answer.Json(409, JsonSerializer.SerializeToUtf8Bytes(new { error = e.Message }, AdminJson), "AdminConflict");
        }
    }

    private Answer ServeFile(string name) =>
        _media.TryGetFile(name, out var file)
            ? new Answer(200, file.Content, file.ContentType)
            : NotFound($"No file '{name}'.");

    /// <summary>
    /// Serves a task's video while its signed URL is valid. Like an expired object-storage link, an
    /// expired or tampered URL answers 403 with an XML error, and an unknown task 404.
    /// </summary>
    private Answer ServeResult(string file, IRequestMessage request)
    {
        var taskId = file.EndsWith(".mp4", StringComparison.Ordinal) ? file[..^4] : file;

        // Like object storage, the signature and its expiry are checked before the object is looked up:
        // the task is forgotten when its URL expires (both last 24 h), and that URL must still say 403.
        var expiresText = request.Query?.TryGetValue("Expires", out var e) == true ? e.FirstOrDefault() : null;
        var signature = request.Query?.TryGetValue("Signature", out var s) == true ? s.FirstOrDefault() : null;
        switch (_links.Check(taskId, expiresText, signature, Now))
        {
            case LinkVerdict.BadSignature:
                return Answer.Text(403, OssError("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided."), "application/xml");
            case LinkVerdict.Expired:
                return Answer.Text(403, OssError("AccessDenied", "Request has expired."), "application/xml");
        }

        var task = _board.Find(taskId);
        if (task is not { Status: EmulatedTaskStatus.Succeeded, EndTime: { } end })
        {
            return Answer.Text(404, OssError("NoSuchKey", "The specified key does not exist."), "application/xml");
        }

        if (_links.HasExpired(end, Now))
        {
            return Answer.Text(403, OssError("AccessDenied", "Request has expired."), "application/xml");
        }

        return new Answer(200, _media.ResultVideo, "video/mp4");
    }

    private static string OssError(string code, string message) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{WebUtility.HtmlEncode(message)}</Message></Error>";

    private static T Read<T>(IRequestMessage request)
    {
        var body = request.BodyData?.BodyAsString ?? (request.BodyData?.BodyAsBytes is { } bytes ? Encoding.UTF8.GetString(bytes) : null);
        return JsonSerializer.Deserialize<T>(body ?? "", AdminJson) ?? throw new JsonException($"The body must be a {typeof(T).Name}.");
    }

    private static Answer Ok<T>(T value) => Answer.Json(200, JsonSerializer.SerializeToUtf8Bytes(value, AdminJson));

    /// <summary>The answer of a command that has nothing to report.</summary>
    private static Answer Done(LivePortraitEmulator _) => Answer.Json(200, "{\"done\":true}"u8.ToArray());

    private static Answer NotFound(string message) =>
        Answer.Json(404, JsonSerializer.SerializeToUtf8Bytes(new { error = message }, AdminJson), "AdminNotFound");
}
