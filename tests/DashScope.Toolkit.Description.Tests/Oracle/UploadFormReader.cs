using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace DashScope.Toolkit.Description.Tests.Oracle;

/// <summary>Reads <c>x-dashscope-uploads.form</c>: the form fields in order, their value templates, and the field that must come last.</summary>
internal sealed class UploadFormReader
{
    private static readonly Regex Placeholder = new(@"\{([A-Za-z]+)\}", RegexOptions.CultureInvariant);

    private readonly KeywordReader _reader;

    public UploadFormReader(KeywordReader reader) => _reader = reader;

    public UploadFormDescription? Read(JObject block, string at)
    {
        var method = _reader.RequiredString(block, "method", at + "/method")?.ToUpperInvariant();
        var contentType = _reader.RequiredString(block, "contentType", at + "/contentType");
        var fields = ReadFields(block, at + "/fields");
        var last = _reader.RequiredString(block, "lastField", at + "/lastField");
        var perRequest = _reader.PositiveInteger(block, "filesPerRequest", at + "/filesPerRequest") ?? 1;
        var successField = KeywordReader.OptionalString(block, "successStatusField");
        if (fields is null || method is null || contentType is null || last is null) { return null; }
        var ok = true;
        if (fields.Value.Count(f => f.IsFile) != 1)
        {
            _reader.Keyword(_reader.Positions.Of(at + "/fields"), "x-dashscope-uploads.form.fields must have exactly one field with \"file\": true");
            ok = false;
        }
        if (!fields.Value.Any(f => f.Name == last))
        {
            _reader.Keyword(_reader.Positions.OfValue(at + "/lastField"), $"x-dashscope-uploads.form.lastField '{last}' is not one of its fields");
            ok = false;
        }
        if (successField is not null && !fields.Value.Any(f => f.Name == successField))
        {
            _reader.Keyword(_reader.Positions.OfValue(at + "/successStatusField"), $"x-dashscope-uploads.form.successStatusField '{successField}' is not one of its fields");
            ok = false;
        }
        return ok ? new UploadFormDescription(KeywordReader.OptionalString(block, "description"), method, contentType, fields.Value, last, perRequest, successField) : null;
    }

    private EquatableArray<UploadFormField>? ReadFields(JObject block, string at)
    {
        if (block["fields"] is not JArray array || array.Count == 0)
        {
            _reader.Keyword(_reader.Positions.Of(block["fields"] is null ? KeywordReader.Parent(at) : at), "x-dashscope-uploads.form.fields must be a non-empty array of fields");
            return null;
        }
        var fields = new List<UploadFormField>();
        for (var i = 0; i < array.Count; i++)
        {
            var fieldAt = at + "/" + i;
            if (array[i] is not JObject field || _reader.RequiredString(field, "name", fieldAt + "/name") is not { } name)
            {
                if (array[i] is not JObject) { _reader.Keyword(_reader.Positions.Of(fieldAt), "a form field must be an object with a name"); }
                return null;
            }
            var isFile = _reader.Boolean(field, "file", fieldAt + "/file", fallback: false);
            var value = KeywordReader.OptionalString(field, "value");
            if (!isFile && value is null)
            {
                _reader.Keyword(_reader.Positions.Of(fieldAt), $"form field '{name}' needs a value (a template such as {{policy}}) unless it is the file");
                return null;
            }
            if (value is not null && UnknownPlaceholder(value) is { } unknown)
            {
                _reader.Keyword(_reader.Positions.OfValue(fieldAt + "/value"), $"form field '{name}' uses {{{unknown}}}, which is neither a policy field role nor {UploadFormField.FileNamePlaceholder} or {UploadFormField.ContentTypePlaceholder}");
                return null;
            }
            fields.Add(new UploadFormField(name, value, _reader.Boolean(field, "required", fieldAt + "/required", fallback: true), isFile, KeywordReader.OptionalString(field, "description")));
        }
        return fields.ToEquatableArray();
    }

    private static string? UnknownPlaceholder(string template) =>
        Placeholder.Matches(template).Cast<Match>().Select(m => m.Groups[1].Value)
            .FirstOrDefault(p => UploadRoles.FieldOf(p) is null && "{" + p + "}" != UploadFormField.FileNamePlaceholder && "{" + p + "}" != UploadFormField.ContentTypePlaceholder);
}
