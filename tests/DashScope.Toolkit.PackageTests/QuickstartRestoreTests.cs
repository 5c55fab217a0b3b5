using Xunit;

namespace DashScope.Toolkit.PackageTests;

/// <summary>
/// The first command a newcomer runs restores the quickstart; its output must stay free of warnings (a package
/// version the mirror lacks, a vulnerable dependency, a downgrade...). Offline: the only source is an empty folder,
/// so every package must come from the machine's cache that the solution's own restore filled, and a dependency
/// whose exact version is missing fails loudly instead of being looked up. Its obj/ goes to a temporary artifacts
/// folder, so the repository's restore files are never rewritten while other tests use them.
/// </summary>
public sealed class QuickstartRestoreTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Restoring_the_quickstart_prints_no_warning()
    {
        var scratch = Path.Combine(Path.GetTempPath(), "dashscope-quickstart-restore-" + Guid.NewGuid().ToString("N")[..12]);
        var noSource = Directory.CreateDirectory(Path.Combine(scratch, "no-source")).FullName;
        try
        {
            var restore = await DotNetCli.RunAsync(
                RepositoryLayout.Root,
                [
                    "restore", RepositoryLayout.Quickstart,
                    "--force",
                    "--source", noSource,
                    "--artifacts-path", Path.Combine(scratch, "artifacts"),
                    "--disable-build-servers",
                    "-nodeReuse:false",
                    "-nologo",
                    "-v:minimal",
                ],
                s_timeout);

            Assert.True(restore.ExitCode == 0, restore.ToString());
            Assert.Contains("LivePortrait.Quickstart.csproj", restore.Output, StringComparison.Ordinal);
            var warnings = restore.Output.Split('\n').Where(line => line.Contains("warning", StringComparison.OrdinalIgnoreCase)).ToArray();
            Assert.True(warnings.Length == 0, $"The quickstart's restore printed warnings:{Environment.NewLine}{string.Join(Environment.NewLine, warnings)}");
        }
        finally
        {
            try { Directory.Delete(scratch, recursive: true); }
            catch (IOException) { /* best effort: a temp folder left behind is harmless */ }
        }
    }
}
