using System.ComponentModel;
using System.Globalization;
using System.Text.RegularExpressions;

namespace DashScope.Toolkit.GeneratedCodeSupport;

/// <summary>
/// A schema rule on one value (a string's enum, pattern, format and length; a number's range; an array's size and
/// items; a nested record's own rules), made by <see cref="DashScopeValueRules"/>. Values come boxed, so a table entry
/// needs no type arguments.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class DashScopeValueRule
{
    private protected DashScopeValueRule() { }

    /// <summary>Adds every break of this rule by <paramref name="value"/> (never null) to <paramref name="context"/> at <paramref name="field"/>.</summary>
    internal abstract void Check(object value, DashScopeValidationContext context, string field);
}

/// <summary>The rules generated validation tables use, checked in the order the schema keywords are listed here.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DashScopeValueRules
{
    /// <summary>A nested record: its own table's rules, with paths under the field.</summary>
    public static DashScopeValueRule Nested { get; } = new NestedRule();

    /// <summary>
    /// A string's rules: one of <paramref name="allowed"/> (enum), matching <paramref name="pattern"/> (culture-invariant,
    /// at most one second per match), an absolute URI when <paramref name="uri"/>, and length bounds.
    /// </summary>
    public static DashScopeValueRule Text(IReadOnlyList<string>? allowed = null, string? pattern = null, bool uri = false, int? minLength = null, int? maxLength = null) =>
        new TextRule(allowed, pattern is null ? null : new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), uri, minLength, maxLength);

    /// <summary>An extensible enum's value (its wire text, which the generated enums' ToString gives) must be one of <paramref name="allowed"/>.</summary>
    public static DashScopeValueRule OneOf(IReadOnlyList<string> allowed) => new OneOfRule(allowed ?? throw new ArgumentNullException(nameof(allowed)));

    /// <summary>A number's bounds (null: none); an int, a long or a double.</summary>
    public static DashScopeValueRule Range(double? minimum, bool exclusiveMinimum, double? maximum, bool exclusiveMaximum) =>
        new RangeRule(minimum, exclusiveMinimum, maximum, exclusiveMaximum);

    /// <summary>An array's item count bounds (null: none), then <paramref name="items"/> on every item (a null item is "required" at its index).</summary>
    public static DashScopeValueRule List<TItem>(int? minItems, int? maxItems, DashScopeValueRule? items) => new ListRule<TItem>(minItems, maxItems, items);

    private sealed class NestedRule : DashScopeValueRule
    {
        internal override void Check(object value, DashScopeValidationContext context, string field) =>
            ((IDashScopeValidatable)value).Validate(context, field);
    }

    private sealed class TextRule(IReadOnlyList<string>? allowed, Regex? pattern, bool uri, int? minLength, int? maxLength) : DashScopeValueRule
    {
        internal override void Check(object value, DashScopeValidationContext context, string field)
        {
            var text = (string)value;
            if (allowed is not null) { context.Enum(field, text, allowed); }
            if (pattern is not null) { context.Pattern(field, text, pattern); }
            if (uri) { context.AbsoluteUri(field, text); }
            if (minLength is not null || maxLength is not null) { context.Length(field, text, minLength, maxLength); }
        }
    }

    private sealed class OneOfRule(IReadOnlyList<string> allowed) : DashScopeValueRule
    {
        internal override void Check(object value, DashScopeValidationContext context, string field) =>
            context.Enum(field, value.ToString() ?? string.Empty, allowed);
    }

    private sealed class RangeRule(double? minimum, bool exclusiveMinimum, double? maximum, bool exclusiveMaximum) : DashScopeValueRule
    {
        internal override void Check(object value, DashScopeValidationContext context, string field)
        {
            var number = value switch
            {
                double d => d,
                int i => i,
                long l => l,
                _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
            };
            if (minimum is { } min) { context.Minimum(field, number, min, exclusiveMinimum); }
            if (maximum is { } max) { context.Maximum(field, number, max, exclusiveMaximum); }
        }
    }

    private sealed class ListRule<TItem>(int? minItems, int? maxItems, DashScopeValueRule? items) : DashScopeValueRule
    {
        internal override void Check(object value, DashScopeValidationContext context, string field)
        {
            var list = (IReadOnlyList<TItem>)value;
            if (minItems is not null || maxItems is not null) { context.Count(field, list.Count, minItems, maxItems); }
            if (items is null) { return; }
            for (var i = 0; i < list.Count; i++)
            {
                var itemField = field + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                if (list[i] is not { } item) { context.Missing(itemField); continue; }
                items.Check(item, context, itemField);
            }
        }
    }
}
