using System.Globalization;
using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Validation;

/// <summary>The JSON type a value must have, as the compiled validator checks it.</summary>
internal enum JsonShape
{
    Any,
    String,
    Number,
    Integer,
    Boolean,
    Object,
    Array,
}

/// <summary>The rules of one value, compiled from its <see cref="ValueDescription"/> at start-up.</summary>
internal sealed class ValueCheck
{
    public required JsonShape Shape { get; init; }

    public ObjectCheck? Object { get; init; }

    public ValueCheck? Item { get; init; }

    /// <summary>The allowed strings, or null when any is allowed.</summary>
    public string[]? AllowedValues { get; init; }

    /// <summary>
    /// True when no allowed value could be the text Newtonsoft gives a number, a boolean or a container, so such a
    /// value is simply not in the list; otherwise the NJsonSchema validator decides.
    /// </summary>
    public bool OnlyStringsCanMatch { get; init; }

    public SchemaPattern? Pattern { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    /// <summary><c>format: uri</c>: the value is a URL (which ranks its problems as URL problems; NJsonSchema checks no format).</summary>
    public bool IsUri { get; init; }

    public decimal? Minimum { get; init; }

    public bool ExclusiveMinimum { get; init; }

    public decimal? Maximum { get; init; }

    public bool ExclusiveMaximum { get; init; }

    public decimal? MultipleOf { get; init; }

    public int? MinItems { get; init; }

    public int? MaxItems { get; init; }

    public bool HasRange => Minimum is not null || Maximum is not null || MultipleOf is not null;
}

/// <summary>The rules of an object: its properties in the schema's order, and what it says of others.</summary>
internal sealed class ObjectCheck
{
    public required PropertyCheck[] Properties { get; init; }

    public bool AllowsAdditionalProperties { get; init; } = true;

    public int? MinProperties { get; init; }

    public int? MaxProperties { get; init; }

    /// <summary>True when members other than the declared ones must be counted or refused.</summary>
    public bool TracksOtherMembers => !AllowsAdditionalProperties || MinProperties is not null || MaxProperties is not null;
}

/// <summary>One declared property.</summary>
internal sealed record PropertyCheck(string Name, bool Required, ValueCheck Value);

/// <summary>
/// Turns the description's models into <see cref="ObjectCheck"/>s. A model whose rules the description does not
/// spell out (composition, unique items, recursion) is not
/// compiled: its operation stays with the NJsonSchema validator.
/// </summary>
internal sealed class CheckCompiler
{
    private readonly EndpointDescription _description;
    private readonly HashSet<string> _compiling = new(StringComparer.Ordinal);

    public CheckCompiler(EndpointDescription description) => _description = description;

    /// <summary>The checks of the object model <paramref name="modelName"/>, or null when it cannot be compiled.</summary>
    public ObjectCheck? Object(string modelName)
    {
        var model = _description.FindModel(modelName);
        if (model is null || model.Kind != ModelKind.Object || model.HasComposition || !_compiling.Add(modelName))
        {
            return null;
        }

        var properties = new PropertyCheck[model.Properties.Count];
        var index = 0;
        foreach (var property in model.Properties)
        {
            if (Value(property.Type) is not { } value)
            {
                _compiling.Remove(modelName);
                return null;
            }

            properties[index++] = new PropertyCheck(property.WireName, property.Required, value);
        }

        _compiling.Remove(modelName);
        return new ObjectCheck
        {
            Properties = properties,
            AllowsAdditionalProperties = model.AllowsAdditionalProperties,
            MinProperties = model.MinProperties,
            MaxProperties = model.MaxProperties,
        };
    }

    private ValueCheck? Value(ValueDescription type)
    {
        var rules = type.Rules;
        if (rules.UniqueItems)
        {
            return null;
        }

        string[]? allowed = rules.AllowedValues.Count > 0 ? rules.AllowedValues.ToArray() : null;
        ObjectCheck? objectCheck = null;
        ValueCheck? item = null;
        JsonShape shape;
        switch (type.Kind)
        {
            case ValueKind.String or ValueKind.Time:
                shape = JsonShape.String;
                break;
            case ValueKind.Number:
                shape = JsonShape.Number;
                break;
            case ValueKind.Integer or ValueKind.LongInteger or ValueKind.EpochTime:
                shape = JsonShape.Integer;
                break;
            case ValueKind.Boolean:
                shape = JsonShape.Boolean;
                break;
            case ValueKind.Enum:
                shape = JsonShape.String;
                allowed = _description.FindModel(type.ModelName)?.EnumValues.ToArray();
                if (allowed is null)
                {
                    return null;
                }

                break;
            case ValueKind.Object:
                shape = JsonShape.Object;
                objectCheck = Object(type.ModelName!);
                if (objectCheck is null)
                {
                    return null;
                }

                break;
            case ValueKind.Array:
                shape = JsonShape.Array;
                item = type.Item is { } itemType ? Value(itemType) : new ValueCheck { Shape = JsonShape.Any };
                if (item is null)
                {
                    return null;
                }

                break;
            default:
                shape = JsonShape.Any;
                break;
        }

        return new ValueCheck
        {
            Shape = shape,
            Object = objectCheck,
            Item = item,
            AllowedValues = allowed,
            OnlyStringsCanMatch = allowed is null || allowed.All(CannotBeTextOfNonString),
            Pattern = rules.Pattern is { } pattern ? SchemaPattern.For(pattern) : null,
            MinLength = rules.MinLength,
            MaxLength = rules.MaxLength,
            IsUri = rules.IsUri,
            Minimum = Decimal(rules.Minimum),
            ExclusiveMinimum = rules.ExclusiveMinimum,
            Maximum = Decimal(rules.Maximum),
            ExclusiveMaximum = rules.ExclusiveMaximum,
            MultipleOf = Decimal(rules.MultipleOf),
            MinItems = rules.MinItems,
            MaxItems = rules.MaxItems,
        };
    }

    // Newtonsoft compares enum values with the token's text: a number's digits, True or False, or a container's JSON.
    private static bool CannotBeTextOfNonString(string value) =>
        !value.Any(char.IsDigit) && value != bool.TrueString && value != bool.FalseString && !value.StartsWith('{') && !value.StartsWith('[')
        && !value.Contains('\u221E', StringComparison.Ordinal) && !value.Contains("NaN", StringComparison.Ordinal) && !value.Contains("Infinity", StringComparison.Ordinal);

    private static decimal? Decimal(string? text) => text is null ? null : decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
