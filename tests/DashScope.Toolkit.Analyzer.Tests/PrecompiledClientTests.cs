using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace DashScope.Toolkit.Analyzer.Tests;

/// <summary>
/// The package's default: the LivePortrait client comes from a referenced assembly (compiled from the shipped schema),
/// and the schema is marked <c>DashScopeGenerateClient = false</c>. The generator then writes nothing, and the request
/// analyzer checks constants against the referenced types just as against generated ones.
/// </summary>
public sealed class PrecompiledClientTests
{
    [Fact]
    public async Task A_constant_out_of_range_on_the_referenced_client_is_reported_and_nothing_is_generated_again()
    {
        var test = new Support.RequestTest<EmptyCodeFixProvider>("""
            using DashScope.LivePortrait;

            internal static class Usage
            {
                public static object Fast() => new VideoSynthesisParameters { TemplateId = TemplateId.Calm, VideoFps = {|#0:60|} };
                public static object Fine() => new VideoSynthesisParameters { VideoFps = 25, MouthMoveStrength = 1.2 };
            }
            """)
            .WithConfig("/.precompiled.globalconfig", "is_global = true\n\n[/Schemas/liveportrait.schema.json]\nbuild_metadata.AdditionalFiles.DashScopeGenerateClient = false\n");
        test.TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(DashScope.LivePortrait.LivePortraitClient).Assembly.Location));
        // Warnings count: a generated copy beside the referenced one would be CS0436 on every use.
        test.CompilerDiagnostics = CompilerDiagnostics.Warnings;
        test.ExpectedDiagnostics.Add(Support.Verify.At(0, "DSG009", DiagnosticSeverity.Error, "video_fps must be between 15 and 30; 60 is out of range"));

        await test.RunAsync();
    }
}
