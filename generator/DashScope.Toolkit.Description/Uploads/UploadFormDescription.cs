using System;
using System.Linq;

namespace DashScope.Toolkit.Description;

/// <summary>The form upload (<c>x-dashscope-uploads.form</c>): one file per request, posted to the policy's upload host.</summary>
/// <param name="Description">What it does, in the schema's words.</param>
/// <param name="Method">The HTTP method (POST).</param>
/// <param name="ContentType">The body's media type (<c>multipart/form-data</c>).</param>
/// <param name="Fields">The form's fields in the order a client sends them.</param>
/// <param name="LastField">The field that must come last (the file).</param>
/// <param name="FilesPerRequest">How many files one request carries.</param>
/// <param name="SuccessStatusField">The field that names the status of a successful upload, if the form has one.</param>
public sealed record UploadFormDescription(
    string? Description,
    string Method,
    string ContentType,
    EquatableArray<UploadFormField> Fields,
    string LastField,
    int FilesPerRequest,
    string? SuccessStatusField)
{
    /// <summary>The form field whose value is exactly the policy field <paramref name="field"/>.</summary>
    /// <param name="field">The policy field.</param>
    public UploadFormField? Carrying(UploadPolicyField field) =>
        Fields.FirstOrDefault(f => f.Value == "{" + UploadRoles.KeyOf(field) + "}");

    /// <summary>The form field that names the stored object: its value starts with the upload directory.</summary>
    public UploadFormField? KeyField =>
        Fields.FirstOrDefault(f => f.Value is { } value && value.StartsWith("{" + UploadRoles.KeyOf(UploadPolicyField.UploadDir) + "}/", StringComparison.Ordinal));

    /// <summary>The field that carries the file's bytes.</summary>
    public UploadFormField FileField => Fields.First(f => f.IsFile);
}

/// <summary>One field of the upload form.</summary>
/// <param name="Name">The field's name.</param>
/// <param name="Value">Its value as a template: <c>{policy}</c> and the other policy fields, <c>{fileName}</c>, <c>{contentType}</c>, or fixed text; null for the file.</param>
/// <param name="Required">False for a field a client may leave out.</param>
/// <param name="IsFile">True for the field that carries the file.</param>
/// <param name="Description">What it is, in the schema's words.</param>
public sealed record UploadFormField(string Name, string? Value, bool Required, bool IsFile, string? Description)
{
    /// <summary>The placeholder for the uploaded file's name.</summary>
    public const string FileNamePlaceholder = "{fileName}";

    /// <summary>The placeholder for the uploaded file's media type.</summary>
    public const string ContentTypePlaceholder = "{contentType}";
}
