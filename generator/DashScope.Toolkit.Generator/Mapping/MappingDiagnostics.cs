using System.Collections.Generic;
using DashScope.Toolkit.Description;
using DashScope.Toolkit.Generator.Diagnostics;
using DashScope.Toolkit.Generator.Model;

namespace DashScope.Toolkit.Generator.Mapping;

/// <summary>Collects the C#-only problems of a schema, locating each through the schema document when it is reported.</summary>
internal sealed class MappingDiagnostics
{
    private readonly SchemaDocument _document;
    private readonly List<DiagnosticInfo> _diagnostics = new();

    public MappingDiagnostics(SchemaDocument document) => _document = document;

    public int Count => _diagnostics.Count;

    public EquatableArray<DiagnosticInfo> ToArray() => _diagnostics.ToEquatableArray();

    /// <summary>DSG007 at the token of <paramref name="pointer"/> (a property's or definition's name).</summary>
    public void InvalidName(string pointer, string name, string why) =>
        _diagnostics.Add(new DiagnosticInfo(DiagnosticDescriptors.InvalidName, _document.Locate(pointer), EquatableArray.Of(name, why)));

    /// <summary>DSG007 at the value of <paramref name="pointer"/> (a string keyword's value).</summary>
    public void InvalidNameValue(string pointer, string name, string why) =>
        _diagnostics.Add(new DiagnosticInfo(DiagnosticDescriptors.InvalidName, _document.LocateValue(pointer), EquatableArray.Of(name, why)));

    /// <summary>A diagnostic of <paramref name="descriptor"/> at the token of <paramref name="pointer"/>.</summary>
    public void Add(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, string pointer, params string[] arguments) =>
        _diagnostics.Add(new DiagnosticInfo(descriptor, _document.Locate(pointer), arguments.ToEquatableArray()));
}
