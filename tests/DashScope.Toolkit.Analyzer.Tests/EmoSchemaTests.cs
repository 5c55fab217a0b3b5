using DashScope.Toolkit.Analyzer.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace DashScope.Toolkit.Analyzer.Tests;

/// <summary>
/// A second endpoint (EMO, the schema of tests/DashScope.Toolkit.Tests) with its namespace from the item's
/// DashScopeNamespace metadata: its rules are checked under the names the generator gives them, with no change
/// to the analyzer.
/// </summary>
public sealed class EmoSchemaTests
{
    private const string Metadata = """
        is_global = true

        [/Schemas/emo-v1.schema.json]
        build_metadata.AdditionalFiles.DashScopeNamespace = Sample.Emo
        """;

    [Fact]
    public async Task Urls_boxes_and_the_style_level_are_checked_under_the_metadata_namespace()
    {
        var test = new RequestTest<Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>("""
            using Sample.Emo;

            namespace Consumer;

            internal static class Program
            {
                internal static object Run(string[] args) => new EmoRequest
                {
                    Model = {|DSG010:"emo-v2"|},
                    Input = new EmoRequestInput
                    {
                        ImageUrl = {|DSG013:"ftp://example.com/p.png"|},
                        AudioUrl = "https://example.com/a.wav",
                        FaceBbox = {|#0:[1, 2, 3]|},
                        ExtBbox = [0, 0, 10, {|#1:-1|}],
                    },
                    Parameters = new EmoRequestParameters { StyleLevel = new({|#2:"wild"|}) },
                };

                internal static object Defaults() => new EmoRequestParameters { {|DSG017:StyleLevel = new("normal")|} };

                internal static object Detect() => new EmoDetectRequestParameters { Ratio = new({|DSG011:"16:9"|}) };
            }
            """, TestSchemas.Emo).WithConfig("/.globalconfig", Metadata);
        test.ExpectedDiagnostics.Add(Verify.At(0, "DSG016", DiagnosticSeverity.Error, "face_bbox must have exactly 4 items; this array has 3"));
        test.ExpectedDiagnostics.Add(Verify.At(1, "DSG009", DiagnosticSeverity.Error, "ext_bbox[3] must be at least 0; -1 is out of range"));
        test.ExpectedDiagnostics.Add(Verify.At(2, "DSG011", DiagnosticSeverity.Warning, "style_level should be one of normal, calm, active; \"wild\" is not a known value"));
        await test.RunAsync();
    }

    [Fact]
    public Task Both_schemas_in_one_compilation_each_keep_their_own_rules() =>
        new RequestTest<Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>("""
            using DashScope.LivePortrait;
            using Sample.Emo;

            namespace Consumer;

            internal static class Program
            {
                internal static object[] Run() =>
                [
                    new VideoSynthesisParameters { VideoFps = {|DSG009:31|}, TemplateId = new("calm") },
                    new EmoRequestParameters { StyleLevel = new("calm") },
                    new EmoRequestInput { ImageUrl = "https://example.com/p.png", AudioUrl = "https://example.com/a.wav", FaceBbox = [0, 0, 1, 1], ExtBbox = [0, 0, 2, 2] },
                ];
            }
            """, TestSchemas.LivePortrait, TestSchemas.Emo).WithConfig("/.globalconfig", Metadata).RunAsync();
}
