using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DashScope.Toolkit.Generator.Model;

/// <summary>
/// Picks the schema files among the AdditionalFiles and builds a <see cref="SchemaFileInput"/> from each with its
/// options. The generator and the request analyzer both call it, so they read the same files with the same settings
/// and agree on every C# name.
/// </summary>
internal static class SchemaFileInputs
{
    /// <summary>
    /// The item metadata that marks an AdditionalFile as a DashScope schema. A file is read only when it carries
    /// <c>DashScopeSchema="true"</c> (the package's build files set it for the shipped schema and for every
    /// <c>DashScopeSchema</c> item), never for its name alone: a project may hold other JSON Schemas the generator
    /// must leave alone.
    /// </summary>
    public const string MarkerMetadata = "DashScopeSchema";

    private const string MarkerKey = "build_metadata.AdditionalFiles." + MarkerMetadata;

    /// <summary>
    /// The item metadata that says whether the generator writes the client of a schema: <c>false</c> when the project
    /// references that client already compiled (the package's precompiled LivePortrait client). Anything else, or
    /// nothing, generates it.
    /// </summary>
    public const string GenerateClientMetadata = "DashScopeGenerateClient";

    public static bool IsSchema(AdditionalText file, AnalyzerConfigOptionsProvider options) =>
        options.GetOptions(file).TryGetValue(MarkerKey, out var marker)
        && string.Equals(marker.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    public static SchemaFileInput Create(AdditionalText file, AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken)
    {
        var fileOptions = options.GetOptions(file);
        fileOptions.TryGetValue("build_metadata.AdditionalFiles.DashScopeNamespace", out var ns);
        fileOptions.TryGetValue("build_metadata.AdditionalFiles.DashScopeClientName", out var clientName);
        fileOptions.TryGetValue("build_metadata.AdditionalFiles." + GenerateClientMetadata, out var generate);
        options.GlobalOptions.TryGetValue("build_property.RootNamespace", out var rootNamespace);
        var generateClient = !string.Equals(generate?.Trim(), "false", StringComparison.OrdinalIgnoreCase);
        return new SchemaFileInput(file.Path, file.GetText(cancellationToken)?.ToString(), Blank(ns), Blank(clientName), Blank(rootNamespace), generateClient);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
