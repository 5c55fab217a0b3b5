using Xunit;
using Xunit.Abstractions;

namespace DashScope.Toolkit.Generator.Tests.Properties;

/// <summary>
/// Property-based tests of the generator: well over a thousand generated and mutated
/// schemas go through <see cref="Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver"/> in-process.
/// For every input: no exception escapes, every diagnostic is a DSG one located in the schema file, and the
/// verdict by construction holds; the code of accepted schemas compiles with no error or warning.
/// Deterministic by default; <c>DASHSCOPE_PROPERTY_SEED</c>, <c>DASHSCOPE_PROPERTY_SCALE</c> and
/// <c>DASHSCOPE_PROPERTY_REPLAY</c> change the seed, the number of cases, or replay one case
/// (see <see cref="PropertyRun"/> and docs/reliability.md).
/// </summary>
public sealed class GeneratorPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void Valid_schemas_generate_without_diagnostics_and_compile() =>
        PropertyRun.Run("valid", 1, SchemaMutators.Valid, count: 400, compileEvery: 2, output);

    [Fact]
    public void Valid_mutants_with_unknown_keywords_huge_enums_deep_nesting_recursion_and_Unicode_names_still_compile() =>
        PropertyRun.Run("valid-mutant", 2, SchemaMutators.ValidMutants, count: 200, compileEvery: 3, output);

    [Fact]
    public void Invalid_mutants_are_always_reported_in_the_file() =>
        PropertyRun.Run("invalid-mutant", 3, SchemaMutators.InvalidMutants, count: 300, compileEvery: 1, output);

    [Fact]
    public void Wrong_keyword_types_member_like_names_deep_nesting_and_damaged_text_never_crash_and_accepted_ones_compile() =>
        PropertyRun.Run("either-mutant", 4, SchemaMutators.EitherMutants, count: 300, compileEvery: 2, output);

    [Fact]
    public void Garbage_never_crashes_and_is_reported() =>
        PropertyRun.Run("garbage", 5, SchemaMutators.Garbage, count: 150, compileEvery: 1, output);
}
