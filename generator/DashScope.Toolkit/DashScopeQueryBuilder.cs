using System.ComponentModel;
using System.Globalization;
using System.Text;

namespace DashScope.Toolkit;

/// <summary>Builds a URL query string from typed values; generated query types call it.</summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public sealed class DashScopeQueryBuilder
{
    private readonly StringBuilder _builder = new();

    /// <summary>Adds a text value; null is left out.</summary>
    public DashScopeQueryBuilder Add(string name, string? value)
    {
        if (value is null) { return this; }
        _builder.Append(_builder.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        return this;
    }

    /// <summary>Adds an integer; null is left out.</summary>
    public DashScopeQueryBuilder Add(string name, long? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds a number; null is left out.</summary>
    public DashScopeQueryBuilder Add(string name, double? value) => Add(name, value?.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Adds a boolean as true/false; null is left out.</summary>
    public DashScopeQueryBuilder Add(string name, bool? value) => Add(name, value is null ? null : value.Value ? "true" : "false");

    /// <summary>Adds a time in <paramref name="format"/>; null is left out.</summary>
    public DashScopeQueryBuilder Add(string name, DateTime? value, string format) =>
        Add(name, value?.ToString(format, CultureInfo.InvariantCulture));

    /// <summary>Adds a time as the service's zone (<paramref name="offset"/> from UTC) shows it, in <paramref name="format"/>; nothing when null.</summary>
    public DashScopeQueryBuilder Add(string name, DateTimeOffset? value, string format, TimeSpan offset) =>
        Add(name, value is { } time ? Json.DashScopeTime.Format(time, format, offset) : null);

    /// <summary>Adds a time as epoch milliseconds; null is left out.</summary>
    public DashScopeQueryBuilder Add(string name, DateTimeOffset? value) => Add(name, value?.ToUnixTimeMilliseconds());

    /// <summary>The query, starting with '?', or empty when nothing was added.</summary>
    public override string ToString() => _builder.ToString();
}
