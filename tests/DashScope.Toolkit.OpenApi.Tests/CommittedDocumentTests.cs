namespace DashScope.Toolkit.OpenApi.Tests;

/// <summary>The committed <c>schema/liveportrait.openapi.json</c> is exactly what the exporter makes of the schema today.</summary>
public sealed class CommittedDocumentTests
{
    [Fact]
    public void The_committed_document_matches_a_fresh_export_of_the_schema()
    {
        var fresh = OpenApiExporter.ExportFile(Files.Schema);
        var committed = File.ReadAllText(Files.CommittedOpenApi).Replace("\r\n", "\n");

        Assert.True(
            committed == fresh,
            $"{Files.RepositoryOpenApi} is out of date with the schema: run " +
            $"'dotnet run --project generator/DashScope.Toolkit.OpenApi.Cli -- schema/liveportrait.schema.json -o {Files.RepositoryOpenApi}' and commit the result.");
    }

    [Fact]
    public void Exporting_twice_gives_the_same_text()
    {
        Assert.Equal(OpenApiExporter.ExportFile(Files.Schema), OpenApiExporter.ExportFile(Files.Schema));
    }
}
