using DashScope.Emulator.Schema;
using DashScope.Toolkit.Description;
using NJsonSchema.Validation;

namespace DashScope.Emulator.Validation;

/// <summary>
/// Which DashScope error a schema violation in a request body becomes, and how it ranks against the others: the
/// request is answered with the lowest rank, the first found among equals. One policy for both body validators
/// (the compiled one and the NJsonSchema one), so they can differ only in the violations they find.
/// </summary>
internal sealed class ErrorRanking
{
    /// <summary>The rank of a problem with a media URL, which a submit may turn into a FAILED task instead.</summary>
    public const int UrlRank = 4;

    private readonly DashScopeError _emptyModel;
    private readonly DashScopeError _modelNotFound;
    private readonly DashScopeError _emptyInput;
    private readonly DashScopeError _invalidParameter;
    private readonly DashScopeError _invalidUrl;
    private readonly DashScopeError _outOfDefinition;
    private readonly DashScopeError _missingParameter;

    public ErrorRanking(LivePortraitSchema schema, UnknownModelBehavior unknownModel)
    {
        _emptyModel = schema.Error(ProtocolError.EmptyModel);
        var unknown = schema.Error(ProtocolError.ModelNotFound);
        _modelNotFound = unknownModel == UnknownModelBehavior.ModelNotFound404 ? unknown with { Status = 404, Code = "ModelNotFound" } : unknown;
        _emptyInput = schema.Error(ProtocolError.EmptyInput);
        _invalidParameter = schema.Error(ProtocolError.InvalidParameter);
        _invalidUrl = schema.Error(ProtocolError.InvalidUrl);
        _outOfDefinition = schema.Error(ProtocolError.OutOfDefinition);
        _missingParameter = schema.Error(ProtocolError.MissingParameter);
    }

    /// <summary>The rank of a violation, without making its error (the error is made only for the winner).</summary>
    /// <param name="kind">What is wrong.</param>
    /// <param name="property">The property the violation names (for a missing one: the missing property).</param>
    /// <param name="parameter">The dotted path of the value (for a missing property: including it).</param>
    /// <param name="tokenIsString">True when the failing value is a JSON string.</param>
    /// <param name="isUrl">True when the failing value is a URL (<c>format: uri</c>, or a media rule's path).</param>
    public static int Rank(ValidationErrorKind kind, string? property, string parameter, bool tokenIsString, bool isUrl)
    {
        var isRoot = !parameter.Contains('.', StringComparison.Ordinal);
        if (kind == ValidationErrorKind.PropertyRequired && isRoot && property == ProtocolFields.Model)
        {
            return 0;
        }

        if (kind == ValidationErrorKind.NotInEnumeration && parameter == ProtocolFields.Model && tokenIsString)
        {
            return 1;
        }

        if (kind == ValidationErrorKind.PropertyRequired && isRoot && property == ProtocolFields.Input)
        {
            return 2;
        }

        if (kind is ValidationErrorKind.ObjectExpected or ValidationErrorKind.ArrayExpected)
        {
            // A container of the wrong shape: its missing children are a consequence, not the cause.
            return 3;
        }

        if (isUrl)
        {
            return UrlRank;
        }

        return kind switch
        {
            ValidationErrorKind.NumberTooBig or ValidationErrorKind.NumberTooSmall or ValidationErrorKind.IntegerTooBig
                or ValidationErrorKind.NotInEnumeration or ValidationErrorKind.StringTooLong or ValidationErrorKind.StringTooShort
                or ValidationErrorKind.PatternMismatch => 6,
            ValidationErrorKind.PropertyRequired => 7,
            _ => 5,
        };
    }

    /// <summary>The error answered for a violation of <paramref name="rank"/> at <paramref name="parameter"/>.</summary>
    public DashScopeError Error(int rank, string parameter) => rank switch
    {
        0 => _emptyModel,
        1 => _modelNotFound,
        2 => _emptyInput,
        3 or 5 => _invalidParameter,
        UrlRank => _invalidUrl,
        6 => _outOfDefinition.NamingParameter(parameter),
        _ => _missingParameter,
    };

    /// <summary>The parameter path NJsonSchema's error names: its path without <c>#/</c>, with a missing property appended.</summary>
    public static string ParameterPath(ValidationErrorKind kind, string? property, string path)
    {
        if (kind == ValidationErrorKind.PropertyRequired && property is not null && !path.EndsWith(property, StringComparison.Ordinal))
        {
            path = path.Length == 0 ? property : path + "." + property;
        }

        return path.Length == 0 ? property ?? "body" : path;
    }

    /// <summary>True when a media rule of <paramref name="operation"/> stands at <paramref name="parameter"/>.</summary>
    public static bool IsMediaPath(OperationDefinition operation, string parameter)
    {
        foreach (var rule in operation.MediaRules)
        {
            if (rule.PropertyPath == parameter)
            {
                return true;
            }
        }

        return false;
    }
}
