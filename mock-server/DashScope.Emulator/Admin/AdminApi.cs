using System.Text.Json;
using DashScope.Emulator.Control;
using DashScope.Emulator.Dashboard;
using DashScope.Emulator.Faults;
using DashScope.Emulator.Http;
using DashScope.Emulator.Media;
using DashScope.Emulator.Tasks;
using WireMock;

namespace DashScope.Emulator.Admin;

/// <summary>
/// The admin HTTP surface under <c>/__emulator/</c>: routes each method and path to the same controls the C#
/// API offers (for the standalone host), and to the files the emulator serves.
/// </summary>
internal sealed class AdminApi
{
    private readonly LivePortraitEmulator _emulator;
    private readonly FileServer _files;
    private readonly ChangeFeed _changes;
    private readonly CrossOriginGuard _guard;

    public AdminApi(LivePortraitEmulator emulator, FileServer files, ChangeFeed changes, CrossOriginGuard guard)
    {
        _emulator = emulator;
        _files = files;
        _changes = changes;
        _guard = guard;
    }

    /// <summary>True for a path under the admin prefix.</summary>
    public static bool Owns(string path) => path.StartsWith(LivePortraitEmulator.AdminPathPrefix, StringComparison.Ordinal);

    public Answer Handle(IRequestMessage request)
    {
        if (_guard.Refusal(request.Method, name => Header(request, name)) is { } refusal)
        {
            return AdminAnswers.Forbidden(refusal);
        }

        try
        {
            _emulator.Pump();
            var route = request.Path[LivePortraitEmulator.AdminPathPrefix.Length..].TrimEnd('/');
            return Route(request, route.Split('/', StringSplitOptions.RemoveEmptyEntries));
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or UriFormatException or NotSupportedException or OverflowException or FormatException)
        {
            return AdminAnswers.BadRequest(e.Message);
        }
    }

    private Answer Route(IRequestMessage request, string[] segments) => (request.Method.ToUpperInvariant(), segments) switch
    {
        ("GET", ["files", var name]) => _files.ServeFile(Uri.UnescapeDataString(name)),
        ("GET", ["results", var file]) => _files.ServeResult(file, request),
        ("GET", ["ui", .. var file]) => DashboardAssets.Serve(string.Join('/', file)),
        ("GET", ["board"]) => AdminAnswers.Ok(_changes.Snapshot()),
        ("GET", ["changes"]) => AdminAnswers.Ok(_changes.Since(Since(request))),
        ("GET", ["info"]) => AdminAnswers.Ok(Info()),
        ("GET", ["fidelity"]) => AdminAnswers.Ok(_emulator.FidelityReport),
        ("GET", ["tasks"]) => AdminAnswers.Ok(_emulator.GetTasks(AdminAnswers.Query(request, "account"))),
        ("POST", ["tasks", "fail-next"]) => AdminAnswers.Ok(FailNext(AdminValidation.Plan(AdminAnswers.Read<PlanTasksRequest>(request), needsCode: true))),
        ("POST", ["tasks", "hold-next"]) => AdminAnswers.Ok(HoldNext(AdminValidation.Plan(AdminAnswers.Read<PlanTasksRequest>(request), needsCode: false))),
        ("GET", ["tasks", var id]) => _emulator.FindTask(id) is { } task ? AdminAnswers.Ok(task) : AdminAnswers.NotFound($"No task '{id}'."),
        ("POST", ["tasks", var id, "force"]) => WithTask(id, () => Force(id, AdminValidation.Force(AdminAnswers.Read<ForceTaskRequest>(request)))),
        ("POST", ["tasks", var id, "hold"]) => WithTask(id, () => _emulator.HoldInPending(id)),
        ("POST", ["tasks", var id, "release"]) => WithTask(id, () => _emulator.ReleaseTask(id)),
        ("GET", ["clock"]) => AdminAnswers.Ok(Clock()),
        ("POST", ["clock", "advance"]) => Advance(AdminAnswers.Read<AdvanceClockRequest>(request)),
        ("GET", ["journal"]) => AdminAnswers.Ok(_emulator.Journal),
        ("DELETE", ["journal"]) => Done(_emulator.ClearJournal()),
        ("GET", ["faults"]) => AdminAnswers.Ok(_emulator.Faults),
        ("POST", ["faults"]) => AdminAnswers.Ok(AddFault(AdminValidation.Fault(AdminAnswers.Read<FaultRequestBody>(request).ToRequest(_emulator.Endpoints)))),
        ("DELETE", ["faults"]) => Done(_emulator.ClearFaults()),
        ("DELETE", ["faults", var id]) => _emulator.RemoveFault(id) ? AdminAnswers.Ok(id) : AdminAnswers.NotFound($"No fault '{id}'."),
        ("GET", ["uploads"]) => AdminAnswers.Ok(_emulator.GetUploads(AdminAnswers.Query(request, "account"))),
        ("GET", ["accounts"]) => AdminAnswers.Ok(_emulator.Accounts),
        ("POST", ["accounts"]) => AdminAnswers.Ok(AddAccount(AdminAnswers.Read<AddAccountRequest>(request))),
        ("POST", ["media", "no-face"]) => Done(_emulator.MarkNoFace(AdminValidation.ImageUrl(AdminAnswers.Read<NoFaceRequest>(request)))),
        ("POST", ["reset"]) => Done(_emulator.Reset()),
        _ => AdminAnswers.NotFound($"No admin route {request.Method} {request.Path}."),
    };

    private EmulatorInfo Info() => new(
        _emulator.BaseUrl.ToString(),
        _emulator.Options.RegisterDemoAccount ? _emulator.DemoApiKey : null,
        Enum.GetValues<SampleMediaFile>().ToDictionary(MediaLibrary.FileName, s => _emulator.SampleUrl(s).ToString()));

    private ClockState Clock() => new(_emulator.Now, _emulator.CanAdvanceClock);

    private int FailNext(PlanTasksRequest plan)
    {
        _emulator.FailNextTasks(plan.Count, plan.Code ?? throw new ArgumentException("fail-next needs a code."), plan.Message);
        return plan.Count;
    }

    private int HoldNext(PlanTasksRequest plan)
    {
        _emulator.HoldNextTasksInPending(plan.Count);
        return plan.Count;
    }

    /// <summary>The reader's version from <c>?since=</c>; 0 (everything) when absent.</summary>
    private static long Since(IRequestMessage request) =>
        AdminAnswers.Query(request, "since") is not { } text ? 0
        : long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var since) ? since
        : throw new ArgumentException($"\"since\" must be a version number from an earlier answer, not '{text}'.");

    private static string? Header(IRequestMessage request, string name)
    {
        if (request.Headers is null)
        {
            return null;
        }

        foreach (var (key, values) in request.Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return values.FirstOrDefault();
            }
        }

        return null;
    }

    private EmulatedTask Force(string id, ForceTaskRequest force) => _emulator.ForceStatus(id, force.Status, force.Code, force.Message);

    private Answer Advance(AdvanceClockRequest advance)
    {
        if (!_emulator.CanAdvanceClock)
        {
            return AdminAnswers.Conflict("The clock is real; start the host with --fake-clock to advance it.");
        }

        _emulator.AdvanceClock(AdminValidation.Advance(advance));
        return AdminAnswers.Ok(Clock());
    }

    private FaultRule AddFault(AddFaultRequest fault)
    {
        var plan = _emulator.OnEndpoint(fault.Endpoint).Next(fault.Count);
        return fault.Kind switch
        {
            FaultKind.Respond => plan.RespondWith(fault.StatusCode ?? 500, fault.Body),
            FaultKind.Delay => plan.Delay(TimeSpan.FromMilliseconds(fault.DelayMilliseconds ?? throw new ArgumentException("A Delay fault needs delayMilliseconds."))),
            FaultKind.DropConnection => plan.DropConnection(),
            _ => throw new ArgumentException($"Unknown fault kind '{fault.Kind}'."),
        };
    }

    private IReadOnlyList<AccountInfo> AddAccount(AddAccountRequest account) =>
        _emulator.AddAccount(account.AccountId, account.ApiKey).Accounts;

    private static Answer WithTask(string id, Func<EmulatedTask> action)
    {
        try
        {
            return AdminAnswers.Ok(action());
        }
        catch (KeyNotFoundException)
        {
            return AdminAnswers.NotFound($"No task '{id}'.");
        }
        catch (InvalidOperationException e)
        {
            return AdminAnswers.Conflict(e.Message);
        }
    }

    /// <summary>The answer of a command that has nothing to report; takes the emulator the command returned.</summary>
    private static Answer Done(LivePortraitEmulator _) => AdminAnswers.Done();
}
