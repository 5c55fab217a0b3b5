using System;
using DashScope.Toolkit.Description;
using Microsoft.CodeAnalysis;

namespace DashScope.Toolkit.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. IDs are stable and listed in AnalyzerReleases.*.md. The first five
/// are the description library's problems, with its titles and messages; the others concern C# only.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "DashScope.Schema";

    // The prefix of every id; the number follows (the description library numbers its problems the same way).
    private const string Prefix = "DSG";

    public static readonly DiagnosticDescriptor InvalidJson = FromDescription(Prefix + "001", DescriptionDiagnosticId.InvalidJson);

    public static readonly DiagnosticDescriptor UnreadableSchema = FromDescription(Prefix + "002", DescriptionDiagnosticId.UnreadableSchema);

    public static readonly DiagnosticDescriptor UnsupportedConstruct = FromDescription(Prefix + "003", DescriptionDiagnosticId.UnsupportedConstruct);

    public static readonly DiagnosticDescriptor InvalidEndpointKeyword = FromDescription(Prefix + "004", DescriptionDiagnosticId.InvalidEndpointKeyword);

    public static readonly DiagnosticDescriptor UnresolvedReference = FromDescription(Prefix + "005", DescriptionDiagnosticId.UnresolvedReference);

    public static readonly DiagnosticDescriptor DuplicateTypeName = new(
        Prefix + "006", "Two schemas produce the same type name", "Schema '{0}' would generate '{1}', which schema '{2}' already generates; set DashScopeNamespace or rename the definition", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidName = new(
        Prefix + "007", "Name cannot become a C# identifier", "'{0}': {1}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor GeneratorFailure = new(
        Prefix + "008", "Generator failed on a schema", "The generator failed on schema '{0}': {1}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>The descriptor of a description problem.</summary>
    public static DiagnosticDescriptor For(DescriptionDiagnosticId id) => id switch
    {
        DescriptionDiagnosticId.InvalidJson => InvalidJson,
        DescriptionDiagnosticId.UnreadableSchema => UnreadableSchema,
        DescriptionDiagnosticId.UnsupportedConstruct => UnsupportedConstruct,
        DescriptionDiagnosticId.InvalidEndpointKeyword => InvalidEndpointKeyword,
        DescriptionDiagnosticId.UnresolvedReference => UnresolvedReference,
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "Unknown description diagnostic."),
    };

    private static DiagnosticDescriptor FromDescription(string id, DescriptionDiagnosticId description) =>
        new(id, DescriptionDiagnosticText.Title(description), DescriptionDiagnosticText.MessageFormat(description), Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
