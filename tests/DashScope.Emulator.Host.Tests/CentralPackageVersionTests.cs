using System.Xml.Linq;
using DashScope.Emulator.Host.Tests.Support;

namespace DashScope.Emulator.Host.Tests;

/// <summary>
/// The host takes the Generic Host and the JSON settings reader from the shared framework, so the central package
/// versions must not keep the packages it once referenced: a version nobody references is pinned for nothing, and is
/// the one a new reference would silently pick up (it was 11.0.0, newer than the framework's own copies).
/// </summary>
public sealed class CentralPackageVersionTests
{
    [Fact]
    public void Every_central_package_version_is_referenced_by_some_project_or_build_file()
    {
        var root = DotNet.RepositoryRoot;
        var pinned = XDocument.Load(Path.Combine(root, "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .Select(p => (string?)p.Attribute("Include"))
            .OfType<string>()
            .ToList();

        var referenced = BuildFiles(root)
            .SelectMany(file => XDocument.Load(file).Descendants())
            .Where(e => e.Name.LocalName is "PackageReference" or "GlobalPackageReference" or "PackageDownload")
            .SelectMany(e => new[] { (string?)e.Attribute("Include"), (string?)e.Attribute("Update") })
            .OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.NotEmpty(pinned);
        Assert.Contains("WireMock.Net.Minimal", referenced);
        // Compared as lists so a failure names the unused entries.
        Assert.Equal(Array.Empty<string>(), pinned.Where(id => !referenced.Contains(id)).ToArray());
    }

    [Fact]
    public void The_host_has_no_copy_of_the_framework_assemblies_it_runs_on()
    {
        // A copy beside the host would win over the shared framework's precompiled one, for Kestrel and WireMock too.
        Assert.True(File.Exists(DotNet.HostAssembly));
        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, "Microsoft.Extensions.Hosting.dll")));
        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, "Microsoft.Extensions.Configuration.Json.dll")));
    }

    /// <summary>Every project and MSBuild file of the repository, outside build output and hidden folders.</summary>
    private static IEnumerable<string> BuildFiles(string root)
    {
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var sub in Directory.EnumerateDirectories(dir))
            {
                var name = Path.GetFileName(sub);
                if (name is not ("bin" or "obj" or "node_modules") && !name.StartsWith('.'))
                {
                    pending.Push(sub);
                }
            }

            foreach (var file in Directory.EnumerateFiles(dir))
            {
                var extension = Path.GetExtension(file);
                if (extension is ".csproj" or ".props" or ".targets" && Path.GetFileName(file) != "Directory.Packages.props")
                {
                    yield return file;
                }
            }
        }
    }
}
