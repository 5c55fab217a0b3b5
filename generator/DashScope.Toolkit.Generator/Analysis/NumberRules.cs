using System;
using System.Globalization;
using DashScope.Toolkit.Description;
using DashScope.Toolkit.Generator.Model;

namespace DashScope.Toolkit.Generator.Analysis;

/// <summary>
/// A number against <c>minimum</c>/<c>maximum</c>, compared as the generated validation compares (as doubles,
/// NaN never in range), and the nearest value the range allows for the clamp fix.
/// </summary>
internal static class NumberRules
{
    /// <summary>The constant as a double, or null when it is not a number.</summary>
    public static double? AsNumber(object? value) => value switch
    {
        int or long or short or sbyte or byte or ushort or uint or ulong or double or float or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        char c => c,
        _ => null,
    };

    public static bool IsInRange(double value, ValueRules rules)
    {
        if (double.IsNaN(value)) { return rules.Minimum is null && rules.Maximum is null; }
        if (rules.Minimum is { } min)
        {
            var bound = Parse(min);
            if (rules.ExclusiveMinimum ? value <= bound : value < bound) { return false; }
        }
        if (rules.Maximum is { } max)
        {
            var bound = Parse(max);
            if (rules.ExclusiveMaximum ? value >= bound : value > bound) { return false; }
        }
        return true;
    }

    /// <summary>
    /// The C# text of the allowed value nearest to <paramref name="value"/>: the bound it passed, or for an integer
    /// and an exclusive bound the next integer inside. Null when there is none to offer (NaN, or an exclusive bound
    /// of a real number, which has no nearest value).
    /// </summary>
    public static string? ClampText(double value, ValueKind kind, ValueRules rules)
    {
        if (double.IsNaN(value)) { return null; }
        var integer = kind is ValueKind.Integer or ValueKind.LongInteger;
        var belowMinimum = rules.Minimum is { } min && (rules.ExclusiveMinimum ? value <= Parse(min) : value < Parse(min));
        var (boundText, exclusive, upward) = belowMinimum
            ? (rules.Minimum!, rules.ExclusiveMinimum, true)
            : (rules.Maximum!, rules.ExclusiveMaximum, false);
        var bound = decimal.Parse(boundText, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!integer) { return exclusive ? null : boundText; }
        var nearest = upward
            ? (exclusive ? decimal.Floor(bound) + 1 : decimal.Ceiling(bound))
            : (exclusive ? decimal.Ceiling(bound) - 1 : decimal.Floor(bound));
        var fits = kind == ValueKind.Integer ? nearest is >= int.MinValue and <= int.MaxValue : nearest is >= long.MinValue and <= long.MaxValue;
        return fits && IsInRange((double)nearest, rules) ? nearest.ToString(CultureInfo.InvariantCulture) : null;
    }

    /// <summary>True when <paramref name="value"/> equals the schema's default written as <paramref name="defaultText"/>.</summary>
    public static bool EqualsDefault(double value, string defaultText) =>
        double.TryParse(defaultText, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed.Equals(value);

    private static double Parse(string bound) => double.Parse(bound, NumberStyles.Float, CultureInfo.InvariantCulture);
}
