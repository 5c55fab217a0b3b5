using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DashScope.Toolkit.Generator.Model;

/// <summary>
/// Builds a <see cref="SchemaFileInput"/> from an AdditionalFile and its options. The generator and the request
/// analyzer both call it, so they map a schema with the same settings and agree on every C# name.
/// </summary>
internal static class SchemaFileInputs
{
    /// <summary>File names the generator reads.</summary>
    public const string SchemaSuffix = ".schema.json";

    public static bool IsSchema(AdditionalText file) => file.Path.EndsWith(SchemaSuffix, System.StringComparison.OrdinalIgnoreCase);

    public static SchemaFileInput Create(AdditionalText file, AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken)
    {
        var fileOptions = options.GetOptions(file);
        fileOptions.TryGetValue("build_metadata.AdditionalFiles.DashScopeNamespace", out var ns);
        fileOptions.TryGetValue("build_metadata.AdditionalFiles.DashScopeClientName", out var clientName);
        options.GlobalOptions.TryGetValue("build_property.RootNamespace", out var rootNamespace);
        return new SchemaFileInput(file.Path, file.GetText(cancellationToken)?.ToString(), Blank(ns), Blank(clientName), Blank(rootNamespace));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
