using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DashScope.Toolkit.Generator.Emitting;
using DashScope.Toolkit.Generator.Model;
using DashScope.Toolkit.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace DashScope.Toolkit.Generator;

/// <summary>
/// Turns every <c>*.schema.json</c> given as AdditionalFiles into a typed, validated DashScope client.
/// This class only wires the pipeline: parsing, cross-file checks and emitting live in their own classes.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SchemaClientGenerator : IIncrementalGenerator
{
    /// <summary>File names the generator reads.</summary>
    public const string SchemaSuffix = ".schema.json";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var files = context.AdditionalTextsProvider
            .Where(static file => file.Path.EndsWith(SchemaSuffix, StringComparison.OrdinalIgnoreCase))
            .WithTrackingName(TrackingNames.SchemaFiles);

        var inputs = files
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellationToken) =>
            {
                var (file, options) = pair;
                var fileOptions = options.GetOptions(file);
                fileOptions.TryGetValue("build_metadata.AdditionalFiles.DashScopeNamespace", out var ns);
                fileOptions.TryGetValue("build_metadata.AdditionalFiles.DashScopeClientName", out var clientName);
                options.GlobalOptions.TryGetValue("build_property.RootNamespace", out var rootNamespace);
                return new SchemaFileInput(file.Path, file.GetText(cancellationToken)?.ToString(), Blank(ns), Blank(clientName), Blank(rootNamespace));
            })
            .WithTrackingName(TrackingNames.SchemaInputs);

        var parsed = inputs
            .Select(static (input, cancellationToken) => SchemaParser.Parse(input, cancellationToken))
            .WithTrackingName(TrackingNames.ParsedSchemas);

        var units = parsed
            .Collect()
            .WithTrackingName(TrackingNames.AllSchemas)
            .SelectMany(static (all, _) => CrossFileChecks.Apply(all))
            .WithTrackingName(TrackingNames.EmissionUnits);

        context.RegisterSourceOutput(units, static (production, unit) => Emit(production, unit));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

    private static void Emit(SourceProductionContext production, SchemaParseResult unit)
    {
        foreach (var diagnostic in unit.Diagnostics) { production.ReportDiagnostic(diagnostic.ToDiagnostic()); }
        if (unit.Model is not { } model) { return; }
        try
        {
            var prefix = model.Namespace + "." + model.ClientName;
            production.AddSource(prefix + ".Models.g.cs", SourceText.From(ModelEmitter.Emit(model), System.Text.Encoding.UTF8));
            production.AddSource(prefix + ".Json.g.cs", SourceText.From(JsonEmitter.Emit(model), System.Text.Encoding.UTF8));
            production.AddSource(prefix + ".Client.g.cs", SourceText.From(ClientEmitter.EmitClient(model), System.Text.Encoding.UTF8));
            if (model.ErrorCodes.Count > 0)
            {
                production.AddSource(prefix + ".ErrorCodes.g.cs", SourceText.From(ClientEmitter.EmitErrorCodes(model), System.Text.Encoding.UTF8));
            }
        }
        catch (Exception unexpected) when (unexpected is not OperationCanceledException)
        {
            production.ReportDiagnostic(Diagnostic.Create(Diagnostics.DiagnosticDescriptors.GeneratorFailure, unit.Root.ToLocation(), model.SchemaFileName, unexpected.GetType().Name + ": " + unexpected.Message));
        }
    }
}

/// <summary>Checks that need every schema at once: two schemas must not declare the same type.</summary>
internal static class CrossFileChecks
{
    public static ImmutableArray<SchemaParseResult> Apply(ImmutableArray<SchemaParseResult> all)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<SchemaParseResult>(all.Length);
        // A stable order makes "the first schema wins" independent of the order MSBuild lists files.
        foreach (var unit in all.OrderBy(u => u.FilePath, StringComparer.Ordinal))
        {
            if (unit.Model is not { } model)
            {
                result.Add(unit);
                continue;
            }
            var clashes = new List<DiagnosticInfo>();
            foreach (var (name, span) in model.DeclaredNames(unit.Root))
            {
                var fullName = model.Namespace + "." + name;
                if (owners.TryGetValue(fullName, out var owner))
                {
                    clashes.Add(new DiagnosticInfo("DSG006", span, new[] { model.SchemaFileName, fullName, owner }.ToEquatableArray()));
                }
            }
            if (clashes.Count > 0)
            {
                result.Add(unit with { Model = null, Diagnostics = unit.Diagnostics.Concat(clashes).ToEquatableArray() });
                continue;
            }
            foreach (var (name, _) in model.DeclaredNames(unit.Root)) { owners[model.Namespace + "." + name] = model.SchemaFileName; }
            result.Add(unit);
        }
        return result.ToImmutable();
    }
}
