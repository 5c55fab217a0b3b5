using Microsoft.CodeAnalysis;

namespace DashScope.Toolkit.Generator.Model;

/// <summary>A diagnostic waiting to be reported, kept as values for caching.</summary>
/// <param name="Id">The descriptor's id.</param>
/// <param name="Span">Where in the schema it points.</param>
/// <param name="Arguments">The message arguments.</param>
internal sealed record DiagnosticInfo(string Id, SourceSpan Span, EquatableArray<string> Arguments)
{
    public Diagnostic ToDiagnostic()
    {
        var descriptor = Diagnostics.DiagnosticDescriptors.ById(Id);
        var args = new object[Arguments.Count];
        for (var i = 0; i < args.Length; i++) { args[i] = Arguments[i]; }
        return Diagnostic.Create(descriptor, Span.ToLocation(), args);
    }
}
