using DashScope.Emulator.Schema;

namespace DashScope.Emulator.Validation;

/// <summary>The result of checking a request: either the values read from the body or the error to answer.</summary>
/// <remarks>
/// When the first problem is a media URL, <see cref="Body"/> is set too and <see cref="IsUrlProblem"/> is
/// set, so a submit can become a FAILED task instead (<see cref="MalformedMediaUrlAnswer.FailedTask"/>).
/// </remarks>
internal readonly record struct ValidationOutcome(ValidatedBody? Body, DashScopeError? Error, bool IsUrlProblem = false)
{
    public static ValidationOutcome Valid(ValidatedBody body) => new(body, null);

    public static ValidationOutcome Invalid(DashScopeError error) => new(null, error);
}
