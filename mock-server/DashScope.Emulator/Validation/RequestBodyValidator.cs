using DashScope.Emulator.Schema;
using DashScope.Toolkit.Description;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace DashScope.Emulator.Validation;

/// <summary>
/// Validates request bodies with NJsonSchema against the operation's request definition and turns the
/// first, most significant NJsonSchema error into the error DashScope answers. The rules themselves
/// (required fields, ranges, enums, URL patterns) come only from the schema; this class only decides
/// which DashScope code each kind of schema violation maps to.
/// </summary>
internal sealed class RequestBodyValidator
{
    private readonly LivePortraitSchema _schema;
    private const int UrlRank = 4;

    private readonly UnknownModelBehavior _unknownModel;

    // JsonSchema.Validate builds a new JsonSchemaValidator, with its 13 format validators and their lookup
    // table, on every call. The validator keeps no state between calls, so one instance serves them all.
    private readonly JsonSchemaValidator _validator = new();

    public RequestBodyValidator(LivePortraitSchema schema, UnknownModelBehavior unknownModel)
    {
        _schema = schema;
        _unknownModel = unknownModel;
    }

    public ValidationOutcome Validate(OperationDefinition operation, string? body)
    {
        if (operation.RequestSchema is null)
        {
            return ValidationOutcome.Valid(new JObject());
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            return ValidationOutcome.Invalid(_schema.Error(ProtocolError.MissingParameter));
        }

        JToken token;
        try
        {
            token = JToken.Parse(body);
        }
        catch (JsonException)
        {
            return ValidationOutcome.Invalid(_schema.Error(ProtocolError.MissingParameter));
        }

        if (token is not JObject root)
        {
            return ValidationOutcome.Invalid(_schema.Error(ProtocolError.InvalidParameter));
        }

        // DashScope treats an explicit null like an absent field; removing nulls first lets the schema's
        // "required" and "default" rules decide, instead of a misleading "wrong type" error.
        Normalise(root);
        if (root[ProtocolFields.Model] is JValue { Type: JTokenType.String } model && string.IsNullOrWhiteSpace((string?)model))
        {
            root.Remove(ProtocolFields.Model);
        }

        List<ValidationError> errors;
        try
        {
            errors = Flatten(_validator.Validate(root, operation.RequestSchema)).ToList();
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException or ArgumentException)
        {
            // A value NJsonSchema cannot even compare is bad input, and bad input is never a 500.
            return ValidationOutcome.Invalid(_schema.Error(ProtocolError.InvalidParameter));
        }

        if (errors.Count > 0 && _schema.Description.Uploads is { } uploads)
        {
            // The schema's URL patterns say http(s); the temporary storage's oss:// URLs are accepted where a media
            // rule stands. Whether the header asks to resolve them is the media checks' to say.
            errors.RemoveAll(e => e.Kind == ValidationErrorKind.PatternMismatch && e.Token is JValue { Type: JTokenType.String } value
                && uploads.IsStoredFileUrl((string?)value) && operation.MediaRules.Any(r => r.PropertyPath == ParameterPath(e)));
        }

        if (errors.Count == 0)
        {
            return ValidationOutcome.Valid(root);
        }

        var mapped = errors.Select(e => Map(operation, e)).OrderBy(m => m.Rank).First();
        return mapped.Rank == UrlRank ? new ValidationOutcome(root, mapped.Error, IsUrlProblem: true) : ValidationOutcome.Invalid(mapped.Error);
    }

    /// <summary>Validates a query string already turned into typed JSON against the operation's query schema.</summary>
    public DashScopeError? ValidateQuery(OperationDefinition operation, JObject query)
    {
        if (operation.QuerySchema is null)
        {
            return null;
        }

        var errors = Flatten(_validator.Validate(query, operation.QuerySchema)).ToList();
        return errors.Count == 0 ? null : errors.Select(e => Map(operation, e)).OrderBy(m => m.Rank).First().Error;
    }

    private (int Rank, DashScopeError Error) Map(OperationDefinition operation, ValidationError error)
    {
        var parameter = ParameterPath(error);
        var isRoot = !parameter.Contains('.', StringComparison.Ordinal);

        if (error.Kind == ValidationErrorKind.PropertyRequired && isRoot && error.Property == ProtocolFields.Model)
        {
            return (0, _schema.Error(ProtocolError.EmptyModel));
        }

        if (error.Kind == ValidationErrorKind.NotInEnumeration && parameter == ProtocolFields.Model && error.Token?.Type == JTokenType.String)
        {
            var unknown = _schema.Error(ProtocolError.ModelNotFound);
            return (1, _unknownModel == UnknownModelBehavior.ModelNotFound404 ? unknown with { Status = 404, Code = "ModelNotFound" } : unknown);
        }

        if (error.Kind == ValidationErrorKind.PropertyRequired && isRoot && error.Property == ProtocolFields.Input)
        {
            return (2, _schema.Error(ProtocolError.EmptyInput));
        }

        if (error.Kind is ValidationErrorKind.ObjectExpected or ValidationErrorKind.ArrayExpected)
        {
            // A container of the wrong shape: its missing children are a consequence, not the cause.
            return (3, _schema.Error(ProtocolError.InvalidParameter));
        }

        if (IsUrlProperty(operation, error, parameter))
        {
            return (UrlRank, _schema.Error(ProtocolError.InvalidUrl));
        }

        return error.Kind switch
        {
            ValidationErrorKind.NumberTooBig or ValidationErrorKind.NumberTooSmall or ValidationErrorKind.IntegerTooBig
                or ValidationErrorKind.NotInEnumeration or ValidationErrorKind.StringTooLong or ValidationErrorKind.StringTooShort
                or ValidationErrorKind.PatternMismatch => (6, _schema.Error(ProtocolError.OutOfDefinition).NamingParameter(parameter)),
            ValidationErrorKind.PropertyRequired => (7, _schema.Error(ProtocolError.MissingParameter)),
            _ => (5, _schema.Error(ProtocolError.InvalidParameter)),
        };
    }

    /// <summary>True when the failing value is a URL: its schema has <c>format: uri</c>, or the description lists media limits for it.</summary>
    private static bool IsUrlProperty(OperationDefinition operation, ValidationError error, string parameter)
    {
        JsonSchema? propertySchema = error.Kind == ValidationErrorKind.PropertyRequired
            ? (error.Schema?.ActualSchema.Properties.TryGetValue(error.Property ?? "", out var p) == true ? p.ActualSchema : null)
            : error.Schema?.ActualSchema;
        if (propertySchema is not null && string.Equals(propertySchema.Format, "uri", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var rule in operation.MediaRules)
        {
            if (rule.PropertyPath == parameter)
            {
                return true;
            }
        }

        return false;
    }

    private static string ParameterPath(ValidationError error)
    {
        var path = error.Path ?? "";
        if (path.StartsWith("#/", StringComparison.Ordinal))
        {
            path = path[2..];
        }

        if (error.Kind == ValidationErrorKind.PropertyRequired && error.Property is { } property && !path.EndsWith(property, StringComparison.Ordinal))
        {
            path = path.Length == 0 ? property : path + "." + property;
        }

        return path.Length == 0 ? error.Property ?? "body" : path;
    }

    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                foreach (var nested in Flatten(child.Errors.SelectMany(e => e.Value)))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return error;
            }
        }
    }

    /// <summary>
    /// Drops null members (DashScope reads them as absent) and clamps integers beyond 64 bits, which
    /// NJsonSchema cannot compare, to the nearest 64-bit value: still out of any declared range.
    /// </summary>
    private static void Normalise(JToken token)
    {
        if (token is JObject obj)
        {
            foreach (var property in obj.Properties().ToList())
            {
                if (property.Value.Type == JTokenType.Null)
                {
                    property.Remove();
                }
                else
                {
                    Normalise(property.Value);
                }
            }
        }
        else if (token is JArray array)
        {
            foreach (var item in array)
            {
                Normalise(item);
            }
        }
        else if (token is JValue { Type: JTokenType.Integer, Value: System.Numerics.BigInteger big })
        {
            ((JValue)token).Value = big.Sign < 0 ? long.MinValue : long.MaxValue;
        }
    }
}
