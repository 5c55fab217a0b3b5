using System.Globalization;
using System.Text.Json;
using DashScope.Emulator.Schema;
using DashScope.Toolkit.Description;
using NJsonSchema.Validation;

namespace DashScope.Emulator.Validation;

/// <summary>
/// Validates request bodies on System.Text.Json with checks compiled at start-up from the endpoint description,
/// finding the violations NJsonSchema would find in the order it finds them, ranked by the same
/// <see cref="ErrorRanking"/>. A few bodies are left undecided, for the NJsonSchema validator to answer: text that
/// is not strict JSON (Newtonsoft reads comments, single quotes, trailing commas...), strings Newtonsoft would read as
/// dates, strings that are not valid UTF-16, null array items, and enum comparisons with non-string values that
/// could match. Operations whose models it cannot compile (<see cref="CheckCompiler"/>) are always left to NJsonSchema.
/// </summary>
internal sealed class CompiledBodyValidator
{
    // Newtonsoft's default; deeper bodies are refused by both (the NJsonSchema side answers them).
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    private readonly LivePortraitSchema _schema;
    private readonly ErrorRanking _ranking;
    private readonly UploadsDescription? _uploads;
    private readonly Dictionary<OperationDefinition, CompiledOperation?> _operations = new();

    public CompiledBodyValidator(LivePortraitSchema schema, UnknownModelBehavior unknownModel)
    {
        _schema = schema;
        _ranking = new ErrorRanking(schema, unknownModel);
        _uploads = schema.Description.Uploads;
        var compiler = new CheckCompiler(schema.Description);
        foreach (var operation in schema.Operations.Values)
        {
            _operations[operation] = operation.Description.RequestModel is { } model && compiler.Object(model) is { } check
                ? new CompiledOperation(operation, check)
                : null;
        }
    }

    /// <summary>True when the operation's body is checked here; false when it always goes to NJsonSchema.</summary>
    public bool Covers(OperationDefinition operation) => _operations.TryGetValue(operation, out var compiled) && compiled is not null;

    /// <summary>Validates <paramref name="body"/>; false when this validator leaves the body to NJsonSchema.</summary>
    public bool TryValidate(OperationDefinition operation, string? body, out ValidationOutcome outcome)
    {
        outcome = default;
        if (!_operations.TryGetValue(operation, out var compiled) || compiled is null)
        {
            return false;
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            outcome = ValidationOutcome.Invalid(_schema.Error(ProtocolError.MissingParameter));
            return true;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            // Not strict JSON: Newtonsoft may still read it, so NJsonSchema's side decides.
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                outcome = ValidationOutcome.Invalid(_schema.Error(ProtocolError.InvalidParameter));
                return true;
            }

            var run = new Run(compiled, _uploads);
            try
            {
                run.ValidateObject(root, compiled.Check, propertyName: null, isRoot: true);
                if (run.Undecided)
                {
                    return false;
                }

                if (run.BestRank == int.MaxValue)
                {
                    outcome = ValidationOutcome.Valid(compiled.Values(body, root));
                    return true;
                }

                var error = _ranking.Error(run.BestRank, run.BestParameter!);
                outcome = run.BestRank == ErrorRanking.UrlRank
                    ? new ValidationOutcome(compiled.Values(body, root), error, IsUrlProblem: true)
                    : ValidationOutcome.Invalid(error);
                return true;
            }
            catch (InvalidOperationException)
            {
                // A string that is not valid UTF-16 once unescaped; Newtonsoft reads it as it is.
                return false;
            }
        }
    }

    /// <summary>One operation's compiled checks, and the paths of the values its handlers read.</summary>
    private sealed class CompiledOperation
    {
        private static readonly string[] ModelPath = [ProtocolFields.Model];

        private readonly string[][] _mediaPaths;

        public CompiledOperation(OperationDefinition operation, ObjectCheck check)
        {
            Operation = operation;
            Check = check;
            _mediaPaths = operation.MediaRules.Select(r => r.PropertyPath.Split('.')).ToArray();
        }

        public OperationDefinition Operation { get; }

        public ObjectCheck Check { get; }

        public ValidatedBody Values(string text, JsonElement root)
        {
            var modelValue = Lookup(root, ModelPath);
            var model = Text(modelValue);
            if (modelValue is { ValueKind: JsonValueKind.String } && string.IsNullOrWhiteSpace(model))
            {
                // A blank model is no model.
                model = null;
            }

            var urls = new string?[_mediaPaths.Length];
            for (var i = 0; i < urls.Length; i++)
            {
                urls[i] = Text(Lookup(root, _mediaPaths[i]));
            }

            return ValidatedBody.Of(text, model, urls);
        }

        /// <summary>The last member at the dotted path, as Newtonsoft keeps the last of repeated names; null values are absent.</summary>
        private static JsonElement? Lookup(JsonElement element, string[] path)
        {
            foreach (var segment in path)
            {
                if (element.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }

                JsonElement? found = null;
                foreach (var member in element.EnumerateObject())
                {
                    if (member.NameEquals(segment))
                    {
                        found = member.Value;
                    }
                }

                if (found is not { ValueKind: not JsonValueKind.Null } next)
                {
                    return null;
                }

                element = next;
            }

            return element;
        }

        /// <summary>A scalar as Newtonsoft's <c>(string?)</c> conversion writes it; null for a container.</summary>
        private static string? Text(JsonElement? element) => element switch
        {
            { ValueKind: JsonValueKind.String } value => value.GetString(),
            { ValueKind: JsonValueKind.True } => bool.TrueString,
            { ValueKind: JsonValueKind.False } => bool.FalseString,
            { ValueKind: JsonValueKind.Number } value => NumberText(value),
            _ => null,
        };

        private static string NumberText(JsonElement value)
        {
            if (value.TryGetInt64(out var integer))
            {
                return integer.ToString(CultureInfo.InvariantCulture);
            }

            var raw = value.GetRawText();
            return Run.IsIntegerText(raw)
                ? (raw[0] == '-' ? long.MinValue : long.MaxValue).ToString(CultureInfo.InvariantCulture)
                : double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>One validation: the path walked so far and the best-ranked violation found.</summary>
    private sealed class Run
    {
        private readonly CompiledOperation _operation;
        private readonly UploadsDescription? _uploads;
        private readonly List<string> _path = new(8);

        public Run(CompiledOperation operation, UploadsDescription? uploads)
        {
            _operation = operation;
            _uploads = uploads;
        }

        public int BestRank { get; private set; } = int.MaxValue;

        public string? BestParameter { get; private set; }

        public bool Undecided { get; private set; }

        public static bool IsIntegerText(string raw) => raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0;

        public void ValidateObject(JsonElement element, ObjectCheck check, string? propertyName, bool isRoot)
        {
            var properties = check.Properties;
            Span<int> found = properties.Length <= 16 ? stackalloc int[properties.Length] : new int[properties.Length];
            found.Fill(-1);

            // Members by position; Newtonsoft keeps the last of repeated names.
            var members = new List<JsonProperty>(Math.Max(4, properties.Length));
            foreach (var member in element.EnumerateObject())
            {
                members.Add(member);
                for (var i = 0; i < properties.Length; i++)
                {
                    if (member.NameEquals(properties[i].Name))
                    {
                        found[i] = members.Count - 1;
                        break;
                    }
                }
            }

            for (var i = 0; i < properties.Length; i++)
            {
                var property = properties[i];
                var value = found[i] < 0 ? default : members[found[i]].Value;
                var absent = value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
                    || (isRoot && property.Name == ProtocolFields.Model && value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetString()));
                _path.Add(property.Name);
                if (!absent)
                {
                    Validate(value, property.Value, property.Name);
                }
                else if (property.Required)
                {
                    Report(ValidationErrorKind.PropertyRequired, property.Name, tokenIsString: false, isUrlSchema: property.Value.IsUri, stringValue: null);
                }

                _path.RemoveAt(_path.Count - 1);
            }

            if (check.TracksOtherMembers)
            {
                CheckOtherMembers(members, check, propertyName);
            }
        }

        private void CheckOtherMembers(List<JsonProperty> members, ObjectCheck check, string? propertyName)
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

        private void Validate(JsonElement value, ValueCheck check, string? propertyName)
        {
            var kind = value.ValueKind;
            string? text = null;
            if (kind == JsonValueKind.String && (check.Shape is JsonShape.String || check.AllowedValues is not null))
            {
                text = value.GetString()!;
                if (LooksLikeNewtonsoftDate(text))
                {
                    // Newtonsoft reads it as a date, which NJsonSchema then formats and compares differently.
                    Undecided = true;
                    return;
                }
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

        /// <summary>NJsonSchema's comparison: as decimals, or as doubles when the value does not fit a decimal.</summary>
        private void ValidateRange(JsonElement value, ValueCheck check, string? propertyName)
        {
            decimal number;
            if (value.TryGetInt64(out var integer))
            {
                number = integer;
            }
            else
            {
                var raw = value.GetRawText();
                if (IsIntegerText(raw))
                {
                    // Beyond 64 bits: clamped to the nearest 64-bit value, as the NJsonSchema side does.
                    number = raw[0] == '-' ? long.MinValue : long.MaxValue;
                }
                else
                {
                    var real = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
                    try
                    {
                        number = (decimal)real;
                    }
                    catch (OverflowException)
                    {
                        ValidateRange(real, check, propertyName);
                        return;
                    }
                }
            }

            if (check.Minimum is { } min && (check.ExclusiveMinimum ? number <= min : number < min))
            {
                Report(ValidationErrorKind.NumberTooSmall, propertyName, false, check.IsUri, null);
            }

            if (check.Maximum is { } max && (check.ExclusiveMaximum ? number >= max : number > max))
            {
                Report(ValidationErrorKind.NumberTooBig, propertyName, false, check.IsUri, null);
            }

            if (check.MultipleOf is { } multipleOf && number % multipleOf != 0)
            {
                Report(ValidationErrorKind.NumberNotMultipleOf, propertyName, false, check.IsUri, null);
            }
        }

        private void ValidateRange(double number, ValueCheck check, string? propertyName)
        {
            if (check.Minimum is { } min && (check.ExclusiveMinimum ? number <= (double)min : number < (double)min))
            {
                Report(ValidationErrorKind.NumberTooSmall, propertyName, false, check.IsUri, null);
            }

            if (check.Maximum is { } max && (check.ExclusiveMaximum ? number >= (double)max : number > (double)max))
            {
                Report(ValidationErrorKind.NumberTooBig, propertyName, false, check.IsUri, null);
            }

            if (check.MultipleOf is { } multipleOf && number % (double)multipleOf != 0)
            {
                Report(ValidationErrorKind.NumberNotMultipleOf, propertyName, false, check.IsUri, null);
            }
        }

        private static bool IsInteger(JsonElement value) => value.TryGetInt64(out _) || IsIntegerText(value.GetRawText());

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
}
