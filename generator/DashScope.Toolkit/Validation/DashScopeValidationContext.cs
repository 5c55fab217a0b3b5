using System.ComponentModel;
using System.Globalization;
using System.Text.RegularExpressions;

namespace DashScope.Toolkit;

/// <summary>A request type that can check itself against its schema.</summary>
public interface IDashScopeValidatable
{
    /// <summary>Adds every rule this value breaks to <paramref name="context"/>, with field paths under <paramref name="path"/>.</summary>
    void Validate(DashScopeValidationContext context, string path);
}

/// <summary>
/// Collects broken rules while generated code walks a request. Generated code calls it; users call
/// <c>Validate()</c> on a request instead.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public sealed class DashScopeValidationContext
{
    private readonly List<DashScopeValidationError> _errors = new();

    /// <summary>The rules broken so far.</summary>
    public IReadOnlyList<DashScopeValidationError> Errors => _errors;

    /// <summary>Joins a parent path and a wire name.</summary>
    public static string Combine(string path, string name) => path.Length == 0 ? name : path + "." + name;

    /// <summary>Validates <paramref name="value"/> and throws when it breaks any rule.</summary>
    public static void ThrowIfInvalid(IDashScopeValidatable value, string typeName)
    {
        var context = new DashScopeValidationContext();
        value.Validate(context, string.Empty);
        if (context._errors.Count > 0) { throw new DashScopeValidationException(typeName, context._errors.ToArray()); }
    }

    /// <summary>Records a missing required field.</summary>
    public void Missing(string field) => _errors.Add(new DashScopeValidationError(field, "required", "a value", null));

    /// <summary>Checks an inclusive or exclusive lower bound.</summary>
    public void Minimum(string field, double value, double minimum, bool exclusive)
    {
        if (double.IsNaN(value) || (exclusive ? value <= minimum : value < minimum))
        {
            _errors.Add(new DashScopeValidationError(field, exclusive ? "exclusiveMinimum" : "minimum", (exclusive ? "> " : ">= ") + Text(minimum), Text(value)));
        }
    }

    /// <summary>Checks an inclusive or exclusive upper bound.</summary>
    public void Maximum(string field, double value, double maximum, bool exclusive)
    {
        if (double.IsNaN(value) || (exclusive ? value >= maximum : value > maximum))
        {
            _errors.Add(new DashScopeValidationError(field, exclusive ? "exclusiveMaximum" : "maximum", (exclusive ? "< " : "<= ") + Text(maximum), Text(value)));
        }
    }

    /// <summary>Checks that a value is one of the schema's enum values.</summary>
    public void Enum(string field, string value, IReadOnlyList<string> allowed)
    {
        if (!allowed.Contains(value, StringComparer.Ordinal))
        {
            _errors.Add(new DashScopeValidationError(field, "enum", "one of " + string.Join(", ", allowed), value));
        }
    }

    /// <summary>Checks a string against the schema's pattern.</summary>
    public void Pattern(string field, string value, Regex pattern)
    {
        bool matches;
        try { matches = pattern.IsMatch(value); }
        catch (RegexMatchTimeoutException) { matches = false; }
        if (!matches) { _errors.Add(new DashScopeValidationError(field, "pattern", "matching " + pattern, value)); }
    }

    /// <summary>Checks that a string is an absolute URI (format: uri).</summary>
    public void AbsoluteUri(string field, string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out _))
        {
            _errors.Add(new DashScopeValidationError(field, "format", "an absolute URI", value));
        }
    }

    /// <summary>Checks a string's length bounds (null bound: none).</summary>
    public void Length(string field, string value, int? minLength, int? maxLength)
    {
        if (minLength is { } min && value.Length < min) { _errors.Add(new DashScopeValidationError(field, "minLength", "at least " + min + " characters", value)); }
        if (maxLength is { } max && value.Length > max) { _errors.Add(new DashScopeValidationError(field, "maxLength", "at most " + max + " characters", value)); }
    }

    /// <summary>Checks an array's item count bounds (null bound: none).</summary>
    public void Count(string field, int count, int? minItems, int? maxItems)
    {
        if (minItems is { } min && count < min) { _errors.Add(new DashScopeValidationError(field, "minItems", "at least " + min + " items", count.ToString(CultureInfo.InvariantCulture))); }
        if (maxItems is { } max && count > max) { _errors.Add(new DashScopeValidationError(field, "maxItems", "at most " + max + " items", count.ToString(CultureInfo.InvariantCulture))); }
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
