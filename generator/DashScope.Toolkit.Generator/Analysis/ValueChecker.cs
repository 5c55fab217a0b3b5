using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using DashScope.Toolkit.Description;
using DashScope.Toolkit.Generator.Diagnostics;
using DashScope.Toolkit.Generator.Model;
using Microsoft.CodeAnalysis;

namespace DashScope.Toolkit.Generator.Analysis;

/// <summary>
/// Checks one assigned value against its rule, as the generated validation would at run time, and reports each
/// broken rule at the constant that breaks it. Values that are not constants are left alone.
/// </summary>
internal sealed class ValueChecker
{
    private readonly RequestRuleIndex _index;
    private readonly Action<Diagnostic> _report;

    public ValueChecker(RequestRuleIndex index, Action<Diagnostic> report)
    {
        _index = index;
        _report = report;
    }

    /// <summary>Reports what <paramref name="value"/>, written for <paramref name="field"/>, breaks of <paramref name="rule"/>.</summary>
    public void Check(string field, ValueRule rule, IOperation value)
    {
        switch (rule.Kind)
        {
            case ValueKind.String: CheckString(field, rule.Rules, value); break;
            case ValueKind.Number or ValueKind.Integer or ValueKind.LongInteger: CheckNumber(field, rule, value); break;
            case ValueKind.Enum: CheckEnum(field, rule, value); break;
            case ValueKind.Array: CheckArray(field, rule, value); break;
        }
    }

    private void CheckNumber(string field, ValueRule rule, IOperation value)
    {
        var rules = rule.Rules;
        if (rules.Minimum is null && rules.Maximum is null) { return; }
        if (ConstantReader.Constant(value) is not { } found || NumberRules.AsNumber(found.Value) is not { } number) { return; }
        if (NumberRules.IsInRange(number, rules)) { return; }
        var properties = NumberRules.ClampText(number, rule.Kind, rules) is { } clamp
            ? ImmutableDictionary<string, string?>.Empty.Add(RequestDiagnosticProperties.ClampTo, clamp)
            : ImmutableDictionary<string, string?>.Empty;
        Report(RequestRuleDescriptors.OutOfRange, found.Syntax, properties, field, RuleText.Range(rules), RuleText.Value(found.Value));
    }

    private void CheckString(string field, ValueRules rules, IOperation value)
    {
        if (ConstantReader.Constant(value) is not { Value: string text } found) { return; }
        if (rules.AllowedValues.Count > 0 && !rules.AllowedValues.Contains(text))
        {
            Report(RequestRuleDescriptors.NotAllowedValue, found.Syntax, Candidates(text, rules.AllowedValues), field, string.Join(", ", rules.AllowedValues), text);
        }
        if (rules.Pattern is { } pattern && !Matches(pattern, text))
        {
            Report(RequestRuleDescriptors.PatternMismatch, found.Syntax, null, field, pattern, text);
        }
        if (rules.IsUri && !IsAbsoluteUri(text))
        {
            Report(RequestRuleDescriptors.NotAbsoluteUri, found.Syntax, null, field, text);
        }
        if ((rules.MinLength is { } min && text.Length < min) || (rules.MaxLength is { } max && text.Length > max))
        {
            Report(RequestRuleDescriptors.LengthOutOfRange, found.Syntax, null, field, RuleText.Size(rules.MinLength, rules.MaxLength), text, RuleText.Number(text.Length));
        }
    }

    private void CheckEnum(string field, ValueRule rule, IOperation value)
    {
        if (rule.EnumType is null || _index.EnumType(rule.EnumType) is not { } type) { return; }
        if (ConstantReader.EnumText(value, type) is not { Value: string text } found || rule.KnownValues.Contains(text)) { return; }
        Report(RequestRuleDescriptors.UnknownEnumValue, found.Syntax, Candidates(text, rule.KnownValues), field, string.Join(", ", rule.KnownValues), text);
    }

    private void CheckArray(string field, ValueRule rule, IOperation value)
    {
        if (!ConstantReader.TryGetItems(value, out var items, out var countKnown)) { return; }
        var rules = rule.Rules;
        if (countKnown && ((rules.MinItems is { } min && items.Count < min) || (rules.MaxItems is { } max && items.Count > max)))
        {
            Report(RequestRuleDescriptors.ItemCountOutOfRange, ConstantReader.WrittenValue(value).Syntax, null, field, RuleText.Size(rules.MinItems, rules.MaxItems), RuleText.Number(items.Count));
        }
        if (rule.Item is not { } item) { return; }
        for (var i = 0; i < items.Count; i++)
        {
            // After a spread element the positions are not known: name the items without an index.
            Check(field + (countKnown ? "[" + RuleText.Number(i) + "]" : "[]"), item, items[i]);
        }
    }

    private void Report(DiagnosticDescriptor descriptor, SyntaxNode at, ImmutableDictionary<string, string?>? properties, params object[] arguments) =>
        _report(Diagnostic.Create(descriptor, at.GetLocation(), properties, arguments));

    private static ImmutableDictionary<string, string?> Candidates(string text, EquatableArray<string> allowed) =>
        ImmutableDictionary<string, string?>.Empty.Add(
            RequestDiagnosticProperties.Candidates,
            string.Join(RequestDiagnosticProperties.CandidateSeparator.ToString(), EditDistance.Closest(text, allowed)));

    /// <summary>As the generated validation matches (culture-invariant, one second at most); a match that times out is not reported.</summary>
    private static bool Matches(string pattern, string text)
    {
        try { return Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)); }
        catch (RegexMatchTimeoutException) { return true; }
    }

    /// <summary>
    /// As the generated validation checks <c>format: uri</c> (<see cref="Uri.TryCreate(string, UriKind, out Uri)"/>,
    /// absolute). A rooted path counts as absolute: .NET reads "/a/b" as a file URI on Unix but not on Windows, and
    /// the compiler may run on one and the program on the other, so such a value is never reported.
    /// </summary>
    private static bool IsAbsoluteUri(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out _) || text.StartsWith("/", StringComparison.Ordinal) || text.StartsWith("\\", StringComparison.Ordinal);
}
