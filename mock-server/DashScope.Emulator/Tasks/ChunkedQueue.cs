namespace DashScope.Emulator.Tasks;

/// <summary>
/// A first-in first-out queue kept in chunks. Growing it adds one chunk and never copies what is queued, so no single
/// enqueue pays for the queue's whole length: a queue of millions grows by a few kilobytes at a time, where a
/// <see cref="Queue{T}"/> would copy every entry into an array twice the size, under the lock its caller holds.
/// Not thread-safe.
/// </summary>
/// <remarks>
/// The first chunk is small and each next one twice the last, up to <see cref="MaxChunkSize"/>, so a short queue (one
/// task at a time, the usual case) takes little room. Emptied chunks behind the head are dropped, except one full-size
/// chunk kept for the tail's next one.
/// </remarks>
internal sealed class ChunkedQueue<T>
{
    /// <summary>The size of a queue's first chunk, and all a short queue ever takes.</summary>
    internal const int FirstChunkSize = 16;

    /// <summary>The largest chunk: small enough that a chunk of task ids (24 bytes each) stays off the large object heap.</summary>
    internal const int MaxChunkSize = 2048;

    private Chunk? _head;
    private Chunk? _tail;
    private int _headIndex;
    private int _tailIndex;
    private Chunk? _spare;

    /// <summary>How many items are queued.</summary>
    public int Count { get; private set; }

    /// <summary>The sizes of the chunks that hold the queue now, head first (for tests of its growth and its release).</summary>
    public IReadOnlyList<int> ChunkSizes
    {
        get
        {
            var sizes = new List<int>();
            for (var chunk = _head; chunk is not null; chunk = chunk.Next)
            {
                sizes.Add(chunk.Items.Length);
            }

            return sizes;
        }
    }

    /// <summary>Adds the item at the back; at a full chunk, one more chunk is added and nothing is copied.</summary>
    public void Enqueue(T item)
    {
        if (_tail is null)
        {
            _head = _tail = new Chunk(FirstChunkSize);
            _headIndex = _tailIndex = 0;
        }
        else if (_tailIndex == _tail.Items.Length)
        {
            var next = TakeChunk(Math.Min(_tail.Items.Length * 2, MaxChunkSize));
            _tail.Next = next;
            _tail = next;
            _tailIndex = 0;
        }

        _tail.Items[_tailIndex++] = item;
        Count++;
    }

    /// <summary>The item at the front, without taking it; false when the queue is empty.</summary>
    public bool TryPeek(out T item)
    {
        if (Count == 0)
        {
            item = default!;
            return false;
        }

        item = _head!.Items[_headIndex];
        return true;
    }

    /// <summary>Takes the item at the front; throws when the queue is empty.</summary>
    public T Dequeue()
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("The queue is empty.");
        }

        var head = _head!;
        var item = head.Items[_headIndex];
        head.Items[_headIndex++] = default!;
        Count--;
        if (Count == 0)
        {
            // The head has caught up with the tail: the one chunk left starts over.
            _headIndex = _tailIndex = 0;
        }
        else if (_headIndex == head.Items.Length)
        {
            _head = head.Next!;
            _headIndex = 0;
            head.Next = null;
            if (head.Items.Length == MaxChunkSize)
            {
                _spare = head;
            }
        }

        return item;
    }

    /// <summary>Empties the queue; a queue that had grown past its first chunk gives all its room back.</summary>
    public void Clear()
    {
        if (_head is { Next: null } only && only.Items.Length == FirstChunkSize)
        {
            Array.Clear(only.Items);
        }
        else
        {
            _head = _tail = null;
        }

        _spare = null;
        _headIndex = _tailIndex = 0;
        Count = 0;
    }

    private Chunk TakeChunk(int size)
    {
        if (size == MaxChunkSize && _spare is { } spare)
        {
            _spare = null;
            return spare;
        }

        return new Chunk(size);
    }

    private sealed class Chunk(int size)
    {
        public readonly T[] Items = new T[size];

        public Chunk? Next;
    }
}
