using System.Globalization;
using System.Text.Json;
using NJsonSchema.Validation;

namespace DashScope.Emulator.Validation;

/// <summary>Numbers as Newtonsoft reads them and NJsonSchema compares them.</summary>
internal sealed partial class BodyCheckRun
{
    /// <summary>True for a JSON number written without a fraction or an exponent: Newtonsoft reads it as an integer.</summary>
    public static bool IsIntegerText(string raw) => raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0;

    /// <summary>NJsonSchema's comparison: as decimals, or as doubles when the value does not fit a decimal.</summary>
    private void ValidateRange(JsonElement value, ValueCheck check, string? propertyName)
    {
        decimal number;
        if (value.TryGetInt64(out var integer))
        {
            number = integer;
        }
        else
        {
            var raw = value.GetRawText();
            if (IsIntegerText(raw))
            {
                // Beyond 64 bits: clamped to the nearest 64-bit value, as the NJsonSchema side does.
                number = raw[0] == '-' ? long.MinValue : long.MaxValue;
            }
            else
            {
                var real = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
                try
                {
                    number = (decimal)real;
                }
                catch (OverflowException)
                {
                    ValidateRange(real, check, propertyName);
                    return;
                }
            }
        }

        if (check.Minimum is { } min && (check.ExclusiveMinimum ? number <= min : number < min))
        {
            Report(ValidationErrorKind.NumberTooSmall, propertyName, false, check.IsUri, null);
        }

        if (check.Maximum is { } max && (check.ExclusiveMaximum ? number >= max : number > max))
        {
            Report(ValidationErrorKind.NumberTooBig, propertyName, false, check.IsUri, null);
        }

        if (check.MultipleOf is { } multipleOf && number % multipleOf != 0)
        {
            Report(ValidationErrorKind.NumberNotMultipleOf, propertyName, false, check.IsUri, null);
        }
    }

    private void ValidateRange(double number, ValueCheck check, string? propertyName)
    {
        if (check.Minimum is { } min && (check.ExclusiveMinimum ? number <= (double)min : number < (double)min))
        {
            Report(ValidationErrorKind.NumberTooSmall, propertyName, false, check.IsUri, null);
        }

        if (check.Maximum is { } max && (check.ExclusiveMaximum ? number >= (double)max : number > (double)max))
        {
            Report(ValidationErrorKind.NumberTooBig, propertyName, false, check.IsUri, null);
        }

        if (check.MultipleOf is { } multipleOf && number % (double)multipleOf != 0)
        {
            Report(ValidationErrorKind.NumberNotMultipleOf, propertyName, false, check.IsUri, null);
        }
    }

    private static bool IsInteger(JsonElement value) => value.TryGetInt64(out _) || IsIntegerText(value.GetRawText());
}
