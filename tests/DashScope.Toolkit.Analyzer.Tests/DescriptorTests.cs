using System.Text.RegularExpressions;
using DashScope.Toolkit.Generator.Analysis;
using Xunit;

namespace DashScope.Toolkit.Analyzer.Tests;

/// <summary>Every request diagnostic continues the DSG range, links to its page, and is listed where users and the release tracking look.</summary>
public sealed partial class DescriptorTests
{
    private static readonly string s_root = FindRoot();

    private static readonly string[] s_ids = new RequestConstantAnalyzer().SupportedDiagnostics.Select(d => d.Id).ToArray();

    public static TheoryData<string> Ids => new(s_ids);

    [Fact]
    public void The_ids_continue_the_generators_range_without_gaps()
    {
        Assert.Equal(Enumerable.Range(9, 9).Select(n => $"DSG{n:000}"), s_ids);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_help_link_is_the_repository_relative_path_of_a_page_that_exists(string id)
    {
        var descriptor = Support.Verify.Descriptor(id);
        Assert.Equal($"docs/diagnostics/{id}.md", descriptor.HelpLinkUri);
        var page = File.ReadAllText(Path.Combine(s_root, descriptor.HelpLinkUri));
        Assert.StartsWith($"# {id}:", page, StringComparison.Ordinal);
        Assert.Contains($"dotnet_diagnostic.{id}.severity", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_readme_table_and_the_unshipped_release_list_name_it(string id)
    {
        var descriptor = Support.Verify.Descriptor(id);
        Assert.Matches(new Regex($@"(?m)^\| \[?{id}\b"), File.ReadAllText(Path.Combine(s_root, "README.md")));
        var releases = File.ReadAllText(Path.Combine(s_root, "generator", "DashScope.Toolkit.Generator", "AnalyzerReleases.Unshipped.md"));
        Assert.Matches(new Regex($@"(?m)^{id} \| {Regex.Escape(descriptor.Category)} \| {descriptor.DefaultSeverity} \|"), releases);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Toolkit.sln"))) { return directory.FullName; }
        }
        throw new InvalidOperationException($"No Toolkit.sln above {AppContext.BaseDirectory}.");
    }
}
