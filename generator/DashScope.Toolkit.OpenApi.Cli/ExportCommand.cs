using System.CommandLine;
using DashScope.Toolkit.Description;

namespace DashScope.Toolkit.OpenApi.Cli;

/// <summary>
/// <c>dashscope-openapi &lt;schema&gt; [-o file] [--check]</c>: writes the OpenAPI document of a DashScope
/// endpoint schema to a file or to standard output, or checks that a committed document is current.
/// </summary>
public static class ExportCommand
{
    /// <summary>The document was written, or is current.</summary>
    public const int Success = 0;

    /// <summary><c>--check</c> found the file missing or different from a fresh export.</summary>
    public const int OutOfDate = 1;

    /// <summary>Bad options, a missing or unreadable schema file, or a schema with problems.</summary>
    public const int BadInput = 2;

    /// <summary>Parses <paramref name="args"/> and runs the export.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Where the document goes without <c>-o</c>, and progress lines.</param>
    /// <param name="error">Where problems go.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var schema = new Argument<FileInfo>("schema") { Description = "The endpoint's *.schema.json file (JSON Schema with x-dashscope-* keywords)." };
        var file = new Option<FileInfo?>("--output", "-o") { Description = "Where to write the OpenAPI document. Default: standard output." };
        var check = new Option<bool>("--check") { Description = "Write nothing; exit 1 when --output is missing or differs from a fresh export." };
        var root = new RootCommand("Writes the OpenAPI 3.1 document of a DashScope endpoint schema, for Prism, Kiota, NSwag and other OpenAPI tools.")
        {
            schema, file, check,
        };
        root.SetAction((parse, _) => ExportAsync(parse.GetValue(schema)!, parse.GetValue(file), parse.GetValue(check), output, error));
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync(problem.Message).ConfigureAwait(false);
            }

            await error.WriteLineAsync("Usage: dashscope-openapi <schema> [--output <file>] [--check]; --help says more.").ConfigureAwait(false);
            return BadInput;
        }

        // --help and --version are actions of their own; everything else runs the export above.
        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }).ConfigureAwait(false);
    }

    private static async Task<int> ExportAsync(FileInfo schema, FileInfo? target, bool check, TextWriter output, TextWriter error)
    {
        if (check && target is null)
        {
            await error.WriteLineAsync("--check needs --output: the file to compare with a fresh export.").ConfigureAwait(false);
            return BadInput;
        }

        string document;
        try
        {
            document = OpenApiExporter.ExportFile(schema.FullName);
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Cannot read the schema '{schema.FullName}': {unreadable.Message}").ConfigureAwait(false);
            return BadInput;
        }
        catch (SchemaDescriptionException broken)
        {
            await error.WriteLineAsync(broken.Message).ConfigureAwait(false);
            return BadInput;
        }

        if (target is null)
        {
            await output.WriteAsync(document).ConfigureAwait(false);
            return Success;
        }

        if (check)
        {
            var current = target.Exists ? await File.ReadAllTextAsync(target.FullName).ConfigureAwait(false) : null;
            if (current?.Replace("\r\n", "\n") == document)
            {
                await output.WriteLineAsync($"{target.FullName} is current.").ConfigureAwait(false);
                return Success;
            }

            await error.WriteLineAsync($"{target.FullName} is {(current is null ? "missing" : "out of date")}: run dashscope-openapi {schema.FullName} -o {target.FullName}").ConfigureAwait(false);
            return OutOfDate;
        }

        await File.WriteAllTextAsync(target.FullName, document).ConfigureAwait(false);
        await output.WriteLineAsync($"Wrote {target.FullName}.").ConfigureAwait(false);
        return Success;
    }
}
