using System.Globalization;
using System.Text.Json;
using DashScope.Emulator.Schema;
using DashScope.Toolkit.Description;
using NJsonSchema.Validation;

namespace DashScope.Emulator.Validation;

/// <summary>One validation: the path walked so far and the best-ranked violation found.</summary>
internal sealed partial class BodyCheckRun
{
    private readonly List<string> _path = new(8);
    private CompiledOperation _operation = null!;
    private UploadsDescription? _uploads;

    public int BestRank { get; private set; }

    public string? BestParameter { get; private set; }

    public bool Undecided { get; private set; }

    public void ValidateObject(JsonElement element, ObjectCheck check, string? propertyName, bool isRoot)
    {
        var properties = check.Properties;
        Span<int> found = properties.Length <= 16 ? stackalloc int[properties.Length] : new int[properties.Length];
        found.Fill(-1);

        // Members by position; Newtonsoft keeps the last of repeated names.
        var first = _memberCount;
        foreach (var member in element.EnumerateObject())
        {
            var position = Push(member);
            for (var i = 0; i < properties.Length; i++)
            {
                if (member.NameEquals(properties[i].Name))
                {
                    found[i] = position;
                    break;
                }
            }
        }

        var end = _memberCount;
        for (var i = 0; i < properties.Length; i++)
        {
            var property = properties[i];
            var value = found[i] < 0 ? default : _members[found[i]].Value;
            string? knownText = null;
            var absent = value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;
            if (!absent && isRoot && property.Name == ProtocolFields.Model && value.ValueKind == JsonValueKind.String)
            {
                knownText = value.GetString();
                absent = string.IsNullOrWhiteSpace(knownText);
            }

            _path.Add(property.Name);
            if (!absent)
            {
                Validate(value, property.Value, property.Name, knownText);
            }
            else if (property.Required)
            {
                Report(ValidationErrorKind.PropertyRequired, property.Name, tokenIsString: false, isUrlSchema: property.Value.IsUri, stringValue: null);
            }

            _path.RemoveAt(_path.Count - 1);
        }

        if (check.TracksOtherMembers)
        {
            CheckOtherMembers(new ArraySegment<JsonProperty>(_members, first, end - first), check, propertyName);
        }

        // Nested objects pushed above and popped their own; now this object's members go.
        _memberCount = first;
    }

    private void CheckOtherMembers(ArraySegment<JsonProperty> members, ObjectCheck check, string? propertyName)
    {
        // Count the names whose last value is not null (nulls are removed before NJsonSchema sees the object).
        var last = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var member in members)
        {
            if (!last.ContainsKey(member.Name))
            {
                order.Add(member.Name);
            }

            last[member.Name] = member.Value;
        }

        var present = order.Where(n => last[n].ValueKind != JsonValueKind.Null).ToList();
        if (check.MaxProperties is { } max && present.Count > max)
        {
            Report(ValidationErrorKind.TooManyProperties, propertyName, tokenIsString: false, isUrlSchema: false, stringValue: null);
        }

        if (check.MinProperties is { } min && present.Count < min)
        {
            Report(ValidationErrorKind.TooFewProperties, propertyName, tokenIsString: false, isUrlSchema: false, stringValue: null);
        }

        if (!check.AllowsAdditionalProperties)
        {
            foreach (var name in present)
            {
                if (!check.Properties.Any(p => p.Name == name))
                {
                    _path.Add(name);
                    Report(ValidationErrorKind.NoAdditionalPropertiesAllowed, name, tokenIsString: false, isUrlSchema: false, stringValue: null);
                    _path.RemoveAt(_path.Count - 1);
                }
            }
        }
    }

    private void Validate(JsonElement value, ValueCheck check, string? propertyName, string? knownText = null)
    {
        var kind = value.ValueKind;
        string? text = null;
        if (knownText is null && kind == JsonValueKind.String && check.Shape is JsonShape.String && check.AllowedValues is { } listed
            && check.Pattern is null && check.MinLength is null && check.MaxLength is null && IndexOfValue(listed, value) >= 0)
        {
            // One of the listed values, none of which looks like a date: nothing more to check and no text to make.
            return;
        }

        if (kind == JsonValueKind.String && (check.Shape is JsonShape.String || check.AllowedValues is not null))
        {
            text = knownText ?? value.GetString()!;
            if (LooksLikeNewtonsoftDate(text))
            {
                // Newtonsoft reads it as a date, which NJsonSchema then formats and compares differently.
                Undecided = true;
                return;
            }

            Capture(text);
        }

        switch (check.Shape)
        {
            case JsonShape.Array:
                if (kind != JsonValueKind.Array)
                {
                    Report(ValidationErrorKind.ArrayExpected, propertyName, kind == JsonValueKind.String, check.IsUri, text);
                    return;
                }

                ValidateArray(value, check, propertyName);
                break;
            case JsonShape.String:
                if (kind == JsonValueKind.String)
                {
                    ValidateString(text!, check, propertyName);
                }
                else
                {
                    Report(ValidationErrorKind.StringExpected, propertyName, false, check.IsUri, null);
                }

                break;
            case JsonShape.Number when kind != JsonValueKind.Number:
                Report(ValidationErrorKind.NumberExpected, propertyName, kind == JsonValueKind.String, check.IsUri, text);
                break;
            case JsonShape.Integer when kind != JsonValueKind.Number || !IsInteger(value):
                Report(ValidationErrorKind.IntegerExpected, propertyName, kind == JsonValueKind.String, check.IsUri, text);
                break;
            case JsonShape.Boolean when kind is not (JsonValueKind.True or JsonValueKind.False):
                Report(ValidationErrorKind.BooleanExpected, propertyName, kind == JsonValueKind.String, check.IsUri, text);
                break;
            case JsonShape.Object:
                if (kind != JsonValueKind.Object)
                {
                    // Its missing children rank below this, so they need no report.
                    Report(ValidationErrorKind.ObjectExpected, propertyName, kind == JsonValueKind.String, check.IsUri, text);
                    return;
                }

                ValidateObject(value, check.Object!, propertyName, isRoot: false);
                return;
        }

        if (kind == JsonValueKind.Number && check.HasRange)
        {
            ValidateRange(value, check, propertyName);
        }

        if (check.AllowedValues is { } allowed)
        {
            if (kind == JsonValueKind.String)
            {
                if (Array.IndexOf(allowed, text) < 0)
                {
                    Report(ValidationErrorKind.NotInEnumeration, propertyName, tokenIsString: true, check.IsUri, text);
                }
            }
            else if (check.OnlyStringsCanMatch)
            {
                Report(ValidationErrorKind.NotInEnumeration, propertyName, tokenIsString: false, check.IsUri, null);
            }
            else
            {
                Undecided = true;
            }
        }
    }

    private void ValidateString(string text, ValueCheck check, string? propertyName)
    {
        if (check.Pattern is { } pattern && !pattern.IsMatch(text))
        {
            Report(ValidationErrorKind.PatternMismatch, propertyName, true, check.IsUri, text);
        }

        if (check.MinLength is { } minLength && text.Length < minLength)
        {
            Report(ValidationErrorKind.StringTooShort, propertyName, true, check.IsUri, text);
        }

        if (check.MaxLength is { } maxLength && text.Length > maxLength)
        {
            Report(ValidationErrorKind.StringTooLong, propertyName, true, check.IsUri, text);
        }

        // NJsonSchema 11 checks no format unless asked to; "uri" only tells the ranking that the value is a URL.
    }

    private void ValidateArray(JsonElement array, ValueCheck check, string? propertyName)
    {
        var count = array.GetArrayLength();
        if (check.MinItems is { } minItems && count < minItems)
        {
            Report(ValidationErrorKind.TooFewItems, propertyName, false, check.IsUri, null);
        }

        if (check.MaxItems is { } maxItems && count > maxItems)
        {
            Report(ValidationErrorKind.TooManyItems, propertyName, false, check.IsUri, null);
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Null)
            {
                // Whether a null item is allowed depends on nullability, which the description does not keep.
                Undecided = true;
                return;
            }

            _path.Add("[" + index.ToString(CultureInfo.InvariantCulture) + "]");
            Validate(item, check.Item!, propertyName: null);
            _path.RemoveAt(_path.Count - 1);
            index++;
        }
    }

    /// <summary>The position of the listed value the string equals, compared without making its text; -1 when none.</summary>
    private static int IndexOfValue(string[] listed, JsonElement value)
    {
        for (var i = 0; i < listed.Length; i++)
        {
            if (!LooksLikeNewtonsoftDate(listed[i]) && value.ValueEquals(listed[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The strings Newtonsoft's reader turns into dates by default: ISO 8601 date-times and <c>/Date(...)/</c>.</summary>
    private static bool LooksLikeNewtonsoftDate(string text) =>
        (text.Length >= 19 && text.Length <= 40 && char.IsDigit(text[0]) && text[10] == 'T')
        || text.StartsWith("/Date(", StringComparison.Ordinal);

    private void Report(ValidationErrorKind kind, string? propertyName, bool tokenIsString, bool isUrlSchema, string? stringValue)
    {
        var path = PathText();
        var parameter = ErrorRanking.ParameterPath(kind, propertyName, path);
        var operation = _operation.Operation;
        if (kind == ValidationErrorKind.PatternMismatch && _uploads is not null && stringValue is not null
            && _uploads.IsStoredFileUrl(stringValue) && ErrorRanking.IsMediaPath(operation, parameter))
        {
            // The temporary storage's oss:// URLs are accepted where a media rule stands, as on the NJsonSchema side.
            return;
        }

        var rank = ErrorRanking.Rank(kind, propertyName, parameter, tokenIsString, isUrlSchema || ErrorRanking.IsMediaPath(operation, parameter));
        if (rank < BestRank)
        {
            BestRank = rank;
            BestParameter = parameter;
        }
    }

    private string PathText()
    {
        if (_path.Count == 1)
        {
            return _path[0];
        }

        var builder = new System.Text.StringBuilder();
        foreach (var segment in _path)
        {
            if (builder.Length > 0 && segment[0] != '[')
            {
                builder.Append('.');
            }

            builder.Append(segment);
        }

        return builder.ToString();
    }
}
