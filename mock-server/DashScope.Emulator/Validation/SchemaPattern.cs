using System.Text.RegularExpressions;

namespace DashScope.Emulator.Validation;

/// <summary>
/// A schema pattern, matched by the regular-expression interpreter at first and by a compiled expression once the
/// pattern has proved hot. Compiling every pattern up front would add milliseconds to each start for patterns a
/// short test run matches a few times; under load the interpreter costs several times the compiled code per match.
/// Same expression, same options otherwise, so the answers are the same either way. Thread-safe.
/// </summary>
internal sealed class SchemaPattern
{
    /// <summary>How many matches the interpreter serves before the compiled expression is built.</summary>
    public const int CompileAfter = 2_000;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SchemaPattern> Shared = new(StringComparer.Ordinal);

    private readonly string _pattern;
    private readonly Action<SchemaPattern> _startCompiling;
    private Regex _regex;
    private int _uses;

    /// <param name="pattern">The schema's pattern.</param>
    /// <param name="startCompiling">How the compiled expression gets built once hot: on the thread pool unless given (tests build it at once).</param>
    internal SchemaPattern(string pattern, Action<SchemaPattern>? startCompiling = null)
    {
        _pattern = pattern;
        _regex = new Regex(pattern);
        _startCompiling = startCompiling ?? (static self => ThreadPool.UnsafeQueueUserWorkItem(static s => s.Compile(), self, preferLocal: false));
    }

    /// <summary>True once the compiled expression serves the matches.</summary>
    public bool IsCompiled => (Volatile.Read(ref _regex).Options & RegexOptions.Compiled) != 0;

    /// <summary>One instance per pattern text in the process: every operation and header that names it shares its warm-up.</summary>
    public static SchemaPattern For(string pattern) => Shared.GetOrAdd(pattern, static p => new SchemaPattern(p));

    public bool IsMatch(string text)
    {
        var regex = Volatile.Read(ref _regex);
        if ((regex.Options & RegexOptions.Compiled) == 0 && Interlocked.Increment(ref _uses) == CompileAfter)
        {
            // Built off the request's thread by default; the interpreter keeps answering until the swap.
            _startCompiling(this);
        }

        return regex.IsMatch(text);
    }

    /// <summary>Builds the compiled expression and puts it in place of the interpreted one.</summary>
    internal void Compile()
    {
        try
        {
            Volatile.Write(ref _regex, new Regex(_pattern, RegexOptions.Compiled));
        }
        catch (Exception e) when (e is NotSupportedException or PlatformNotSupportedException or InvalidOperationException)
        {
            // A runtime that cannot emit code (ahead-of-time compiled, say) keeps the interpreter: same answers.
        }
    }

    public override string ToString() => _pattern;
}
