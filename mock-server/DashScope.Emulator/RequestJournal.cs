using System.Collections.Concurrent;

namespace DashScope.Emulator;

/// <summary>A bounded, thread-safe log of answered requests; the oldest entries fall off first.</summary>
internal sealed class RequestJournal
{
    private readonly ConcurrentQueue<JournalEntry> _entries = new();
    private readonly int _capacity;
    private long _sequence;

    public RequestJournal(int capacity) => _capacity = capacity;

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
    }

    public IReadOnlyList<JournalEntry> Entries => _entries.OrderBy(e => e.Sequence).ToArray();

    public void Clear() => _entries.Clear();
}
