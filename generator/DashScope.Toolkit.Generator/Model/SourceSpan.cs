using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace DashScope.Toolkit.Generator.Model;

/// <summary>A place in a schema file, as plain values so models stay free of Roslyn objects.</summary>
/// <param name="FilePath">The schema file.</param>
/// <param name="Start">Character offset of the start.</param>
/// <param name="Length">Length in characters.</param>
/// <param name="Line">Zero-based line.</param>
/// <param name="Column">Zero-based column, in characters.</param>
internal readonly record struct SourceSpan(string FilePath, int Start, int Length, int Line, int Column)
{
    public Location ToLocation()
    {
        var position = new LinePosition(Line, Column);
        return Location.Create(FilePath, new TextSpan(Start, Length), new LinePositionSpan(position, new LinePosition(Line, Column + Length)));
    }
}
