using System.IO.Compression;
using System.Xml.Linq;
using Xunit;

namespace DashScope.Toolkit.PackageTests;

/// <summary>
/// The one pack command writes exactly the shipped packages (no test, sample or benchmark project), each with its
/// own short README, the license expression, and the XML docs of every library it ships.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class PackageSetTests(PackedToolkitFixture package)
{
    [Fact]
    public void The_pack_command_writes_exactly_the_shipped_packages()
    {
        Assert.True(package.Pack.ExitCode == 0, package.Pack.ToString());
        var written = Directory.GetFiles(package.Feed).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(PackedToolkitFixture.ExpectedPackages.Select(id => $"{id}.{package.Version}.nupkg").Order(StringComparer.Ordinal), written);
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Each_package_has_its_own_readme_the_license_and_the_docs_of_its_libraries(string id)
    {
        Assert.True(File.Exists(package.PackagePathOf(id)), package.Pack.ToString());
        using var archive = ZipFile.OpenRead(package.PackagePathOf(id));
        var nuspec = Nuspec(archive);

        Assert.Equal("README.md", Element(nuspec, "readme"));
        Assert.Equal("MIT", Element(nuspec, "license"));
        using (var reader = new StreamReader(archive.GetEntry("README.md")!.Open()))
        {
            var readme = reader.ReadToEnd();
            // The package's own page: titled by the package (the tool by its command), not the repository's README.
            var title = id == "DashScope.Emulator.Host" ? "# dashscope-emulator" : "# " + id;
            Assert.Equal(title, readme.Split('\n')[0].TrimEnd('\r'));
            Assert.NotEqual(File.ReadAllText(Path.Combine(RepositoryLayout.Root, "README.md")), readme);
        }

        var libraries = archive.Entries.Select(e => e.FullName).Where(n => n.StartsWith("lib/", StringComparison.Ordinal) && n.EndsWith(".dll", StringComparison.Ordinal)).ToArray();
        Assert.Equal(id != "DashScope.Emulator.Host", libraries.Length > 0);
        Assert.All(libraries, dll => Assert.NotNull(archive.GetEntry(Path.ChangeExtension(dll, ".xml"))));
    }

    public static TheoryData<string> Packages() => [.. PackedToolkitFixture.ExpectedPackages];

    private static XDocument Nuspec(ZipArchive archive)
    {
        using var stream = archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(stream);
    }

    private static string? Element(XDocument nuspec, string name) => nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
}
