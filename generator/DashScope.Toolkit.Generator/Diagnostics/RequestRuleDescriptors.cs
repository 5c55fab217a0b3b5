using Microsoft.CodeAnalysis;

namespace DashScope.Toolkit.Generator.Diagnostics;

/// <summary>
/// The descriptors of the request analyzer: a constant assigned to a property of a generated request that
/// breaks the schema's rule for it. Each links to its page under docs/diagnostics/ by a path relative to the
/// repository root (the package has no web home yet; docs/diagnostics/README.md says so).
/// </summary>
internal static class RequestRuleDescriptors
{
    private const string Category = "DashScope.Request";

    private const string HelpFolder = "docs/diagnostics/";

    public static readonly DiagnosticDescriptor OutOfRange = Error(
        RequestDiagnosticIds.OutOfRange, "Number outside the schema's range", "{0} must be {1}; {2} is out of range");

    public static readonly DiagnosticDescriptor NotAllowedValue = Error(
        RequestDiagnosticIds.NotAllowedValue, "String not among the schema's values", "{0} must be one of {1}; \"{2}\" is not");

    public static readonly DiagnosticDescriptor UnknownEnumValue = Create(
        RequestDiagnosticIds.UnknownEnumValue, "Value the schema does not list", "{0} should be one of {1}; \"{2}\" is not a known value", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor NotAbsoluteUri = Error(
        RequestDiagnosticIds.NotAbsoluteUri, "String is not an absolute URI", "{0} must be an absolute URI (format: uri); \"{1}\" is not");

    public static readonly DiagnosticDescriptor PatternMismatch = Error(
        RequestDiagnosticIds.PatternMismatch, "String does not match the schema's pattern", "{0} must match the pattern {1}; \"{2}\" does not");

    public static readonly DiagnosticDescriptor LengthOutOfRange = Error(
        RequestDiagnosticIds.LengthOutOfRange, "String length outside the schema's bounds", "{0} must be {1} characters long; \"{2}\" has {3}");

    public static readonly DiagnosticDescriptor RequiredIsNull = Error(
        RequestDiagnosticIds.RequiredIsNull, "Required property set to null", "{0} is required; null leaves it out of the request");

    public static readonly DiagnosticDescriptor ItemCountOutOfRange = Error(
        RequestDiagnosticIds.ItemCountOutOfRange, "Array size outside the schema's bounds", "{0} must have {1} items; this array has {2}");

    public static readonly DiagnosticDescriptor ValueIsDefault = Create(
        RequestDiagnosticIds.ValueIsDefault, "Property set to the service's default", "{0} is {1} when absent; setting it to {1} changes nothing", DiagnosticSeverity.Info, WellKnownDiagnosticTags.Unnecessary);

    private static DiagnosticDescriptor Error(string id, string title, string message) => Create(id, title, message, DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity, params string[] customTags) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpFolder + id + ".md", customTags: customTags);
}
