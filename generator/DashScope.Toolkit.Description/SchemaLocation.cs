namespace DashScope.Toolkit.Description;

/// <summary>A place in a schema file, as plain values (no compiler or JSON objects).</summary>
/// <param name="FilePath">The schema file's path as it was given to the reader.</param>
/// <param name="Start">Character offset of the start.</param>
/// <param name="Length">Length in characters.</param>
/// <param name="Line">Zero-based line.</param>
/// <param name="Column">Zero-based column, in characters.</param>
public readonly record struct SchemaLocation(string FilePath, int Start, int Length, int Line, int Column)
{
    /// <summary>The location as editors and compilers print it: <c>file(line,column)</c>, one-based.</summary>
    public override string ToString() => $"{FilePath}({Line + 1},{Column + 1})";
}
