using System;
using System.Collections.Immutable;
using System.Linq;
using DashScope.Toolkit.Description;
using DashScope.Toolkit.Generator.Diagnostics;
using DashScope.Toolkit.Generator.Emitting;
using DashScope.Toolkit.Generator.Model;
using DashScope.Toolkit.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace DashScope.Toolkit.Generator;

/// <summary>
/// Turns every AdditionalFile marked <c>DashScopeSchema="true"</c> (a DashScope endpoint schema) into a typed,
/// validated DashScope client.
/// This class only wires the pipeline: parsing, cross-file checks and emitting live in their own classes.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SchemaClientGenerator : IIncrementalGenerator
{
    /// <summary>The AdditionalFiles metadata that marks a file as a schema to read (its value must be <c>true</c>).</summary>
    public const string SchemaMetadata = SchemaFileInputs.MarkerMetadata;

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // The marker is per-file metadata, so the filter needs the options; the step keeps the file alone, so a
        // change of options re-reads no file whose marker stays, and the step holds no options provider.
        var files = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(static pair => SchemaFileInputs.IsSchema(pair.Left, pair.Right))
            .Select(static (pair, _) => pair.Left)
            .WithTrackingName(TrackingNames.SchemaFiles);

        var inputs = files
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellationToken) => SchemaFileInputs.Create(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.SchemaInputs);

        var parsed = inputs
            .Select(static (input, cancellationToken) => SchemaParseCache.Parse(input, cancellationToken))
            .WithTrackingName(TrackingNames.ParsedSchemas);

        var units = parsed
            .Collect()
            .WithTrackingName(TrackingNames.AllSchemas)
            .SelectMany(static (all, _) => CrossFileChecks.Apply(all))
            .WithTrackingName(TrackingNames.EmissionUnits);

        context.RegisterSourceOutput(units, static (production, unit) => Emit(production, unit));

        // A clash between schemas is located only when there is one: the models carry no positions, so an edit that
        // moves text alone regenerates nothing; locating needs the file's text, joined here for clashing files only.
        var clashing = units
            .Where(static unit => unit.Clashes.Count > 0)
            .Combine(inputs.Collect());
        context.RegisterSourceOutput(clashing, static (production, pair) => ReportClashes(production, pair.Left, pair.Right));
    }

    private static void Emit(SourceProductionContext production, SchemaParseResult unit)
    {
        foreach (var diagnostic in unit.Diagnostics) { production.ReportDiagnostic(diagnostic.ToDiagnostic()); }
        // A client the project references already compiled (DashScopeGenerateClient="false") is read and checked
        // like any other, so its types still count in the clash check and the request analyzer, but not written again.
        if (unit.Model is not { } model || !unit.GenerateClient) { return; }
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
            // A model exists only for a non-empty file, so its first character is there to point at.
            var start = SchemaLocations.FileStart(unit.FilePath, "{");
            production.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GeneratorFailure, start.ToLocation(), model.SchemaFileName, unexpected.GetType().Name + ": " + unexpected.Message));
        }
    }

    private static void ReportClashes(SourceProductionContext production, SchemaParseResult unit, ImmutableArray<SchemaFileInput> inputs)
    {
        var text = inputs.FirstOrDefault(i => i.Path == unit.FilePath)?.Text ?? string.Empty;
        var document = EndpointDescriptionReader.Read(unit.FilePath, text, production.CancellationToken).Document;
        foreach (var clash in unit.Clashes)
        {
            var location = clash.Pointer is not null && document is not null ? document.Locate(clash.Pointer) : SchemaLocations.FileStart(unit.FilePath, text);
            production.ReportDiagnostic(new DiagnosticInfo(DiagnosticDescriptors.DuplicateTypeName, location, clash.Arguments).ToDiagnostic());
        }
    }
}
