using System.Runtime.CompilerServices;
using DashScope.Emulator.Tasks;

namespace DashScope.Emulator.Journal;

/// <summary>
/// How the journal stores one answered request: plain values only, ids as 128-bit numbers and texts as value-pool
/// handles. The journal keeps the last few thousand requests, each about half a second at full load: long enough for
/// an object per entry to be promoted out of the young generation and die old, which made every young collection
/// copy them. A ring of these holds nothing for the collector to copy or mark.
/// </summary>
internal struct PackedJournalEntry
{
    public long Sequence;
    public long ReceivedTicks;
    public Guid RequestId;
    public Guid TaskId;

    /// <summary>The latency in milliseconds; NaN for none.</summary>
    public double Latency;

    public int StatusCode;
    public JournalTexts Texts;

    /// <summary>The offset, in minutes, the clock gave the receiving time.</summary>
    public short ReceivedOffset;
}

/// <summary>The texts of a <see cref="PackedJournalEntry"/>, by their slot in <see cref="JournalTexts"/>.</summary>
internal enum JournalText
{
    Method,

    /// <summary>The path, or the part before the task id when the path spells it.</summary>
    PathHead,

    /// <summary>The part of the path after the task id; <see cref="TaskValuePool.None"/> when the path does not spell it.</summary>
    PathTail,
    Endpoint,
    AccountId,
    ErrorCode,
    Fault,
    RequestId,
    TaskId,
}

/// <summary>One compacted pool handle per <see cref="JournalText"/>, inline in the struct.</summary>
[InlineArray(Count)]
internal struct JournalTexts
{
    public const int Count = (int)JournalText.TaskId + 1;

    private ushort _first;
}
