using System.Net.Http.Headers;
using System.Text;

namespace DashScope.Toolkit;

/// <summary>Fills the upload form the protocol describes from a policy, a stored name and the file.</summary>
internal static class UploadForm
{
    private static readonly string UploadDirPlaceholder = Placeholder(DashScopeUploadPolicyField.UploadDir);

    /// <summary>The key a file stored under <paramref name="storedName"/> gets: the value of the form field that starts with the upload directory.</summary>
    public static string KeyOf(DashScopeUploadProtocol protocol, DashScopeUploadPolicy policy, string storedName)
    {
        var keyField = protocol.FormFields.FirstOrDefault(f => f.Value is { } v && v.StartsWith(UploadDirPlaceholder + "/", StringComparison.Ordinal))
            ?? throw new DashScopeConfigurationException("The upload protocol has no form field that names the key (a value starting with " + UploadDirPlaceholder + "/).");
        return Fill(keyField.Value!, policy, storedName, contentType: string.Empty)
            ?? throw new DashScopeResponseException($"The upload policy for {policy.Model} cannot fill the key field '{keyField.Name}'.");
    }

    /// <summary>Builds the form: every field in order with its value, and the file last.</summary>
    public static MultipartFormDataContent Build(DashScopeUploadProtocol protocol, DashScopeUploadPolicy policy, string storedName, string contentType, HttpContent file)
    {
        var form = new MultipartFormDataContent("----dashscope-upload-" + Guid.NewGuid().ToString("N"));
        foreach (var field in protocol.FormFields)
        {
            if (field.IsFile)
            {
                file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
                form.Add(file, field.Name, storedName);
                continue;
            }
            var value = Fill(field.Value ?? string.Empty, policy, storedName, contentType);
            if (value is null)
            {
                if (field.Required) { throw new DashScopeResponseException($"The upload policy for {policy.Model} has no value for the form field '{field.Name}' ({field.Value})."); }
                continue;
            }
            // Plain form values: no Content-Type per part, as a browser sends them.
            var part = new ByteArrayContent(Encoding.UTF8.GetBytes(value));
            form.Add(part, field.Name);
        }
        return form;
    }

    /// <summary>The policy field's placeholder in a form template, e.g. <c>{uploadDir}</c>.</summary>
    public static string Placeholder(DashScopeUploadPolicyField field)
    {
        var name = field.ToString();
        return "{" + char.ToLowerInvariant(name[0]) + name[1..] + "}";
    }

    /// <summary>The template with every placeholder filled, or null when one has no value.</summary>
    private static string? Fill(string template, DashScopeUploadPolicy policy, string storedName, string contentType)
    {
        var value = template
            .Replace(DashScopeUploadFormField.FileNamePlaceholder, storedName, StringComparison.Ordinal)
            .Replace(DashScopeUploadFormField.ContentTypePlaceholder, contentType, StringComparison.Ordinal);
        foreach (var field in Enum.GetValues<DashScopeUploadPolicyField>())
        {
            var placeholder = Placeholder(field);
            if (!value.Contains(placeholder, StringComparison.Ordinal)) { continue; }
            if (!policy.Values.TryGetValue(field, out var text)) { return null; }
            value = value.Replace(placeholder, field == DashScopeUploadPolicyField.UploadDir ? policy.UploadDir : text, StringComparison.Ordinal);
        }
        return value;
    }
}
