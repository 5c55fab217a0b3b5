using System;
using System.Collections.Generic;
using System.Linq;

namespace DashScope.Toolkit.Description;

/// <summary>
/// A schema that cannot serve its caller: it has problems (each listed as <c>file(line,col): DSG00N: message</c>),
/// or it lacks an entry the caller needs (an error role, an operation).
/// </summary>
public sealed class SchemaDescriptionException : Exception
{
    /// <summary>Creates the exception for a schema with located problems.</summary>
    /// <param name="schemaPath">The schema file.</param>
    /// <param name="diagnostics">Its problems.</param>
    public SchemaDescriptionException(string schemaPath, IEnumerable<DescriptionDiagnostic> diagnostics)
        : this(schemaPath, diagnostics.ToList())
    {
    }

    /// <summary>Creates the exception with a message of its own.</summary>
    /// <param name="schemaPath">The schema file.</param>
    /// <param name="message">What is wrong, naming the schema's keyword.</param>
    public SchemaDescriptionException(string schemaPath, string message)
        : base(message)
    {
        SchemaPath = schemaPath;
        Diagnostics = EquatableArray<DescriptionDiagnostic>.Empty;
    }

    private SchemaDescriptionException(string schemaPath, List<DescriptionDiagnostic> diagnostics)
        : base($"The schema '{schemaPath}' has {diagnostics.Count} problem(s):" + string.Concat(diagnostics.Select(d => Environment.NewLine + d)))
    {
        SchemaPath = schemaPath;
        Diagnostics = diagnostics.ToEquatableArray();
    }

    /// <summary>The schema file.</summary>
    public string SchemaPath { get; }

    /// <summary>The located problems (empty when the exception is about a missing entry).</summary>
    public EquatableArray<DescriptionDiagnostic> Diagnostics { get; }
}
