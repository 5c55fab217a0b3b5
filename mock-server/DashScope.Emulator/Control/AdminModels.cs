using DashScope.Emulator.Faults;
using DashScope.Emulator.Tasks;

namespace DashScope.Emulator.Control;

/// <summary>Body of <c>POST /__emulator/tasks/{id}/force</c>.</summary>
/// <param name="Status">The status to force (PENDING holds the task).</param>
/// <param name="Code">For FAILED: the error code.</param>
/// <param name="Message">For FAILED: the message (the schema's for the code when omitted).</param>
public sealed record ForceTaskRequest(EmulatedTaskStatus Status, string? Code = null, string? Message = null);

/// <summary>Body of <c>POST /__emulator/tasks/fail-next</c> and <c>POST /__emulator/tasks/hold-next</c>.</summary>
/// <param name="Count">How many of the next submitted tasks it applies to.</param>
/// <param name="Code">For fail-next: the error code.</param>
/// <param name="Message">For fail-next: the message.</param>
public sealed record PlanTasksRequest(int Count, string? Code = null, string? Message = null);

/// <summary>Body of <c>POST /__emulator/clock/advance</c>.</summary>
/// <param name="Seconds">How far to move the fake clock.</param>
public sealed record AdvanceClockRequest(double Seconds);

/// <summary>Answer of <c>GET /__emulator/clock</c>.</summary>
/// <param name="Now">Now on the emulator's clock.</param>
/// <param name="CanAdvance">True when the clock is fake and can be advanced.</param>
public sealed record ClockState(DateTimeOffset Now, bool CanAdvance);

/// <summary>Body of <c>POST /__emulator/faults</c>.</summary>
/// <param name="Endpoint">The endpoint to fault.</param>
/// <param name="Kind">What to do.</param>
/// <param name="Count">How many requests it applies to.</param>
/// <param name="StatusCode">For Respond: the status.</param>
/// <param name="Body">For Respond: the body (DashScope's envelope for the status when omitted).</param>
/// <param name="DelayMilliseconds">For Delay: the added latency.</param>
public sealed record AddFaultRequest(EmulatorEndpoint Endpoint, FaultKind Kind, int Count = 1, int? StatusCode = null, string? Body = null, double? DelayMilliseconds = null);

/// <summary>Body of <c>POST /__emulator/accounts</c>.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="ApiKey">A key to register for it.</param>
public sealed record AddAccountRequest(string AccountId, string ApiKey);

/// <summary>Body of <c>POST /__emulator/media/no-face</c>.</summary>
/// <param name="Url">The image URL to treat as faceless.</param>
public sealed record NoFaceRequest(string Url);

/// <summary>Answer of <c>GET /__emulator/info</c>: where things are.</summary>
/// <param name="BaseUrl">The API base to give clients.</param>
/// <param name="DemoApiKey">The demo key, when the demo account is registered.</param>
/// <param name="Samples">The URLs of the shipped samples, by file name.</param>
public sealed record EmulatorInfo(string BaseUrl, string? DemoApiKey, IReadOnlyDictionary<string, string> Samples);

/// <summary>Answer of <c>GET /__emulator/fidelity</c>: the catalog of fidelity switches with the running emulator's choices.</summary>
/// <param name="Switches">Every switch: name, default, current choice, choices with their sources, rationale.</param>
/// <param name="Presets">The preset names <see cref="EmulatorFidelity.Preset(string)"/> loads.</param>
/// <param name="TimingSeed">The seed of the <see cref="TimingProfile.Spread"/> timing profile.</param>
public sealed record FidelityReport(IReadOnlyList<FidelitySwitch> Switches, IReadOnlyList<string> Presets, int TimingSeed);
