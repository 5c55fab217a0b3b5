using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace DashScope.Emulator.Recording;

/// <summary>Reads a multipart form's fields in order for a cassette: values as text, files as name, length and SHA-256.</summary>
internal static class FormFields
{
    public static async Task<IReadOnlyList<CassetteFormField>?> ReadAsync(string? contentType, byte[] body)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var type) || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            return null;
        }

        var fields = new List<CassetteFormField>();
        var reader = new MultipartReader(boundary, new MemoryStream(body));
        try
        {
            for (var section = await reader.ReadNextSectionAsync().ConfigureAwait(false); section is not null; section = await reader.ReadNextSectionAsync().ConfigureAwait(false))
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }

                using var content = new MemoryStream();
                await section.Body.CopyToAsync(content).ConfigureAwait(false);
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                fields.Add(disposition.IsFileDisposition()
                    ? new CassetteFormField
                    {
                        Name = name,
                        FileName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? "",
                        Length = content.Length,
                        Sha256 = Convert.ToHexString(SHA256.HashData(content.ToArray())).ToLowerInvariant(),
                    }
                    : new CassetteFormField { Name = name, Value = Encoding.UTF8.GetString(content.ToArray()) });
            }
        }
        catch (IOException)
        {
            // A form the storage could not read either: the fields read so far are what the cassette can say.
        }

        return fields;
    }
}
