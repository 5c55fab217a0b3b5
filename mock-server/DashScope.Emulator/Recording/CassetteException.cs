namespace DashScope.Emulator.Recording;

/// <summary>A cassette file that cannot be used: malformed, truncated, from a newer format version, or inconsistent.</summary>
public sealed class CassetteException : Exception
{
    /// <summary>Creates the exception for a problem at a line of a file.</summary>
    /// <param name="file">The cassette's path.</param>
    /// <param name="line">The 1-based line, or null when the problem is the whole file.</param>
    /// <param name="problem">What is wrong, in a sentence.</param>
    /// <param name="inner">The parser's exception, if any.</param>
    public CassetteException(string file, int? line, string problem, Exception? inner = null)
        : base($"Cassette '{file}'{(line is { } l ? $", line {l}" : "")}: {problem}", inner)
    {
        File = file;
        Line = line;
        Problem = problem;
    }

    /// <summary>The cassette's path.</summary>
    public string File { get; }

    /// <summary>The 1-based line of the problem, or null.</summary>
    public int? Line { get; }

    /// <summary>What is wrong, without the file and line.</summary>
    public string Problem { get; }
}
