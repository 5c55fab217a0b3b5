using DashScope.Emulator.Schema;
using Newtonsoft.Json.Linq;

namespace DashScope.Emulator.Validation;

/// <summary>The result of checking a request: either the parsed body or the error to answer.</summary>
internal readonly record struct ValidationOutcome(JObject? Body, DashScopeError? Error)
{
    public static ValidationOutcome Valid(JObject body) => new(body, null);

    public static ValidationOutcome Invalid(DashScopeError error) => new(null, error);
}
