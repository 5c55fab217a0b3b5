using System.Linq;
using DashScope.Toolkit.Description;
using Microsoft.CodeAnalysis;

namespace DashScope.Toolkit.Generator.Model;

/// <summary>A diagnostic waiting to be reported, kept as values for caching.</summary>
/// <param name="Descriptor">What kind of problem it is.</param>
/// <param name="Location">Where in the schema it points.</param>
/// <param name="Arguments">The message arguments.</param>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, SchemaLocation Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo From(DescriptionDiagnostic diagnostic) =>
        new(Diagnostics.DiagnosticDescriptors.For(diagnostic.Id), diagnostic.Location, diagnostic.Arguments);

    public Diagnostic ToDiagnostic() => Diagnostic.Create(Descriptor, Location.ToLocation(), Arguments.Cast<object>().ToArray());
}
