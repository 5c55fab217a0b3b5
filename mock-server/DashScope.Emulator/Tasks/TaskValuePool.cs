using System.Collections.Concurrent;

namespace DashScope.Emulator.Tasks;

/// <summary>
/// One shared instance per distinct value a task keeps from its submit (the model, the media URLs, the measured media
/// seconds), so tasks that name the same files keep one copy between them instead of one each.
/// </summary>
/// <remarks>
/// Unfinished tasks are never dropped, so a flood of submits keeps every one; each object a task holds is one more
/// for every full garbage collection to mark. Clients usually submit the same few files many times (a test suite, a
/// load run). At most <see cref="Capacity"/> distinct values are pooled; past that a value is kept as given, so the
/// pool cannot grow without bound. Thread-safe.
/// </remarks>
internal sealed class TaskValuePool
{
    /// <summary>How many distinct texts, and separately distinct second lists, are pooled at most.</summary>
    public const int Capacity = 4_096;

    private readonly ConcurrentDictionary<string, string> _texts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<double?[], double?[]> _seconds = new(SecondsComparer.Instance);

    /// <summary>The pooled instance equal to <paramref name="text"/> (the text itself when new and the pool is full).</summary>
    public string? Text(string? text) => text is null ? null : Pooled(_texts, text);

    /// <summary>The pooled list equal to <paramref name="seconds"/>, item by item; the caller must not change it afterwards.</summary>
    public double?[]? Seconds(double?[]? seconds) => seconds is null ? null : Pooled(_seconds, seconds);

    private static T Pooled<T>(ConcurrentDictionary<T, T> pool, T value)
        where T : notnull
    {
        if (pool.TryGetValue(value, out var shared))
        {
            return shared;
        }

        // Count is a walk under every lock of the dictionary: paid only when a new value arrives.
        return pool.Count < Capacity ? pool.GetOrAdd(value, value) : value;
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
