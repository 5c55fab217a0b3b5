using DashScope.Toolkit.Description;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace DashScope.Toolkit.Generator.Model;

/// <summary>Turns the description library's plain locations into Roslyn locations, only when a diagnostic is reported.</summary>
internal static class SchemaLocations
{
    public static Location ToLocation(this SchemaLocation location)
    {
        var position = new LinePosition(location.Line, location.Column);
        return Location.Create(location.FilePath, new TextSpan(location.Start, location.Length), new LinePositionSpan(position, new LinePosition(location.Line, location.Column + location.Length)));
    }

    /// <summary>The first character of a file (nothing when it is empty): the place of problems that concern the whole file.</summary>
    public static SchemaLocation FileStart(string path, string? text) => new(path, 0, string.IsNullOrEmpty(text) ? 0 : 1, 0, 0);
}
