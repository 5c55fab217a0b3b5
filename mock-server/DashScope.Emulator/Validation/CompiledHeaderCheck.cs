using DashScope.Toolkit.Description;

namespace DashScope.Emulator.Validation;

/// <summary>What is wrong with one header.</summary>
internal enum HeaderProblem
{
    /// <summary>Required and not sent.</summary>
    Missing,

    /// <summary>Sent, but outside its pattern or its allowed values.</summary>
    Invalid,
}

/// <summary>
/// An operation's header rules compiled from the description's header model: which headers are required, and the
/// pattern and allowed values of each. It finds what NJsonSchema finds on the same model, without NJsonSchema reading
/// the schema, so a request can be answered before that read happens. A model with rules the description does not
/// spell out (composition such as <c>not</c>, lengths, non-string headers) is not compiled.
/// </summary>
internal sealed class CompiledHeaderCheck
{
    private readonly HeaderRule[] _rules;

    private CompiledHeaderCheck(HeaderRule[] rules) => _rules = rules;

    /// <summary>The checks of an operation whose schema names no headers: any headers pass.</summary>
    public static CompiledHeaderCheck AnyHeaders { get; } = new([]);

    /// <summary>The checks of <paramref name="model"/>, or null when only NJsonSchema can check it.</summary>
    /// <param name="model">The operation's header model.</param>
    /// <param name="knownHeaders">The header names the validator reads, in the order of the values it passes.</param>
    public static CompiledHeaderCheck? Compile(ModelDescription model, IReadOnlyList<string> knownHeaders)
    {
        if (model.Kind != ModelKind.Object || model.HasComposition || model.MinProperties is not null || model.MaxProperties is not null)
        {
            return null;
        }

        var rules = new HeaderRule[model.Properties.Count];
        for (var i = 0; i < rules.Length; i++)
        {
            var property = model.Properties[i];
            var kept = property.Type.Rules with { AllowedValues = EquatableArray<string>.Empty, Pattern = null };
            if (property.Type.Kind != ValueKind.String || kept != ValueRules.None)
            {
                return null;
            }

            // Header names in the model match the validator's exactly, as NJsonSchema compares property names.
            var index = -1;
            for (var k = 0; k < knownHeaders.Count; k++)
            {
                if (string.Equals(knownHeaders[k], property.WireName, StringComparison.Ordinal)) { index = k; break; }
            }

            var valueRules = property.Type.Rules;
            rules[i] = new HeaderRule(
                property.WireName,
                index,
                property.Required,
                valueRules.AllowedValues.Count == 0 ? null : valueRules.AllowedValues.ToArray(),
                valueRules.Pattern is { } pattern ? SchemaPattern.For(pattern) : null);
        }

        return new CompiledHeaderCheck(rules);
    }

    /// <summary>Every header problem of <paramref name="values"/>, in the model's property order.</summary>
    /// <param name="values">The value of each known header (null when not sent), in the order given to <see cref="Compile"/>.</param>
    public IEnumerable<(string Header, HeaderProblem Problem)> Problems(IReadOnlyList<string?> values)
    {
        foreach (var rule in _rules)
        {
            var value = rule.Index < 0 ? null : values[rule.Index];
            if (value is null)
            {
                if (rule.Required) { yield return (rule.Name, HeaderProblem.Missing); }
                continue;
            }

            if ((rule.AllowedValues is { } allowed && Array.IndexOf(allowed, value) < 0) || (rule.Pattern is { } pattern && !pattern.IsMatch(value)))
            {
                yield return (rule.Name, HeaderProblem.Invalid);
            }
        }
    }

    private sealed record HeaderRule(string Name, int Index, bool Required, string[]? AllowedValues, SchemaPattern? Pattern);
}
