using DashScope.Toolkit.Description;
using DashScope.Toolkit.Generator.Model;
using Microsoft.CodeAnalysis;

namespace DashScope.Toolkit.Generator.Analysis;

/// <summary>Whether a constant equals the value the service uses when the property is absent (the schema's <c>default</c>).</summary>
internal static class DefaultValues
{
    public static bool IsDefault(PropertyRule rule, IOperation value, RequestRuleIndex index)
    {
        // A required property cannot be left out (CS9035), so its default is no reason to remove it.
        if (rule.Required || rule.DefaultText is not { } defaultText) { return false; }
        var type = rule.Value;
        if (type.Kind == ValueKind.Enum)
        {
            return type.EnumType is { } name && index.EnumType(name) is { } enumType
                && ConstantReader.EnumText(value, enumType) is { Value: string text } && text == defaultText;
        }
        if (ConstantReader.Constant(value) is not { Value: { } constant }) { return false; }
        return type.Kind switch
        {
            ValueKind.String => constant is string text && text == defaultText,
            ValueKind.Boolean => constant is bool flag && (flag ? "true" : "false") == defaultText,
            ValueKind.Number or ValueKind.Integer or ValueKind.LongInteger => NumberRules.AsNumber(constant) is { } number && NumberRules.EqualsDefault(number, defaultText),
            _ => false,
        };
    }
}
