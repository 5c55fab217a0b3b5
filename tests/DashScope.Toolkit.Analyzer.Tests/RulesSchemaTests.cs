using DashScope.Toolkit.Analyzer.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace DashScope.Toolkit.Analyzer.Tests;

/// <summary>The rules LivePortrait's request lacks, from Schemas/rules.schema.json: exclusive bounds, int64, lengths, a plain pattern, a URI without a pattern, arrays.</summary>
public sealed class RulesSchemaTests
{
    private static Task Verify(string statements, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) =>
        Support.Verify.Analyzer(Source(statements), [TestSchemas.Rules], expected);

    [Fact]
    public Task Exclusive_bounds_reject_the_bound_itself() =>
        Verify(
            "var a = Input() with { Ratio = {|#0:0|}, Retries = {|#1:0|} }; var b = Input() with { Ratio = {|DSG009:1.0|} };",
            Support.Verify.At(0, "DSG009", DiagnosticSeverity.Error, "ratio must be greater than 0 and less than 1; 0 is out of range"),
            Support.Verify.At(1, "DSG009", DiagnosticSeverity.Error, "retries must be greater than 0 and at most 5; 0 is out of range"));

    [Fact]
    public Task A_64_bit_integer_below_its_minimum_is_reported() =>
        Verify(
            "var a = Input() with { Budget = {|#0:999L|} };",
            Support.Verify.At(0, "DSG009", DiagnosticSeverity.Error, "budget must be at least 1000; 999 is out of range"));

    [Fact]
    public Task Lengths_patterns_and_uris_are_checked() =>
        Verify(
            """
            var a = Input() with { Name = {|#0:"ab"|}, Nickname = {|#1:"Frederick"|}, Code = {|#2:"abc-12"|}, Callback = {|#3:"not a uri"|} };
            var b = Input() with { Name = {|DSG014:"abcdefghi"|} };
            """,
            Support.Verify.At(0, "DSG014", DiagnosticSeverity.Error, "name must be between 3 and 8 characters long; \"ab\" has 2"),
            Support.Verify.At(1, "DSG014", DiagnosticSeverity.Error, "nickname must be at most 4 characters long; \"Frederick\" has 9"),
            Support.Verify.At(2, "DSG013", DiagnosticSeverity.Error, "code must match the pattern ^[A-Z]{3}-[0-9]{2}$; \"abc-12\" does not"),
            Support.Verify.At(3, "DSG012", DiagnosticSeverity.Error, "callback must be an absolute URI (format: uri); \"not a uri\" is not"));

    [Fact]
    public Task An_array_written_in_place_is_counted_and_each_constant_item_is_checked() =>
        Verify(
            """
            var a = Input() with { Tags = {|#0:[]|} };
            var b = Input() with { Tags = {|DSG016:new[] { "a", "b", "c", "d" }|} };
            var c = Input() with { Tags = ["a", {|#1:""|}] };
            var d = Input() with { Tags = [.. args, {|DSG014:""|}] };
            """,
            Support.Verify.At(0, "DSG016", DiagnosticSeverity.Error, "tags must have between 1 and 3 items; this array has 0"),
            Support.Verify.At(1, "DSG014", DiagnosticSeverity.Error, "tags[1] must be at least 1 characters long; \"\" has 0"));

    [Fact]
    public Task After_a_spread_an_item_is_named_without_an_index() =>
        Verify(
            """
            var d = Input() with { Tags = [.. args, {|#0:""|}] };
            """,
            Support.Verify.At(0, "DSG014", DiagnosticSeverity.Error, "tags[] must be at least 1 characters long; \"\" has 0"));

    [Fact]
    public Task Answers_are_not_requests_so_their_rules_are_not_checked() =>
        Verify("var r = new CheckResponse { RequestId = \"r\", Score = 2 };");

    private static string Source(string statements) => $$"""
        using Sample.Rules;

        namespace Consumer;

        internal static class Program
        {
            private static CheckInput Input() => new() { Name = "valid", Tags = ["a"] };

            internal static object Run(string[] args)
            {
                {{statements}}
                return args;
            }
        }
        """;
}
