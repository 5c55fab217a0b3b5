using DashScope.Toolkit.OpenApi.Cli;

namespace DashScope.Toolkit.OpenApi.Tests;

/// <summary>The <c>dashscope-openapi</c> command: writes, checks, and names a bad input file.</summary>
public sealed class ExportCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("openapi-export-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task It_writes_the_document_to_the_output_file()
    {
        var target = Path.Combine(_folder.FullName, "out.json");

        var (code, output, _) = await Run(Files.Schema, "-o", target);

        Assert.Equal(ExportCommand.Success, code);
        Assert.Equal(OpenApiExporter.ExportFile(Files.Schema), File.ReadAllText(target));
        Assert.Contains(target, output);
    }

    [Fact]
    public async Task Without_an_output_file_it_prints_the_document()
    {
        var (code, output, _) = await Run(Files.Schema);

        Assert.Equal(ExportCommand.Success, code);
        Assert.Equal(OpenApiExporter.ExportFile(Files.Schema), output);
    }

    [Fact]
    public async Task Check_passes_on_a_current_file_and_fails_on_a_stale_or_missing_one()
    {
        var target = Path.Combine(_folder.FullName, "current.json");
        File.WriteAllText(target, OpenApiExporter.ExportFile(Files.Schema));
        Assert.Equal(ExportCommand.Success, (await Run(Files.Schema, "-o", target, "--check")).Code);

        File.AppendAllText(target, " ");
        var (stale, _, staleError) = await Run(Files.Schema, "-o", target, "--check");
        Assert.Equal(ExportCommand.OutOfDate, stale);
        Assert.Contains("out of date", staleError);

        var (missing, _, missingError) = await Run(Files.Schema, "-o", Path.Combine(_folder.FullName, "absent.json"), "--check");
        Assert.Equal(ExportCommand.OutOfDate, missing);
        Assert.Contains("missing", missingError);
    }

    [Fact]
    public async Task A_missing_schema_file_is_exit_2_naming_the_file()
    {
        var absent = Path.Combine(_folder.FullName, "nowhere.schema.json");

        var (code, _, error) = await Run(absent);

        Assert.Equal(ExportCommand.BadInput, code);
        Assert.Contains("nowhere.schema.json", error);
    }

    [Fact]
    public async Task A_broken_schema_is_exit_2_naming_the_file_and_line()
    {
        var broken = Path.Combine(_folder.FullName, "broken.schema.json");
        File.WriteAllText(broken, "{\n  \"title\": \"x\",\n  \"x-dashscope-service\": 42\n}\n");

        var (code, _, error) = await Run(broken);

        Assert.Equal(ExportCommand.BadInput, code);
        Assert.Contains("broken.schema.json(3,", error);
    }

    [Fact]
    public async Task Help_lists_every_option_and_exits_0()
    {
        var (code, output, _) = await Run("--help");

        Assert.Equal(ExportCommand.Success, code);
        Assert.Contains("--output", output);
        Assert.Contains("--check", output);
    }

    [Fact]
    public async Task No_schema_argument_is_exit_2()
    {
        var (code, _, error) = await Run();

        Assert.Equal(ExportCommand.BadInput, code);
        Assert.Contains("schema", error, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ExportCommand.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
