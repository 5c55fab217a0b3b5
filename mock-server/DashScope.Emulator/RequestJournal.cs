using DashScope.Emulator.Journal;

namespace DashScope.Emulator;

/// <summary>
/// A bounded, thread-safe log of answered requests; the oldest entries fall off first. Entries are kept packed in a
/// ring (<see cref="PackedJournalEntry"/>) and made into <see cref="JournalEntry"/> records only when read.
/// </summary>
internal sealed class RequestJournal
{
    // The ring starts small and doubles up to the capacity, so a large capacity costs nothing until it is used.
    private const int FirstSize = 1_024;

    private readonly object _gate = new();
    private readonly int _capacity;
    private readonly JournalPacker _packer = new();
    private PackedJournalEntry[] _ring = [];

    // Texts the pool had no room for, by ring slot; null for nearly every entry.
    private string?[]?[] _overflow = [];
    private int _start;
    private int _count;
    private long _sequence;

    public RequestJournal(int capacity) => _capacity = capacity;

    /// <summary>Raised after an entry is added, on the thread that answered the request.</summary>
    public event Action<JournalEntry>? Added;

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    public void Add(JournalEntry entry)
    {
        if (_capacity <= 0)
        {
            return;
        }

        // Packing reads the pool, which is thread-safe: done before the lock, which only copies the result in.
        var packed = _packer.Pack(entry, out var overflow);
        lock (_gate)
        {
            if (_count == _ring.Length && _ring.Length < _capacity)
            {
                Grow();
            }

            int slot;
            if (_count < _ring.Length)
            {
                slot = (_start + _count) % _ring.Length;
                _count++;
            }
            else
            {
                // Full at its capacity: the oldest entry gives its slot to the newest.
                slot = _start;
                _start = (_start + 1) % _ring.Length;
            }

            _ring[slot] = packed;
            if (overflow is not null || _overflow[slot] is not null)
            {
                _overflow[slot] = overflow;
            }
        }

        Added?.Invoke(entry);
    }

    /// <summary>The entries kept, in sequence order.</summary>
    public IReadOnlyList<JournalEntry> Entries
    {
        get
        {
            var entries = new List<JournalEntry>();
            lock (_gate)
            {
                entries.Capacity = _count;
                for (var i = 0; i < _count; i++)
                {
                    var slot = (_start + i) % _ring.Length;
                    entries.Add(_packer.Unpack(_ring[slot], _overflow[slot]));
                }
            }

            // Requests are added as they end, not in the order their sequence numbers were taken.
            entries.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
            return entries;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _ring = [];
            _overflow = [];
            _start = 0;
            _count = 0;
        }
    }

    private void Grow()
    {
        var size = (int)Math.Min(_capacity, Math.Max(FirstSize, (long)_ring.Length * 2));
        var ring = new PackedJournalEntry[size];
        var overflow = new string?[]?[size];
        for (var i = 0; i < _count; i++)
        {
            var slot = (_start + i) % _ring.Length;
            ring[i] = _ring[slot];
            overflow[i] = _overflow[slot];
        }

        _ring = ring;
        _overflow = overflow;
        _start = 0;
    }
}
