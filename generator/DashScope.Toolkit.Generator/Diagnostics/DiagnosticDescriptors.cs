using System;
using Microsoft.CodeAnalysis;

namespace DashScope.Toolkit.Generator.Diagnostics;

/// <summary>Every diagnostic the generator reports. IDs are stable and listed in AnalyzerReleases.*.md.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "DashScope.Schema";

    public static readonly DiagnosticDescriptor InvalidJson = new(
        "DSG001", "Schema file is not valid JSON", "Schema '{0}' is not valid JSON: {1}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnreadableSchema = new(
        "DSG002", "NJsonSchema cannot read the schema", "Schema '{0}' cannot be read as a JSON Schema: {1}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedConstruct = new(
        "DSG003", "Schema construct not supported", "'{0}' uses {1}, which the generator does not support: {2}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidEndpointKeyword = new(
        "DSG004", "Endpoint keyword missing or invalid", "Schema '{0}': {1}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnresolvedReference = new(
        "DSG005", "Reference names no definition", "'{0}' refers to '{1}', which is not a definition of schema '{2}'", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateTypeName = new(
        "DSG006", "Two schemas produce the same type name", "Schema '{0}' would generate '{1}', which schema '{2}' already generates; set DashScopeNamespace or rename the definition", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidName = new(
        "DSG007", "Name cannot become a C# identifier", "'{0}': {1}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor GeneratorFailure = new(
        "DSG008", "Generator failed on a schema", "The generator failed on schema '{0}': {1}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static DiagnosticDescriptor ById(string id) => id switch
    {
        "DSG001" => InvalidJson,
        "DSG002" => UnreadableSchema,
        "DSG003" => UnsupportedConstruct,
        "DSG004" => InvalidEndpointKeyword,
        "DSG005" => UnresolvedReference,
        "DSG006" => DuplicateTypeName,
        "DSG007" => InvalidName,
        "DSG008" => GeneratorFailure,
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "Unknown diagnostic id."),
    };
}
