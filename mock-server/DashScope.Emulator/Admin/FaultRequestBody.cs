using System.Text.Json;
using DashScope.Emulator.Control;
using DashScope.Emulator.Faults;

namespace DashScope.Emulator.Admin;

/// <summary>
/// The body of <c>POST /__emulator/faults</c> as it arrives, names still unchecked, so that an unknown kind or
/// endpoint can be refused by name (<see cref="AdminNames"/>) instead of failing inside the JSON reader.
/// </summary>
internal sealed record FaultRequestBody(JsonElement Endpoint, JsonElement Kind, int Count = 1, int? StatusCode = null, string? Body = null, double? DelayMilliseconds = null)
{
    /// <summary>The request, its endpoint one of <paramref name="known"/>.</summary>
    public AddFaultRequest ToRequest(IReadOnlyList<EmulatorEndpoint> known) => new(
        AdminNames.ParseEndpoint(Endpoint, "endpoint", known),
        AdminNames.Parse<FaultKind>(Kind, "kind", "fault kind"),
        Count,
        StatusCode,
        Body,
        DelayMilliseconds);
}
