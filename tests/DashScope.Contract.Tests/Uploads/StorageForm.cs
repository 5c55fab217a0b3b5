using System.Text.Json;
using DashScope.Toolkit.Description;

namespace DashScope.Contract.Tests.Uploads;

/// <summary>
/// Builds the object-storage form by hand from the schema's <c>x-dashscope-uploads.form</c> and a policy answer,
/// as a client in any language following the documented fields would: each field's template filled from the
/// policy's data, the file last. Nothing of the generated client is used.
/// </summary>
public sealed class StorageForm(UploadsDescription uploads, JsonElement policyData)
{
    /// <summary>The policy's upload directory.</summary>
    public string UploadDir => Value(UploadPolicyField.UploadDir);

    /// <summary>Where the form is posted.</summary>
    public Uri UploadHost => new(Value(UploadPolicyField.UploadHost));

    /// <summary>The value the policy answer gives a field, as text whether it came as a number or a string.</summary>
    public string Value(UploadPolicyField field)
    {
        var value = policyData.GetProperty(uploads.Policy.Field(field).WireName);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
    }

    /// <summary>The form for <paramref name="bytes"/> stored as <paramref name="fileName"/>; <paramref name="change"/> may alter a field's value (by name) to break a rule.</summary>
    public MultipartFormDataContent Build(string fileName, byte[] bytes, string contentType, Func<string, string, string>? change = null)
    {
        var form = new MultipartFormDataContent();
        foreach (var field in uploads.Form.Fields)
        {
            if (field.IsFile)
            {
                var file = new ByteArrayContent(bytes);
                file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
                form.Add(file, field.Name, fileName);
                continue;
            }

            var value = Fill(field.Value!, fileName, contentType);
            form.Add(new StringContent(change?.Invoke(field.Name, value) ?? value), field.Name);
        }

        return form;
    }

    /// <summary>The key a file stored as <paramref name="fileName"/> gets.</summary>
    public string KeyOf(string fileName) => Fill(uploads.Form.KeyField!.Value!, fileName, "");

    private string Fill(string template, string fileName, string contentType)
    {
        var value = template
            .Replace(UploadFormField.FileNamePlaceholder, fileName, StringComparison.Ordinal)
            .Replace(UploadFormField.ContentTypePlaceholder, contentType, StringComparison.Ordinal);
        foreach (var field in UploadRoles.PolicyFields)
        {
            value = value.Replace("{" + UploadRoles.KeyOf(field) + "}", value.Contains("{" + UploadRoles.KeyOf(field) + "}", StringComparison.Ordinal) ? Value(field) : "", StringComparison.Ordinal);
        }

        return value;
    }
}
