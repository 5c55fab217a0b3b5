using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace DashScope.Toolkit.Generator.Tests;

/// <summary>
/// A source-generator test as a consumer project sees it: net8.0 reference assemblies, the DashScope.Toolkit
/// runtime and Microsoft.Extensions.* as references, schemas as AdditionalFiles. Compiler warnings of the
/// generated code count as unexpected diagnostics.
/// </summary>
internal sealed class GeneratorTest : CSharpSourceGeneratorTest<SchemaClientGenerator, DefaultVerifier>
{
    /// <summary>The reference pack of the runtime the toolkit targets: Microsoft.NETCore.App.Ref 8.0.0, restored from NuGet once.</summary>
    public static readonly ReferenceAssemblies Net80 = ReferenceAssemblies.Net.Net80;

    /// <summary>The assemblies the generated client calls into, besides the framework.</summary>
    public static ImmutableArray<MetadataReference> RuntimeReferences { get; } = new[]
    {
        typeof(DashScope.Toolkit.DashScopeClientOptions).Assembly,
        typeof(Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions).Assembly,
        typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly,
        typeof(Microsoft.Extensions.Logging.ILogger).Assembly,
        typeof(Microsoft.Extensions.Options.IOptions<>).Assembly,
        typeof(Microsoft.Extensions.Configuration.IConfiguration).Assembly,
        typeof(Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions).Assembly,
    }.Distinct().Select(a => (MetadataReference)MetadataReference.CreateFromFile(a.Location)).ToImmutableArray();

    public GeneratorTest()
    {
        ReferenceAssemblies = Net80;
        TestState.AdditionalReferences.AddRange(RuntimeReferences);
        CompilerDiagnostics = CompilerDiagnostics.Warnings;
        // A consumer's file, so the compilation is not empty.
        TestState.Sources.Add(("/Consumer.cs", "namespace Consumer;\n\ninternal static class Program\n{\n}\n"));
    }

    /// <summary>
    /// Adds a schema as an AdditionalFile at <paramref name="path"/> (absolute, e.g. /Schemas/a.schema.json), marked
    /// <c>DashScopeSchema = true</c> the way the toolkit's build files mark a DashScopeSchema item.
    /// </summary>
    public GeneratorTest WithSchema(string path, string text)
    {
        TestState.AdditionalFiles.Add((path, SourceText.From(text, Encoding.UTF8)));
        // One global config per schema: each sets a key of its own, so several never conflict with each other or
        // with a test's own metadata for the same file.
        TestState.AnalyzerConfigFiles.Add(($"/.dashscope-schema-{TestState.AdditionalFiles.Count}.globalconfig", $"is_global = true\n\n[{path}]\n{SchemaMarker} = true\n"));
        return this;
    }

    /// <summary>Adds an AdditionalFile that is not marked as a schema, whatever its name.</summary>
    public GeneratorTest WithUnmarkedFile(string path, string text)
    {
        TestState.AdditionalFiles.Add((path, SourceText.From(text, Encoding.UTF8)));
        return this;
    }

    /// <summary>The per-file option the build sets from the DashScopeSchema item metadata.</summary>
    public const string SchemaMarker = "build_metadata.AdditionalFiles.DashScopeSchema";

    /// <summary>Sets build properties and per-file metadata the way the toolkit's build props expose them.</summary>
    public GeneratorTest WithGlobalConfig(string text)
    {
        TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + text));
        return this;
    }

    /// <summary>Expects a generated file with <paramref name="hintName"/> and exactly <paramref name="text"/>.</summary>
    public GeneratorTest WithGenerated(string hintName, string text)
    {
        TestState.GeneratedSources.Add((typeof(SchemaClientGenerator), hintName, SourceText.From(text, Encoding.UTF8)));
        return this;
    }

    /// <summary>Diagnostics only: generated files are not compared.</summary>
    public GeneratorTest IgnoringGeneratedSources()
    {
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        return this;
    }
}
