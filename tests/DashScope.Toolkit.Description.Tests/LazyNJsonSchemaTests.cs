using System.Reflection;
using System.Runtime.Loader;
using Xunit;

namespace DashScope.Toolkit.Description.Tests;

/// <summary>
/// Reading a description must not load NJsonSchema (in a fresh compiler or emulator process it costs a few hundred
/// milliseconds); <see cref="SchemaDocument.Schema"/> loads it on first use. The read runs in its own collectible
/// load context holding its own copies of the library and its dependencies, so what it loads is visible there and
/// nothing the test process loaded before can hide it.
/// </summary>
public sealed class LazyNJsonSchemaTests
{
    [Fact]
    public void Reading_the_description_does_not_load_NJsonSchema_and_asking_for_the_schema_does()
    {
        var context = new IsolatedContext();
        try
        {
            var library = context.LoadFromAssemblyPath(typeof(EndpointDescriptionReader).Assembly.Location);
            var reader = library.GetType(typeof(EndpointDescriptionReader).FullName!, throwOnError: true)!;
            var read = reader.GetMethod(nameof(EndpointDescriptionReader.Read))!;
            var result = read.Invoke(null, [TestSchemas.Path(TestSchemas.LivePortraitFile), TestSchemas.Text(TestSchemas.LivePortraitFile), CancellationToken.None])!;

            Assert.NotNull(Property(result, nameof(DescriptionReadResult.Description)));
            Assert.Contains("Newtonsoft.Json", context.AssemblyNames());
            Assert.DoesNotContain("NJsonSchema", context.AssemblyNames());
            Assert.DoesNotContain("Namotion.Reflection", context.AssemblyNames());

            // The control: the document still gives NJsonSchema's reading, which loads it into the same context.
            var document = Property(result, nameof(DescriptionReadResult.Document))!;
            var schema = Property(document, nameof(SchemaDocument.Schema))!;
            Assert.Equal("NJsonSchema", schema.GetType().Assembly.GetName().Name);
            Assert.Contains("NJsonSchema", context.AssemblyNames());
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void The_schema_is_read_once_and_shared_by_every_caller()
    {
        var document = TestSchemas.Read(TestSchemas.LivePortraitFile).Document!;
        var schemas = new NJsonSchema.JsonSchema[8];
        Parallel.For(0, schemas.Length, i => schemas[i] = document.Schema);
        Assert.All(schemas, s => Assert.Same(schemas[0], s));
        Assert.True(document.HasSchema);
        Assert.Contains("VideoSynthesisRequest", document.Schema.Definitions.Keys);
    }

    [Fact]
    public void A_broken_schema_has_no_NJsonSchema_reading_and_says_so()
    {
        var text = TestSchemas.Text(TestSchemas.LivePortraitFile).Replace("\"#/definitions/TaskStatus\"", "\"#/definitions/Nowhere\"", StringComparison.Ordinal);
        var result = EndpointDescriptionReader.Read("broken.schema.json", text);
        Assert.Contains(result.Diagnostics, d => d.Id == DescriptionDiagnosticId.UnreadableSchema);
        Assert.False(result.Document!.HasSchema);
        var problem = Assert.Throws<SchemaDescriptionException>(() => result.Document.Schema);
        Assert.Contains("broken.schema.json", problem.Message, StringComparison.Ordinal);
    }

    private static object? Property(object owner, string name) => owner.GetType().GetProperty(name)!.GetValue(owner);

    /// <summary>Loads every assembly found next to the tests from there, into this context only.</summary>
    private sealed class IsolatedContext() : AssemblyLoadContext("description-without-njsonschema", isCollectible: true)
    {
        public IReadOnlyList<string> AssemblyNames() => Assemblies.Select(a => a.GetName().Name!).ToList();

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = System.IO.Path.Combine(AppContext.BaseDirectory, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
