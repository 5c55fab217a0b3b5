namespace DashScope.Toolkit.Description;

/// <summary>Whether a model is a JSON object or a string enum.</summary>
public enum ModelKind
{
    /// <summary>A JSON object with named properties.</summary>
    Object,

    /// <summary>A string with a closed list of values.</summary>
    Enum,
}

/// <summary>Where a model travels.</summary>
public enum ModelRole
{
    /// <summary>In a JSON body (request or answer).</summary>
    Body,

    /// <summary>As request headers.</summary>
    Headers,

    /// <summary>As query-string parameters.</summary>
    Query,
}

/// <summary>
/// One object or enum of the schema, named without any target language in mind. A definition's model is
/// named like the definition; an object or enum written inline in a property is named from its owner and the
/// wire names that lead to it (<c>Owner.property</c>, <c>Owner.list[]</c> for array items), and
/// <see cref="Definition"/> with <see cref="InlineSteps"/> say the same thing as data.
/// </summary>
/// <param name="Name">The model's name, unique in the description.</param>
/// <param name="Pointer">The JSON pointer of its schema in the file (e.g. <c>/definitions/TaskStatus</c>).</param>
/// <param name="Kind">Object or enum.</param>
/// <param name="Description">The schema's description.</param>
/// <param name="Properties">An object's properties, in the schema's order.</param>
/// <param name="EnumValues">An enum's values, in the schema's order.</param>
/// <param name="EnumNames">An enum's <c>x-enumNames</c> as written (may be shorter than the values, or hold empty names).</param>
/// <param name="Role">Whether it travels in a body, as headers or as a query string.</param>
public sealed record ModelDescription(
    string Name,
    string Pointer,
    ModelKind Kind,
    string? Description,
    EquatableArray<PropertyDescription> Properties,
    EquatableArray<string> EnumValues,
    EquatableArray<string> EnumNames,
    ModelRole Role)
{
    /// <summary>The definition the model's schema lies in.</summary>
    public string Definition { get; init; } = Name;

    /// <summary>The steps from <see cref="Definition"/> to an inline model's schema (empty for a definition's own model).</summary>
    public EquatableArray<InlineStep> InlineSteps { get; init; }

    /// <summary>False when an object model's schema says <c>additionalProperties: false</c>: fields it does not declare are refused.</summary>
    public bool AllowsAdditionalProperties { get; init; } = true;

    /// <summary>An object's fewest properties (<c>minProperties</c>), when the schema states it.</summary>
    public int? MinProperties { get; init; }

    /// <summary>An object's most properties (<c>maxProperties</c>), when the schema states it.</summary>
    public int? MaxProperties { get; init; }

    /// <summary>
    /// True when an object model constrains its own properties with <c>oneOf</c>, <c>anyOf</c>, <c>allOf</c> or <c>not</c>:
    /// rules the description does not spell out, so a validator built from the description alone cannot check them.
    /// </summary>
    public bool HasComposition { get; init; }

    /// <summary>The property with wire name <paramref name="wireName"/>, or null.</summary>
    /// <param name="wireName">The JSON name.</param>
    public PropertyDescription? Property(string wireName)
    {
        foreach (var property in Properties)
        {
            if (property.WireName == wireName) { return property; }
        }
        return null;
    }

    /// <summary>The JSON pointer of the property with wire name <paramref name="wireName"/>.</summary>
    /// <param name="wireName">The JSON name.</param>
    public string PropertyPointer(string wireName) => Pointer + "/properties/" + Reading.JsonPointer.Escape(wireName);
}

/// <summary>One step from a definition to an inline model: into a property, or into an array's items.</summary>
/// <param name="PropertyWireName">The property's wire name; null for an array's items.</param>
public readonly record struct InlineStep(string? PropertyWireName)
{
    /// <summary>The step into an array's items.</summary>
    public static InlineStep Items => default;

    /// <summary>True for the step into an array's items.</summary>
    public bool IsItems => PropertyWireName is null;
}

/// <summary>One property of an object model.</summary>
/// <param name="WireName">The JSON name.</param>
/// <param name="Required">True when <c>required</c> lists it.</param>
/// <param name="Description">The schema's description.</param>
/// <param name="DefaultText">The service's default when absent, as invariant text.</param>
/// <param name="FixedValue">The one value the property can have (an enum of a single value, such as a model name), written as a string with that default.</param>
/// <param name="Type">The value's type and rules.</param>
public sealed partial record PropertyDescription(string WireName, bool Required, string? Description, string? DefaultText, string? FixedValue, ValueDescription Type);

/// <summary>The shape of a value.</summary>
public enum ValueKind
{
    /// <summary>A string.</summary>
    String,

    /// <summary>A floating-point number.</summary>
    Number,

    /// <summary>An integer within 32 bits.</summary>
    Integer,

    /// <summary>An integer that needs 64 bits (<c>format: int64</c> or bounds beyond 32 bits).</summary>
    LongInteger,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>An object model (<see cref="ValueDescription.ModelName"/>).</summary>
    Object,

    /// <summary>An enum model (<see cref="ValueDescription.ModelName"/>).</summary>
    Enum,

    /// <summary>An array (<see cref="ValueDescription.Item"/>).</summary>
    Array,

    /// <summary>A time written as a string in <see cref="ValueDescription.TimeFormat"/> (a .NET date format).</summary>
    Time,

    /// <summary>A time written as an integer of epoch milliseconds.</summary>
    EpochTime,

    /// <summary>Any JSON value.</summary>
    Any,
}

/// <summary>The type of a property or array item, with the rules its values must keep.</summary>
/// <param name="Kind">The shape.</param>
/// <param name="ModelName">For Object and Enum: the model's name.</param>
/// <param name="TimeFormat">For Time: the wire format.</param>
/// <param name="Item">For Array: the items' type.</param>
/// <param name="Rules">The rules on the value itself (for an array: on the array; its items carry their own).</param>
/// <param name="Media">The limits on the content behind a URL string, when the schema states them.</param>
public sealed record ValueDescription(ValueKind Kind, string? ModelName, string? TimeFormat, ValueDescription? Item, ValueRules Rules, MediaRuleDescription? Media);

/// <summary>The validation keywords of one value. Numbers are kept as the invariant decimal text the schema wrote.</summary>
/// <param name="Minimum">The lower bound of a number.</param>
/// <param name="ExclusiveMinimum">True when the lower bound itself is not allowed.</param>
/// <param name="Maximum">The upper bound of a number.</param>
/// <param name="ExclusiveMaximum">True when the upper bound itself is not allowed.</param>
/// <param name="AllowedValues">A string's allowed values.</param>
/// <param name="Pattern">A string's regular expression.</param>
/// <param name="IsUri">True for <c>format: uri</c>.</param>
/// <param name="MinLength">A string's shortest length.</param>
/// <param name="MaxLength">A string's longest length.</param>
/// <param name="MinItems">An array's fewest items.</param>
/// <param name="MaxItems">An array's most items.</param>
public sealed record ValueRules(
    string? Minimum,
    bool ExclusiveMinimum,
    string? Maximum,
    bool ExclusiveMaximum,
    EquatableArray<string> AllowedValues,
    string? Pattern,
    bool IsUri,
    int? MinLength,
    int? MaxLength,
    int? MinItems,
    int? MaxItems)
{
    /// <summary>No rule at all.</summary>
    public static ValueRules None { get; } = new(null, false, null, false, EquatableArray<string>.Empty, null, false, null, null, null, null);

    /// <summary>A number's <c>multipleOf</c>, as invariant decimal text.</summary>
    public string? MultipleOf { get; init; }

    /// <summary>True when an array's items must be distinct (<c>uniqueItems</c>).</summary>
    public bool UniqueItems { get; init; }
}
