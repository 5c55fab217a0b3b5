namespace DashScope.Toolkit.Description.Tests.Oracle;

/// <summary>The RFC 6901 escaping of one segment of a JSON pointer: "~" is "~0" and "/" is "~1".</summary>
internal static class JsonPointer
{
    /// <summary>The segment that names <paramref name="name"/>.</summary>
    public static string Escape(string name) => name.Replace("~", "~0").Replace("/", "~1");

    /// <summary>The name a segment stands for.</summary>
    public static string Unescape(string segment) => segment.Replace("~1", "/").Replace("~0", "~");
}
