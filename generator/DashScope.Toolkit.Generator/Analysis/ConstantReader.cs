using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DashScope.Toolkit.Generator.Analysis;

/// <summary>A compile-time constant found in a value, with the syntax that wrote it (where a diagnostic points).</summary>
/// <param name="Value">The constant (null for the null constant).</param>
/// <param name="Syntax">The expression that carries it: the literal, the folded expression or the const's name.</param>
internal sealed record FoundConstant(object? Value, SyntaxNode Syntax);

/// <summary>
/// Finds the compile-time constant an assigned value is made of, looking through what the compiler adds around it
/// (a conversion to a nullable type, a widening of a number) but never guessing: a value that is not a constant
/// gives null, so it is never reported.
/// </summary>
internal static class ConstantReader
{
    /// <summary>The constant <paramref name="value"/> is, or null.</summary>
    public static FoundConstant? Constant(IOperation value)
    {
        var operation = WrittenValue(value);
        return operation.ConstantValue.HasValue ? new FoundConstant(operation.ConstantValue.Value, operation.Syntax) : null;
    }

    /// <summary>
    /// The wire text of a generated extensible enum written from a string constant: <c>new("wild")</c>,
    /// <c>new TemplateId("wild")</c> or <c>(TemplateId)"wild"</c>; null for anything else (such as <c>TemplateId.Calm</c>).
    /// </summary>
    public static FoundConstant? EnumText(IOperation value, INamedTypeSymbol enumType)
    {
        var operation = WrittenValue(value);
        IOperation? text = operation switch
        {
            IObjectCreationOperation { Constructor: { } constructor, Arguments.Length: 1 } creation
                when SymbolEqualityComparer.Default.Equals(constructor.ContainingType, enumType) => creation.Arguments[0].Value,
            IConversionOperation { OperatorMethod: { } method } conversion
                when SymbolEqualityComparer.Default.Equals(method.ContainingType, enumType) => conversion.Operand,
            _ => null,
        };
        return text is not null && Constant(text) is { Value: string } found ? found : null;
    }

    /// <summary>
    /// The items of an array written in place (<c>new[] { ... }</c> or a collection expression), and whether their
    /// count is known (no spread element); false when the value is not written in place.
    /// </summary>
    public static bool TryGetItems(IOperation value, out IReadOnlyList<IOperation> items, out bool countKnown)
    {
        var operation = WrittenValue(value);
        switch (operation)
        {
            case IArrayCreationOperation { Initializer: { } initializer }:
                items = initializer.ElementValues;
                countKnown = true;
                return true;
            case ICollectionExpressionOperation collection:
                var plain = new List<IOperation>(collection.Elements.Length);
                countKnown = true;
                foreach (var element in collection.Elements)
                {
                    if (element is ISpreadOperation) { countKnown = false; }
                    else { plain.Add(element); }
                }
                items = plain;
                return true;
            default:
                items = System.Array.Empty<IOperation>();
                countKnown = false;
                return false;
        }
    }

    /// <summary>The value as written, looking through conversions that change nothing the schema checks; a user-defined conversion is kept.</summary>
    public static IOperation WrittenValue(IOperation value)
    {
        var operation = value;
        while (!operation.ConstantValue.HasValue && operation is IConversionOperation { Conversion.IsUserDefined: false } conversion)
        {
            operation = conversion.Operand;
        }
        return operation;
    }
}
