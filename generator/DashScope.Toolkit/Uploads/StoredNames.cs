using System.Text;

namespace DashScope.Toolkit;

/// <summary>The name a file is stored under: its last path segment, with characters a storage key should not hold replaced.</summary>
internal static class StoredNames
{
    /// <summary>The file name of <paramref name="name"/>, keeping letters, digits, '.', '-' and '_' (others become '_').</summary>
    public static string Sanitize(string name)
    {
        var fileName = Path.GetFileName(name.Replace('\\', '/').TrimEnd('/'));
        var clean = new StringBuilder(fileName.Length);
        foreach (var c in fileName) { clean.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'); }
        var result = clean.ToString().Trim('.');
        return result.Length == 0 ? "file" : result;
    }

    /// <summary><paramref name="name"/> with <c>-n</c> before its extension: <c>me.jpg</c> → <c>me-2.jpg</c>.</summary>
    public static string Numbered(string name, int n)
    {
        var dot = name.LastIndexOf('.');
        return dot <= 0 ? $"{name}-{n}" : $"{name[..dot]}-{n}{name[dot..]}";
    }
}
