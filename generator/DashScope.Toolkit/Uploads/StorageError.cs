using System.Xml;
using System.Xml.Linq;

namespace DashScope.Toolkit;

/// <summary>An object-storage error answer (<c>&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;RequestId/&gt;&lt;/Error&gt;</c>), read leniently.</summary>
internal readonly record struct StorageError(string? Code, string? Message, string? RequestId)
{
    private const int MaxBodyChars = 512;

    public static async Task<StorageError> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var root = XDocument.Parse(text).Root;
            if (root is not null)
            {
                return new StorageError(Child(root, "Code"), Child(root, "Message"), Child(root, "RequestId"));
            }
        }
        catch (XmlException)
        {
            // Not XML (a proxy's page, say): keep the start of the text so nothing is lost.
        }
        return new StorageError(null, text.Length > MaxBodyChars ? text[..MaxBodyChars] + "…" : text, null);
    }

    private static string? Child(XElement root, string name) => root.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
}
