namespace DashScope.Toolkit;

/// <summary>One rule of the schema that a request breaks.</summary>
/// <param name="Field">Path of the field on the wire, e.g. <c>parameters.video_fps</c>.</param>
/// <param name="Rule">The schema keyword broken: required, minimum, maximum, enum, pattern, format, minLength, maxLength, minItems, maxItems.</param>
/// <param name="Expected">What the rule allows, e.g. <c>&lt;= 30</c>.</param>
/// <param name="Value">The offending value as text (null when the field is missing).</param>
public sealed record DashScopeValidationError(string Field, string Rule, string Expected, string? Value)
{
    /// <inheritdoc />
    public override string ToString() =>
        Value is null ? $"{Field}: {Rule} ({Expected})" : $"{Field}: {Rule} ({Expected}), got {Value}";
}

/// <summary>
/// A request breaks its schema. Thrown before any HTTP call; names each field, rule and offending value.
/// </summary>
public sealed class DashScopeValidationException : ArgumentException
{
    /// <summary>Creates the exception from the broken rules (at least one).</summary>
    public DashScopeValidationException(string typeName, IReadOnlyList<DashScopeValidationError> errors)
        : base(FormatMessage(typeName, errors), errors.Count > 0 ? errors[0].Field : null)
    {
        if (errors.Count == 0) { throw new ArgumentException("At least one error is needed.", nameof(errors)); }
        Errors = errors;
    }

    /// <summary>Every broken rule, in field order.</summary>
    public IReadOnlyList<DashScopeValidationError> Errors { get; }

    /// <summary>The first broken field's path.</summary>
    public string Field => Errors[0].Field;

    /// <summary>The first broken rule.</summary>
    public string Rule => Errors[0].Rule;

    /// <summary>The first offending value as text.</summary>
    public string? Value => Errors[0].Value;

    private static string FormatMessage(string typeName, IReadOnlyList<DashScopeValidationError> errors) =>
        $"{typeName} is invalid: " + string.Join("; ", errors);
}
