using System;
using System.Globalization;
using System.Linq;

namespace DashScope.Toolkit.Description;

/// <summary>
/// The kinds of problem a schema can have, whatever language is generated from it. The number is the stable
/// DSG number compilers and start-up errors print (<c>DSG001</c> to <c>DSG005</c>).
/// </summary>
public enum DescriptionDiagnosticId
{
    /// <summary>The file is not strict JSON (or could not be read, or is not an object).</summary>
    InvalidJson = 1,

    /// <summary>The JSON is not a JSON Schema that can be read (a broken, external or cyclic reference).</summary>
    UnreadableSchema = 2,

    /// <summary>A JSON Schema construct the description cannot express (a tuple, a type list, patternProperties...).</summary>
    UnsupportedConstruct = 3,

    /// <summary>An <c>x-dashscope-*</c> keyword is missing or has a wrong value.</summary>
    InvalidEndpointKeyword = 4,

    /// <summary>An endpoint keyword refers to a definition the schema does not have.</summary>
    UnresolvedReference = 5,
}

/// <summary>One problem of a schema, at its place in the file.</summary>
/// <param name="Id">What kind of problem it is.</param>
/// <param name="Location">Where in the schema file it is.</param>
/// <param name="Arguments">The values the message names, in the order of <see cref="DescriptionDiagnosticText.MessageFormat"/>.</param>
public sealed record DescriptionDiagnostic(DescriptionDiagnosticId Id, SchemaLocation Location, EquatableArray<string> Arguments)
{
    /// <summary>The stable code, e.g. <c>DSG004</c>.</summary>
    public string Code => DescriptionDiagnosticText.Code(Id);

    /// <summary>The message with its arguments filled in.</summary>
    public string Message
    {
        get
        {
            var format = DescriptionDiagnosticText.MessageFormat(Id);
            // A message format names at most three arguments; missing ones read as empty rather than throwing.
            var values = Enumerable.Range(0, Math.Max(3, Arguments.Count)).Select(i => (object)(i < Arguments.Count ? Arguments[i] : string.Empty)).ToArray();
            return string.Format(CultureInfo.InvariantCulture, format, values);
        }
    }

    /// <summary>The problem as compilers print it: <c>file(line,col): DSG004: message</c>, one-based.</summary>
    public override string ToString() => $"{Location}: {Code}: {Message}";
}

/// <summary>The titles and message formats of <see cref="DescriptionDiagnosticId"/>, shared by every consumer that reports them.</summary>
public static class DescriptionDiagnosticText
{
    /// <summary>The stable code of <paramref name="id"/>: <c>DSG</c> and its number in three digits.</summary>
    /// <param name="id">The kind of problem.</param>
    public static string Code(DescriptionDiagnosticId id) => "DSG" + ((int)id).ToString("000", CultureInfo.InvariantCulture);

    /// <summary>A short title of <paramref name="id"/>.</summary>
    /// <param name="id">The kind of problem.</param>
    public static string Title(DescriptionDiagnosticId id) => id switch
    {
        DescriptionDiagnosticId.InvalidJson => "Schema file is not valid JSON",
        DescriptionDiagnosticId.UnreadableSchema => "NJsonSchema cannot read the schema",
        DescriptionDiagnosticId.UnsupportedConstruct => "Schema construct not supported",
        DescriptionDiagnosticId.InvalidEndpointKeyword => "Endpoint keyword missing or invalid",
        DescriptionDiagnosticId.UnresolvedReference => "Reference names no definition",
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, null),
    };

    /// <summary>The composite format of the message of <paramref name="id"/> ({0}, {1}, {2} are the diagnostic's arguments).</summary>
    /// <param name="id">The kind of problem.</param>
    public static string MessageFormat(DescriptionDiagnosticId id) => id switch
    {
        DescriptionDiagnosticId.InvalidJson => "Schema '{0}' is not valid JSON: {1}",
        DescriptionDiagnosticId.UnreadableSchema => "Schema '{0}' cannot be read as a JSON Schema: {1}",
        DescriptionDiagnosticId.UnsupportedConstruct => "'{0}' uses {1}, which the generator does not support: {2}",
        DescriptionDiagnosticId.InvalidEndpointKeyword => "Schema '{0}': {1}",
        DescriptionDiagnosticId.UnresolvedReference => "'{0}' refers to '{1}', which is not a definition of schema '{2}'",
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, null),
    };
}
