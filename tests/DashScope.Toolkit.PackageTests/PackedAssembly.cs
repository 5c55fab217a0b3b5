using System.IO.Compression;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace DashScope.Toolkit.PackageTests;

/// <summary>Reads an assembly's metadata straight from its entry in a package, without loading it.</summary>
internal static class PackedAssembly
{
    /// <summary>The names of the assemblies it references.</summary>
    public static IReadOnlyList<string> References(ZipArchiveEntry entry) =>
        Read(entry, metadata => metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToArray());

    /// <summary>The full names of its public top-level types.</summary>
    public static IReadOnlyList<string> PublicTopLevelTypes(ZipArchiveEntry entry) =>
        Read(entry, metadata => metadata.TypeDefinitions
            .Select(metadata.GetTypeDefinition)
            .Where(type => (type.Attributes & TypeAttributes.VisibilityMask) == TypeAttributes.Public)
            .Select(type => metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name))
            .ToArray());

    private static T Read<T>(ZipArchiveEntry entry, Func<MetadataReader, T> read)
    {
        // A zip entry's stream cannot seek, which the PE reader needs.
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        using var pe = new PEReader(copy);
        return read(pe.GetMetadataReader());
    }
}
