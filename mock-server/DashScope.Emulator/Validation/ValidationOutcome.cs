using DashScope.Emulator.Schema;
using Newtonsoft.Json.Linq;

namespace DashScope.Emulator.Validation;

/// <summary>The result of checking a request: either the parsed body or the error to answer.</summary>
/// <remarks>
/// When the first problem is a media URL, <see cref="Body"/> is the parsed body too and <see cref="IsUrlProblem"/> is
/// set, so a submit can become a FAILED task instead (<see cref="MalformedMediaUrlAnswer.FailedTask"/>).
/// </remarks>
internal readonly record struct ValidationOutcome(JObject? Body, DashScopeError? Error, bool IsUrlProblem = false)
{
    public static ValidationOutcome Valid(JObject body) => new(body, null);

    public static ValidationOutcome Invalid(DashScopeError error) => new(null, error);
}
