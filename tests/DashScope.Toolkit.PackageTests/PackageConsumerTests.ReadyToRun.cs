using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using Xunit;

namespace DashScope.Toolkit.PackageTests;

/// <summary>
/// The package's ReadyToRun copy of its analyzer folder (buildTransitive/analyzers-r2r/linux-x64): what it holds, and
/// that a consumer's compiler gets it on a linux-x64 .NET SDK, still reports the request analyzer's diagnostics, and
/// gets the IL-only folder when the property turns it off.
/// </summary>
public sealed partial class PackageConsumerTests
{
    private const string ReadyToRunFolder = "buildTransitive/analyzers-r2r/linux-x64/";

    /// <summary>What a compile runs, precompiled; the other files of the folder are the IL-only ones, byte for byte.</summary>
    private static readonly string[] s_precompiled = ["DashScope.Toolkit.Generator.dll", "DashScope.Toolkit.Description.dll", "Newtonsoft.Json.dll"];

    /// <summary>The pack makes the copy only where the SDK runs on linux-x64 (crossgen2's host package is per platform).</summary>
    private static bool PacksReadyToRun => OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64;

    [Fact]
    public void Package_carries_the_analyzer_folder_again_with_what_a_compile_runs_precompiled_for_linux_x64()
    {
        Assert.True(File.Exists(_package.PackagePath), _package.Pack.ToString());
        using var archive = ZipFile.OpenRead(_package.PackagePath);
        var copies = archive.Entries.Where(e => e.FullName.StartsWith(ReadyToRunFolder, StringComparison.Ordinal)).ToArray();
        if (!PacksReadyToRun)
        {
            Assert.Empty(copies);
            return;
        }

        Assert.Equal(s_analyzerAssemblies.Order(StringComparer.Ordinal), copies.Select(e => e.Name).Order(StringComparer.Ordinal));
        foreach (var copy in copies)
        {
            var original = Bytes(archive.GetEntry("analyzers/dotnet/cs/" + copy.Name)!);
            var bytes = Bytes(copy);
            Assert.False(IsReadyToRun(original), $"analyzers/dotnet/cs/{copy.Name} is not IL only.");
            if (s_precompiled.Contains(copy.Name))
            {
                Assert.True(IsReadyToRun(bytes), $"{copy.FullName} holds no ReadyToRun code.");
                // The same module (its IL and metadata are kept), only with native code beside it.
                Assert.Equal(ModuleVersionId(original), ModuleVersionId(bytes));
            }
            else
            {
                Assert.Equal(original, bytes);
            }
        }
    }

    [Fact]
    public async Task On_linux_x64_the_compiler_gets_the_ReadyToRun_folder_and_the_analyzer_still_reports()
    {
        Assert.True(_package.Pack.ExitCode == 0, _package.Pack.ToString());
        var precompiled = await BuildWithAnImpossibleConstant("ReadyToRunConsumer", "");
        var ilOnly = await BuildWithAnImpossibleConstant("IlOnlyConsumer", "<PropertyGroup><DashScopeReadyToRunAnalyzers>false</DashScopeReadyToRunAnalyzers></PropertyGroup>");

        var expected = PacksReadyToRun ? "/buildTransitive/analyzers-r2r/linux-x64/" : "/analyzers/dotnet/cs/";
        Assert.All(precompiled.Analyzers, path => Assert.Contains(expected, path, StringComparison.Ordinal));
        Assert.All(ilOnly.Analyzers, path => Assert.Contains("/analyzers/dotnet/cs/", path, StringComparison.Ordinal));
        Assert.Equal(s_analyzerAssemblies.Order(StringComparer.Ordinal), precompiled.Analyzers.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(s_analyzerAssemblies.Order(StringComparer.Ordinal), ilOnly.Analyzers.Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    /// <summary>Builds a consumer whose one constant breaks a rule, checks DSG009 stops it, and returns the package's analyzer paths the compiler got.</summary>
    private async Task<(string[] Analyzers, CommandResult Build)> BuildWithAnImpossibleConstant(string name, string projectBody)
    {
        // Runs the package's swap first (or finds it done), right before the compile: the analyzers as csc receives them.
        const string showAnalyzers = """
            <Target Name="ShowDashScopeAnalyzers" BeforeTargets="CoreCompile" DependsOnTargets="_DashScopeUseReadyToRunAnalyzers">
              <Message Importance="high" Text="dashscope-analyzer: %(Analyzer.FullPath)" Condition="$([System.String]::new('%(Analyzer.FullPath)').Contains('dashscope.toolkit'))" />
            </Target>
            """;
        var consumer = ConsumerProject.Create(
            _package, name, "var tooFast = new DashScope.LivePortrait.VideoSynthesisParameters { VideoFps = 60 };\nSystem.Console.WriteLine(tooFast);\n", projectBody + showAnalyzers);

        var build = await consumer.BuildAsync();

        Assert.NotEqual(0, build.ExitCode);
        var errors = ErrorLine().Matches(build.Output).Select(m => m.Groups["id"].Value).Distinct().ToArray();
        Assert.True(errors.SequenceEqual(["DSG009"]), $"Expected only DSG009 errors, got [{string.Join(", ", errors)}].{Environment.NewLine}{build}");
        Assert.DoesNotContain("AD0001", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("CS8032", build.Output, StringComparison.Ordinal);
        var analyzers = build.Output.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("dashscope-analyzer: ", StringComparison.Ordinal))
            .Select(line => line["dashscope-analyzer: ".Length..].Replace('\\', '/'))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        Assert.True(analyzers.Length > 0, build.ToString());
        return (analyzers, build);
    }

    private static byte[] Bytes(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static bool IsReadyToRun(byte[] image)
    {
        using var pe = new PEReader(new MemoryStream(image));
        return pe.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    private static Guid ModuleVersionId(byte[] image)
    {
        using var pe = new PEReader(new MemoryStream(image));
        var metadata = pe.GetMetadataReader();
        return metadata.GetGuid(metadata.GetModuleDefinition().Mvid);
    }
}
