using System;
using System.IO;
using System.Linq;
using System.Threading;
using DashScope.Toolkit.Description;
using DashScope.Toolkit.Generator.Diagnostics;
using DashScope.Toolkit.Generator.Mapping;
using DashScope.Toolkit.Generator.Model;

namespace DashScope.Toolkit.Generator.Parsing;

/// <summary>
/// Reads one schema file into a <see cref="ServiceModel"/>, or into located diagnostics: the description library
/// reads the schema (DSG001 to DSG005), then the C# mapping names it (DSG007). Never throws (except for
/// cancellation): an unexpected failure becomes DSG008.
/// </summary>
internal static class SchemaParser
{
    public static SchemaParseResult Parse(SchemaFileInput input, CancellationToken cancellationToken)
    {
        var result = Read(input, cancellationToken);
        return input.GenerateClient ? result : result with { GenerateClient = false };
    }

    private static SchemaParseResult Read(SchemaFileInput input, CancellationToken cancellationToken)
    {
        var fileName = Path.GetFileName(input.Path);
        try
        {
            if (input.Text is null)
            {
                return Fail(input, DiagnosticDescriptors.InvalidJson, fileName, "the file could not be read");
            }
            var read = EndpointDescriptionReader.Read(input.Path, input.Text, cancellationToken);
            if (read.Description is not { } description || read.Document is not { } document)
            {
                return new SchemaParseResult(input.Path, null, read.Diagnostics.Select(DiagnosticInfo.From).ToEquatableArray(), EquatableArray<TypeClash>.Empty);
            }
            return new ServiceMapper(description, document, input).Map();
        }
        catch (OperationCanceledException) { throw; }
        catch (Exception unexpected)
        {
            return Fail(input, DiagnosticDescriptors.GeneratorFailure, fileName, unexpected.GetType().Name + ": " + Trim(unexpected.Message));
        }
    }

    private static SchemaParseResult Fail(SchemaFileInput input, Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, string fileName, string message) =>
        new(input.Path, null, EquatableArray.Of(new DiagnosticInfo(descriptor, SchemaLocations.FileStart(input.Path, input.Text), EquatableArray.Of(fileName, message))), EquatableArray<TypeClash>.Empty);

    private static string Trim(string message)
    {
        var oneLine = message.Replace("\r", " ").Replace("\n", " ");
        return oneLine.Length > 300 ? oneLine.Substring(0, 300) + "…" : oneLine;
    }
}
