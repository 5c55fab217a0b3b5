using DashScope.Toolkit.Analyzer.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace DashScope.Toolkit.Analyzer.Tests;

/// <summary>Default severities, and .editorconfig turning a rule off or up.</summary>
public sealed class SeverityTests
{
    [Theory]
    [InlineData("DSG009", DiagnosticSeverity.Error)]
    [InlineData("DSG010", DiagnosticSeverity.Error)]
    [InlineData("DSG011", DiagnosticSeverity.Warning)]
    [InlineData("DSG012", DiagnosticSeverity.Error)]
    [InlineData("DSG013", DiagnosticSeverity.Error)]
    [InlineData("DSG014", DiagnosticSeverity.Error)]
    [InlineData("DSG015", DiagnosticSeverity.Error)]
    [InlineData("DSG016", DiagnosticSeverity.Error)]
    [InlineData("DSG017", DiagnosticSeverity.Info)]
    public void Values_that_can_never_be_valid_are_errors_unknown_enum_values_warnings_and_defaults_info(string id, DiagnosticSeverity severity)
    {
        var descriptor = Verify.Descriptor(id);
        Assert.Equal(severity, descriptor.DefaultSeverity);
        Assert.True(descriptor.IsEnabledByDefault);
    }

    [Fact]
    public Task Severity_none_in_editorconfig_silences_a_rule() =>
        new RequestTest<EmptyCodeFixProvider>(Consumer.Statements("var p = new VideoSynthesisParameters { VideoFps = 60, TemplateId = new(\"wild\") };"))
            .WithConfig("/.editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.DSG009.severity = none\ndotnet_diagnostic.DSG011.severity = none\n")
            .RunAsync();

    [Fact]
    public async Task Editorconfig_can_raise_the_default_suggestion_to_an_error()
    {
        var test = new RequestTest<EmptyCodeFixProvider>(Consumer.Statements("var p = new VideoSynthesisParameters { {|#0:VideoFps = 24|} };"))
            .WithConfig("/.editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.DSG017.severity = error\n");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("DSG017", DiagnosticSeverity.Error).WithLocation(0));
        await test.RunAsync();
    }
}
