using Xunit;

namespace DashScope.Toolkit.PackageTests;

/// <summary>
/// The repository's build files drop, from every compilation, the framework source generators no code here uses, keep
/// those it does use, and keep them all when asked to (<c>KeepUnusedFrameworkGenerators</c>). Read from the analyzer list
/// a project of the repository hands its compiler, on a probe with copies of those files.
/// </summary>
public sealed class FrameworkGeneratorTests
{
    private const string Targets = "ResolveReferences;DropUnusedFrameworkGenerators";

    private static readonly string[] s_unused =
    [
        "Microsoft.Interop.ComInterfaceGenerator.dll",
        "Microsoft.Interop.JavaScript.JSImportGenerator.dll",
        "Microsoft.Interop.LibraryImportGenerator.dll",
        "Microsoft.Interop.SourceGeneration.dll",
    ];

    private static readonly string[] s_used = ["System.Text.Json.SourceGeneration.dll", "System.Text.RegularExpressions.Generator.dll"];

    [Fact]
    public async Task Generators_nothing_here_uses_are_dropped_the_used_ones_stay_and_the_switch_keeps_them_all()
    {
        var probe = BuildFilesProbe.Write();
        try
        {
            var dropped = await probe.ItemFileNamesAsync("Analyzer", Targets);
            var kept = await probe.ItemFileNamesAsync("Analyzer", Targets, "KeepUnusedFrameworkGenerators=true");

            Assert.Empty(s_unused.Intersect(dropped));
            Assert.Subset(dropped.ToHashSet(), s_used.ToHashSet());
            Assert.Subset(kept.ToHashSet(), s_unused.Concat(s_used).ToHashSet());
        }
        finally
        {
            probe.Delete();
        }
    }
}
