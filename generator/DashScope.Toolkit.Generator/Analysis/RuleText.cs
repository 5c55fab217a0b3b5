using System;
using System.Globalization;
using DashScope.Toolkit.Description;

namespace DashScope.Toolkit.Generator.Analysis;

/// <summary>How messages write a rule and a value: invariant numbers, bounds in words.</summary>
internal static class RuleText
{
    /// <summary>"between 15 and 30", "at least 0", "greater than 0 and at most 1"...</summary>
    public static string Range(ValueRules rules)
    {
        if (rules.Minimum is { } min && rules.Maximum is { } max)
        {
            return !rules.ExclusiveMinimum && !rules.ExclusiveMaximum
                ? "between " + min + " and " + max
                : Lower(min, rules.ExclusiveMinimum) + " and " + Upper(max, rules.ExclusiveMaximum);
        }
        return rules.Minimum is { } onlyMin ? Lower(onlyMin, rules.ExclusiveMinimum) : Upper(rules.Maximum!, rules.ExclusiveMaximum);
    }

    /// <summary>"exactly 4", "between 1 and 4", "at least 1", "at most 4": a length or a count.</summary>
    public static string Size(int? min, int? max)
    {
        if (min is { } low && max is { } high)
        {
            return low == high ? "exactly " + Number(low) : "between " + Number(low) + " and " + Number(high);
        }
        return min is { } onlyMin ? "at least " + Number(onlyMin) : "at most " + Number(max!.Value);
    }

    /// <summary>A constant as C# would print it, invariantly ("1.5", "60", "NaN").</summary>
    public static string Value(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Lower(string bound, bool exclusive) => (exclusive ? "greater than " : "at least ") + bound;

    private static string Upper(string bound, bool exclusive) => (exclusive ? "less than " : "at most ") + bound;
}
