using System.ComponentModel;

namespace DashScope.Toolkit.GeneratedCodeSupport;

/// <summary>
/// The schema rules of one generated record as data: the fields to check, in order. A record's
/// <see cref="IDashScopeValidatable.Validate"/> hands itself to its table.
/// </summary>
/// <typeparam name="T">The record.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DashScopeValidationTable<T>
{
    private readonly DashScopeFieldCheck<T>[] _fields;

    /// <summary>Creates the table from its fields, in the order their errors are reported.</summary>
    public DashScopeValidationTable(params DashScopeFieldCheck<T>[] fields) =>
        _fields = fields ?? throw new ArgumentNullException(nameof(fields));

    /// <summary>Adds every rule <paramref name="value"/> breaks to <paramref name="context"/>, with field paths under <paramref name="path"/>.</summary>
    public void Validate(T value, DashScopeValidationContext context, string path)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var field in _fields) { field.Check(value, context, path); }
    }
}

/// <summary>
/// One field of a <see cref="DashScopeValidationTable{T}"/>: its wire name, how to get its value, whether it must have
/// one, and the rule its value must keep.
/// </summary>
/// <typeparam name="T">The record.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DashScopeFieldCheck<T>
{
    private readonly string _wireName;
    private readonly Func<T, object?> _get;
    private readonly bool _required;
    private readonly DashScopeValueRule? _rule;

    /// <summary>Describes a field to check.</summary>
    /// <param name="wireName">The field's name in JSON, which error paths use.</param>
    /// <param name="get">Reads the field's value (null when it has none).</param>
    /// <param name="required">True when a field without a value is an error ("required").</param>
    /// <param name="rule">The rule a value must keep, or null for none.</param>
    public DashScopeFieldCheck(string wireName, Func<T, object?> get, bool required, DashScopeValueRule? rule = null)
    {
        _wireName = wireName ?? throw new ArgumentNullException(nameof(wireName));
        _get = get ?? throw new ArgumentNullException(nameof(get));
        _required = required;
        _rule = rule;
    }

    internal void Check(T owner, DashScopeValidationContext context, string path)
    {
        var value = _get(owner);
        if (value is null)
        {
            if (_required) { context.Missing(DashScopeValidationContext.Combine(path, _wireName)); }
            return;
        }
        _rule?.Check(value, context, DashScopeValidationContext.Combine(path, _wireName));
    }
}
