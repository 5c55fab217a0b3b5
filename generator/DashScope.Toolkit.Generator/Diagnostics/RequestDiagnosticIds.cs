namespace DashScope.Toolkit.Generator.Diagnostics;

/// <summary>
/// The ids of the diagnostics about constant values in generated requests, continuing the generator's DSG
/// range. The code fixes find the diagnostics they repair by these ids.
/// </summary>
public static class RequestDiagnosticIds
{
    /// <summary>A number outside the schema's <c>minimum</c>/<c>maximum</c> (inclusive or exclusive).</summary>
    public const string OutOfRange = "DSG009";

    /// <summary>A string that is not one of a closed string enum's values.</summary>
    public const string NotAllowedValue = "DSG010";

    /// <summary>A value of a generated extensible enum that the schema does not list.</summary>
    public const string UnknownEnumValue = "DSG011";

    /// <summary>A string that is not an absolute URI where the schema says <c>format: uri</c>.</summary>
    public const string NotAbsoluteUri = "DSG012";

    /// <summary>A string that does not match the schema's <c>pattern</c>.</summary>
    public const string PatternMismatch = "DSG013";

    /// <summary>A string shorter than <c>minLength</c> or longer than <c>maxLength</c>.</summary>
    public const string LengthOutOfRange = "DSG014";

    /// <summary>A required property set to null.</summary>
    public const string RequiredIsNull = "DSG015";

    /// <summary>An array with fewer items than <c>minItems</c> or more than <c>maxItems</c>.</summary>
    public const string ItemCountOutOfRange = "DSG016";

    /// <summary>A property set in an object initializer to the value the service uses when it is absent.</summary>
    public const string ValueIsDefault = "DSG017";
}

/// <summary>Keys of the properties a request diagnostic carries for its code fix.</summary>
public static class RequestDiagnosticProperties
{
    /// <summary>DSG009: the C# text of the nearest value the range allows (absent when there is none, as for an exclusive bound of a real number).</summary>
    public const string ClampTo = nameof(ClampTo);

    /// <summary>DSG010 and DSG011: the allowed values, closest to the written one first, separated by <see cref="CandidateSeparator"/>.</summary>
    public const string Candidates = nameof(Candidates);

    /// <summary>The separator of <see cref="Candidates"/>: a character no schema value is expected to hold.</summary>
    public const char CandidateSeparator = '\u001F';
}
