using System.Collections.Concurrent;

namespace DashScope.Emulator;

/// <summary>A bounded, thread-safe log of answered requests; the oldest entries fall off first.</summary>
internal sealed class RequestJournal
{
    private readonly ConcurrentQueue<JournalEntry> _entries = new();
    private readonly int _capacity;
    private long _sequence;

    // ConcurrentQueue.Count walks the queue's segments under a spin; a counter of our own is one interlocked add.
    private int _count;

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

        _entries.Enqueue(entry);

        // Each add takes out at most one: the journal holds its capacity, plus one per add in flight at that moment.
        if (Interlocked.Increment(ref _count) > _capacity && _entries.TryDequeue(out _))
        {
            Interlocked.Decrement(ref _count);
        }

        Added?.Invoke(entry);
    }

    public IReadOnlyList<JournalEntry> Entries => _entries.OrderBy(e => e.Sequence).ToArray();

    public void Clear()
    {
        _entries.Clear();
        Volatile.Write(ref _count, 0);
    }
}
