using DashScope.Emulator.Schema;
using DashScope.Toolkit.Description;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace DashScope.Emulator.Validation;

/// <summary>
/// Validates request bodies with NJsonSchema against the operation's request definition and turns the
/// most significant NJsonSchema error into the error DashScope answers (<see cref="ErrorRanking"/>). The
/// compiled validator (<see cref="CompiledBodyValidator"/>) answers requests; this one is its independent
/// oracle in the tests, its fallback for the rare bodies it leaves undecided, and the task list's query check.
/// </summary>
internal sealed class RequestBodyValidator
{
    private readonly LivePortraitSchema _schema;
    private readonly ErrorRanking _ranking;

    // JsonSchema.Validate builds a new JsonSchemaValidator, with its 13 format validators and their lookup
    // table, on every call. The validator keeps no state between calls, so one instance serves them all; it is made
    // on first need, since the compiled validator answers most bodies and start-up should not pay for it.
    private readonly Lazy<JsonSchemaValidator> _validator = new(() => new JsonSchemaValidator(), LazyThreadSafetyMode.ExecutionAndPublication);

    public RequestBodyValidator(LivePortraitSchema schema, UnknownModelBehavior unknownModel)
    {
        _schema = schema;
        _ranking = new ErrorRanking(schema, unknownModel);
    }

    public ValidationOutcome Validate(OperationDefinition operation, string? body)
    {
        if (operation.RequestSchema is null)
        {
            return ValidationOutcome.Valid(ValidatedBody.Empty);
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

        Prepare(root);

        List<ValidationError> errors;
        try
        {
            errors = Flatten(_validator.Value.Validate(root, operation.RequestSchema)).ToList();
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
                && uploads.IsStoredFileUrl((string?)value) && ErrorRanking.IsMediaPath(operation, ParameterPath(e)));
        }

        if (errors.Count == 0)
        {
            return ValidationOutcome.Valid(ValidatedBody.Of(operation, root));
        }

        var (rank, parameter) = errors.Select(e => Rank(operation, e)).MinBy(m => m.Rank);
        var error = _ranking.Error(rank, parameter);
        return rank == ErrorRanking.UrlRank ? new ValidationOutcome(ValidatedBody.Of(operation, root), error, IsUrlProblem: true) : ValidationOutcome.Invalid(error);
    }

    /// <summary>Validates a query string already turned into typed JSON against the operation's query schema.</summary>
    public DashScopeError? ValidateQuery(OperationDefinition operation, JObject query)
    {
        if (operation.QuerySchema is null)
        {
            return null;
        }

        var errors = Flatten(_validator.Value.Validate(query, operation.QuerySchema)).ToList();
        if (errors.Count == 0)
        {
            return null;
        }

        var (rank, parameter) = errors.Select(e => Rank(operation, e)).MinBy(m => m.Rank);
        return _ranking.Error(rank, parameter);
    }

    /// <summary>
    /// What DashScope does to a body before its rules apply: an explicit null is an absent field (so "required" decides,
    /// not a misleading "wrong type"), and a blank model is no model.
    /// </summary>
    internal static void Prepare(JObject root)
    {
        Normalise(root);
        if (root[ProtocolFields.Model] is JValue { Type: JTokenType.String } model && string.IsNullOrWhiteSpace((string?)model))
        {
            root.Remove(ProtocolFields.Model);
        }
    }

    private static (int Rank, string Parameter) Rank(OperationDefinition operation, ValidationError error)
    {
        var parameter = ParameterPath(error);
        var rank = ErrorRanking.Rank(error.Kind, error.Property, parameter, error.Token?.Type == JTokenType.String, IsUrlProperty(operation, error, parameter));
        return (rank, parameter);
    }

    /// <summary>True when the failing value is a URL: its schema has <c>format: uri</c>, or the description lists media limits for it.</summary>
    private static bool IsUrlProperty(OperationDefinition operation, ValidationError error, string parameter)
    {
        JsonSchema? propertySchema = error.Kind == ValidationErrorKind.PropertyRequired
            ? (error.Schema?.ActualSchema.Properties.TryGetValue(error.Property ?? "", out var p) == true ? p.ActualSchema : null)
            : error.Schema?.ActualSchema;
        return (propertySchema is not null && string.Equals(propertySchema.Format, "uri", StringComparison.Ordinal))
            || ErrorRanking.IsMediaPath(operation, parameter);
    }

    private static string ParameterPath(ValidationError error)
    {
        var path = error.Path ?? "";
        if (path.StartsWith("#/", StringComparison.Ordinal))
        {
            path = path[2..];
        }

        return ErrorRanking.ParameterPath(error.Kind, error.Property, path);
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
    internal static void Normalise(JToken token)
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
