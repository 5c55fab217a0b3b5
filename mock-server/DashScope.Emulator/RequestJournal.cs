using System.Collections.Concurrent;

namespace DashScope.Emulator;

/// <summary>A bounded, thread-safe log of answered requests; the oldest entries fall off first.</summary>
internal sealed class RequestJournal
{
    private readonly ConcurrentQueue<JournalEntry> _entries = new();
    private readonly int _capacity;
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

        _entries.Enqueue(entry);
        while (_entries.Count > _capacity && _entries.TryDequeue(out _))
        {
        }

        Added?.Invoke(entry);
    }

    public IReadOnlyList<JournalEntry> Entries => _entries.OrderBy(e => e.Sequence).ToArray();

    public void Clear() => _entries.Clear();
}
