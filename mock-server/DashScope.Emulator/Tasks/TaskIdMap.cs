namespace DashScope.Emulator.Tasks;

/// <summary>
/// A map keyed by task id, split over many small dictionaries by the id's hash. A single dictionary of millions of
/// tasks rehashes all of them when it grows, in one call, under the lock its caller holds; here each part grows on its
/// own, a sliver at a time. Not thread-safe.
/// </summary>
internal sealed class TaskIdMap<TValue>
{
    internal const int PartCount = 256;

    // A part emptied with the map keeps no more room than this.
    private const int EmptyPartSize = 16;

    private readonly Dictionary<Guid, TValue>?[] _parts = new Dictionary<Guid, TValue>?[PartCount];

    /// <summary>How many ids the map holds.</summary>
    public int Count { get; private set; }

    /// <summary>How many ids the fullest part holds (for tests of the spread).</summary>
    public int LargestPartCount => _parts.Max(part => part?.Count ?? 0);

    /// <summary>The room the parts hold now, in entries (for tests that room is given back).</summary>
    public int Capacity => _parts.Sum(part => part?.EnsureCapacity(0) ?? 0);

    /// <summary>Adds the id with its value; false (and nothing changed) when it is there already.</summary>
    public bool TryAdd(Guid id, TValue value)
    {
        ref var part = ref _parts[PartOf(id)];
        part ??= [];
        if (!part.TryAdd(id, value))
        {
            return false;
        }

        Count++;
        return true;
    }

    public bool TryGetValue(Guid id, out TValue value)
    {
        if (_parts[PartOf(id)] is { } part && part.TryGetValue(id, out value!))
        {
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>Removes the id; once the map is empty, the room its parts took is given back.</summary>
    public bool Remove(Guid id)
    {
        if (_parts[PartOf(id)] is not { } part || !part.Remove(id))
        {
            return false;
        }

        if (--Count == 0)
        {
            for (var i = 0; i < PartCount; i++)
            {
                if (_parts[i] is { } emptied && emptied.EnsureCapacity(0) > EmptyPartSize)
                {
                    _parts[i] = null;
                }
            }
        }

        return true;
    }

    private static int PartOf(Guid id) => (int)((uint)id.GetHashCode() % PartCount);
}
