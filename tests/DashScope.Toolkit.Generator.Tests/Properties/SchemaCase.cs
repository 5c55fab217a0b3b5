using CsCheck;

namespace DashScope.Toolkit.Generator.Tests.Properties;

/// <summary>What an input is by construction, before the generator sees it.</summary>
internal enum Verdict
{
    /// <summary>A well-formed service schema the README says the generator supports: it must generate, without any diagnostic, code that compiles.</summary>
    Valid,

    /// <summary>Broken on purpose (not JSON, a missing keyword, a cycle, a name clash): it must give at least one located DSG error and no code.</summary>
    Invalid,

    /// <summary>Either is acceptable (a mutation whose effect is not known in advance): code that compiles, or a located error.</summary>
    Either,
}

/// <summary>One generated input: the schema text, what it is by construction, and how it was made.</summary>
internal sealed record SchemaCase(string Kind, Verdict Verdict, string Text, string Note)
{
    /// <summary>Short enough for a failure message: the kind, the note and the start of the text.</summary>
    public override string ToString() =>
        $"{Kind} ({Verdict}; {Note}), {Text.Length} chars:\n{(Text.Length > 4000 ? Text.Substring(0, 4000) + "\n…" : Text)}";
}

/// <summary>Draws from CsCheck's random source (PCG) with the few helpers the schema builders need.</summary>
internal sealed class Draw(PCG pcg)
{
    public int Int(int minInclusive, int maxInclusive) => minInclusive + (int)pcg.Next((uint)(maxInclusive - minInclusive + 1));

    public bool Chance(int percent) => pcg.Next(100) < (uint)percent;

    public T Pick<T>(IReadOnlyList<T> items) => items[(int)pcg.Next((uint)items.Count)];

    public double Unit() => pcg.Next() / (double)uint.MaxValue;
}

/// <summary>
/// A CsCheck generator from a function of the random source. The size (which CsCheck shrinks towards)
/// is the length of the schema text, so a shrunk failure is the shortest failing schema found.
/// </summary>
internal sealed class SchemaGen(Func<Draw, SchemaCase> build) : Gen<SchemaCase>
{
    public override SchemaCase Generate(PCG pcg, Size? min, out Size size)
    {
        var value = build(new Draw(pcg));
        size = new Size((ulong)value.Text.Length);
        return value;
    }
}
