using System.Collections.Concurrent;

namespace DashScope.Emulator.Tasks;

/// <summary>
/// The values tasks keep from their submit (the account, the key id, the model, the media URLs, failure codes, the
/// measured media seconds), each distinct value stored once and named by a small number, so a stored task holds
/// numbers instead of references.
/// </summary>
/// <remarks>
/// Unfinished tasks are never dropped, so a flood of submits keeps every one. A task that holds no reference is
/// nothing for the garbage collector to mark or to promote, however many there are; clients usually submit the same
/// few files many times (a test suite, a load run), so a few handles cover them all. At most <see cref="Capacity"/>
/// distinct values of each kind are pooled and none is ever dropped, so the pool cannot grow without bound; past that,
/// <see cref="Overflow"/> tells the caller to keep the value itself. Thread-safe; reads take no lock.
/// </remarks>
internal sealed class TaskValuePool
{
    /// <summary>How many distinct texts, and separately distinct second lists, are pooled at most.</summary>
    public const int Capacity = 4_096;

    /// <summary>The handle of a null value.</summary>
    public const int None = -1;

    /// <summary>The handle given when the pool is full: the caller keeps the value itself.</summary>
    public const int Overflow = -2;

    private readonly Values<string> _texts = new(StringComparer.Ordinal);
    private readonly Values<double?[]> _seconds = new(SecondsComparer.Instance);

    /// <summary>The handle of <paramref name="text"/>: <see cref="None"/> for null, <see cref="Overflow"/> when new and the pool is full.</summary>
    public int Text(string? text) => text is null ? None : _texts.Handle(text);

    /// <summary>
    /// A handle in 16 bits, as stored values keep it: 0 is <see cref="None"/> (so a zeroed struct names no value), a
    /// pooled value is its handle plus one (the pool never holds more than <see cref="Capacity"/>), and the negative
    /// markers take the highest values.
    /// </summary>
    public static ushort Compact(int handle)
    {
        System.Diagnostics.Debug.Assert(handle is >= -16 and < Capacity, "not a pool handle");
        return handle == None ? (ushort)0 : handle >= 0 ? (ushort)(handle + 1) : unchecked((ushort)(0x10000 + handle + 1));
    }

    /// <summary>The handle a <see cref="Compact(int)"/> value stands for.</summary>
    public static int Expand(ushort stored) => stored == 0 ? None : stored >= 0xFFF0 ? stored - 0x10000 - 1 : stored - 1;

    /// <summary>The text a handle from <see cref="Text(string?)"/> names (null for <see cref="None"/>).</summary>
    public string? TextAt(int handle) => handle == None ? null : _texts.At(handle);

    /// <summary>The handle of a list of seconds, compared item by item; the caller must not change the list afterwards.</summary>
    public int Seconds(double?[]? seconds) => seconds is null ? None : _seconds.Handle(seconds);

    /// <summary>The list a handle from <see cref="Seconds(double?[])"/> names (null for <see cref="None"/>).</summary>
    public double?[]? SecondsAt(int handle) => handle == None ? null : _seconds.At(handle);

    /// <summary>One kind of value: a fixed array of the values pooled so far, and their handles by value.</summary>
    private sealed class Values<T>(IEqualityComparer<T> comparer)
        where T : class
    {
        // Fixed size once made: a reader that got a handle from a stored task reads its slot without a lock, and the
        // array and the slot were written before the handle was published. Made on the first value, so a kind of value
        // a pool never sees (the journal's media seconds) costs nothing.
        private T[]? _items;
        private readonly ConcurrentDictionary<T, int> _handles = new(comparer);
        private readonly object _addGate = new();
        private int _count;

        public int Handle(T value)
        {
            if (_handles.TryGetValue(value, out var handle))
            {
                return handle;
            }

            lock (_addGate)
            {
                if (_handles.TryGetValue(value, out handle))
                {
                    return handle;
                }

                if (_count == Capacity)
                {
                    return Overflow;
                }

                _items ??= new T[Capacity];
                _items[_count] = value;
                _handles[value] = _count;
                return _count++;
            }
        }

        public T At(int handle) => _items![handle];

    }

    /// <summary>Lists of seconds compared item by item.</summary>
    private sealed class SecondsComparer : IEqualityComparer<double?[]>
    {
        public static readonly SecondsComparer Instance = new();

        public bool Equals(double?[]? x, double?[]? y)
        {
            if (ReferenceEquals(x, y))
            {
                return true;
            }

            if (x is null || y is null || x.Length != y.Length)
            {
                return false;
            }

            for (var i = 0; i < x.Length; i++)
            {
                if (!Nullable.Equals(x[i], y[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode(double?[] seconds)
        {
            var hash = new HashCode();
            foreach (var value in seconds)
            {
                hash.Add(value);
            }

            return hash.ToHashCode();
        }
    }
}
