namespace DashScope.Emulator.Tasks;

/// <summary>
/// A map keyed by task id that never rehashes more than a sliver of a large map at once. A single dictionary of
/// millions of tasks rehashes all of them when it grows, in one call, under the lock its caller holds; here, past
/// <see cref="SplitAbove"/> ids, the map is split over <see cref="PartCount"/> dictionaries by the id's hash, each
/// growing at a moment of its own (<see cref="StaggeredGrowth"/>). Below that it is one dictionary, so the usual map
/// of a few ids stays small. Not thread-safe.
/// </summary>
internal sealed class TaskIdMap<TValue>
{
    /// <summary>How many dictionaries a large map is split over.</summary>
    internal const int PartCount = 256;

    /// <summary>The count past which the map splits: splitting rehashes this many ids once.</summary>
    internal const int SplitAbove = 4096;

    // An emptied map keeps no more room than this.
    private const int EmptySize = 16;

    // The parts' growths, the same for every map: each part grows at a moment of its own.
    private static readonly StaggeredGrowth[] s_partGrowth = [.. Enumerable.Range(0, PartCount).Select(part => new StaggeredGrowth(part, PartCount))];

    private Dictionary<Guid, TValue> _whole = [];
    private Dictionary<Guid, TValue>[]? _parts;

    /// <summary>How many ids the map holds.</summary>
    public int Count { get; private set; }

    /// <summary>True while the map is split into parts (for tests of the switch).</summary>
    public bool IsSplit => _parts is not null;

    /// <summary>How many ids the fullest dictionary holds (for tests of the spread).</summary>
    public int LargestPartCount => _parts?.Max(part => part.Count) ?? _whole.Count;

    /// <summary>The room the map holds now, in entries (for tests that room is given back).</summary>
    public int Capacity => _parts?.Sum(part => part.EnsureCapacity(0)) ?? _whole.EnsureCapacity(0);

    /// <summary>Adds the id with its value; false, with the value it holds kept, when it is there already.</summary>
    public bool TryAdd(Guid id, TValue value)
    {
        Dictionary<Guid, TValue> dictionary;
        if (_parts is null)
        {
            dictionary = _whole;
        }
        else
        {
            // The parts fill up together; each grows at a moment of its own, so their growths do not all land at once.
            var part = PartOf(id);
            dictionary = _parts[part];
            s_partGrowth[part].MakeRoomForOne(dictionary);
        }

        if (!dictionary.TryAdd(id, value))
        {
            return false;
        }

        if (++Count > SplitAbove && _parts is null)
        {
            Split();
        }

        return true;
    }

    /// <summary>Finds the id's value; false when the map does not hold the id.</summary>
    public bool TryGetValue(Guid id, out TValue value) => DictionaryOf(id).TryGetValue(id, out value!);

    /// <summary>Removes the id; once the map is empty it is one small dictionary again.</summary>
    public bool Remove(Guid id)
    {
        if (!DictionaryOf(id).Remove(id))
        {
            return false;
        }

        if (--Count == 0 && (_parts is not null || _whole.EnsureCapacity(0) > EmptySize))
        {
            _parts = null;
            _whole = [];
        }

        return true;
    }

    private Dictionary<Guid, TValue> DictionaryOf(Guid id) => _parts is null ? _whole : _parts[PartOf(id)];

    private static int PartOf(Guid id) => (int)((uint)id.GetHashCode() % PartCount);

    private void Split()
    {
        var parts = new Dictionary<Guid, TValue>[PartCount];
        for (var i = 0; i < PartCount; i++)
        {
            parts[i] = [];
        }

        foreach (var (id, value) in _whole)
        {
            var part = PartOf(id);
            s_partGrowth[part].MakeRoomForOne(parts[part]);
            parts[part].Add(id, value);
        }

        _parts = parts;
        _whole = [];
    }
}
