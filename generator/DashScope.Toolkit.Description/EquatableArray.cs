using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace DashScope.Toolkit.Description;

/// <summary>
/// An immutable array compared by its items, so that records holding lists stay value-equatable (a source
/// generator caches on that equality, and two readings of one schema compare equal).
/// </summary>
/// <typeparam name="T">The item type, itself compared by value.</typeparam>
public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
    where T : IEquatable<T>
{
    private readonly T[]? _items;

    /// <summary>Copies <paramref name="items"/> into a new array.</summary>
    /// <param name="items">The items, in order.</param>
    public EquatableArray(IEnumerable<T> items) => _items = items.ToArray();

    /// <summary>The array with no items (also what <c>default</c> holds).</summary>
    public static EquatableArray<T> Empty => default;

    /// <summary>How many items there are.</summary>
    public int Count => _items?.Length ?? 0;

    /// <summary>The item at <paramref name="index"/>.</summary>
    /// <param name="index">Zero-based position.</param>
    public T this[int index] => (_items ?? Array.Empty<T>())[index];

    /// <summary>True when both hold equal items in the same order.</summary>
    /// <param name="left">One array.</param>
    /// <param name="right">The other.</param>
    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    /// <summary>True when the arrays differ in length or in some item.</summary>
    /// <param name="left">One array.</param>
    /// <param name="right">The other.</param>
    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(EquatableArray<T> other)
    {
        if (Count != other.Count) { return false; }
        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < Count; i++)
        {
            if (!comparer.Equals(_items![i], other._items![i])) { return false; }
        }
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = 17;
        foreach (var item in this) { hash = unchecked(hash * 31 + (item?.GetHashCode() ?? 0)); }
        return hash;
    }

    /// <summary>The items, in order.</summary>
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The items joined by ", ", for messages and debugging.</summary>
    public override string ToString() => "[" + string.Join(", ", this) + "]";
}

/// <summary>Creates <see cref="EquatableArray{T}"/> values.</summary>
public static class EquatableArray
{
    /// <summary>Copies <paramref name="items"/> into an <see cref="EquatableArray{T}"/>.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items, in order.</param>
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items) where T : IEquatable<T> => new(items);

    /// <summary>An array of the given items.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items, in order.</param>
    public static EquatableArray<T> Of<T>(params T[] items) where T : IEquatable<T> => new(items);
}
