using System.Runtime.CompilerServices;
using DashScope.Emulator.Journal;
using DashScope.Emulator.Tasks;

namespace DashScope.Emulator.Tests.Journal;

/// <summary>
/// The journal keeps its entries packed in a ring and gives back records equal to the ones added, in sequence order,
/// never more than its capacity; a packed entry holds no reference.
/// </summary>
public sealed class PackedJournalTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);

    public static TheoryData<JournalEntry> Entries()
    {
        var taskId = Guid.NewGuid().ToString();
        return new TheoryData<JournalEntry>
        {
            new(1, At, "GET", "/api/v1/tasks/" + taskId, EmulatorEndpoint.QueryTask, "acct", 200, null, Guid.NewGuid().ToString(), taskId, null) { LatencyMilliseconds = 0.125 },
            new(2, At, "POST", "/api/v1/tasks/" + taskId + "/cancel", EmulatorEndpoint.CancelTask, "acct", 400, "UnsupportedOperation", Guid.NewGuid().ToString(), taskId, "latency") { LatencyMilliseconds = 3 },
            new(3, At.ToOffset(TimeSpan.FromHours(8)), "POST", "/api/v1/services/aigc/image2video/video-synthesis/", EmulatorEndpoint.VideoSynthesis, "acct", 200, null, Guid.NewGuid().ToString(), taskId, null),
            new(4, At, "GET", "/api/v1/tasks/not-a-task", EmulatorEndpoint.QueryTask, null, 401, "InvalidApiKey", "req-text", "not-a-task", null),
            new(5, At, "DELETE", "/nowhere", null, null, 0, null, null, null, "drop"),
            new(6, At, "GET", "/x", default(EmulatorEndpoint), "a", 404, null, taskId.ToUpperInvariant(), null, null),
        };
    }

    [Fact]
    public void APackedEntryHoldsNoReferenceForTheCollectorToMark()
    {
        Assert.False(RuntimeHelpers.IsReferenceOrContainsReferences<PackedJournalEntry>());
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void PackingAndUnpackingGivesBackAnEqualEntry(JournalEntry entry)
    {
        var packer = new JournalPacker();

        var packed = packer.Pack(entry, out var overflow);

        Assert.Null(overflow);
        var unpacked = packer.Unpack(packed, overflow);
        Assert.Equal(entry, unpacked);

        // Equal instants compare equal whatever their offsets: the offset is checked on its own.
        Assert.Equal(entry.ReceivedAt.Offset, unpacked.ReceivedAt.Offset);
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void TextsAFullPoolCannotTakeAreKeptWithTheEntry(JournalEntry entry)
    {
        var pool = new TaskValuePool();
        for (var i = 0; i < TaskValuePool.Capacity; i++)
        {
            pool.Text("filler-" + i);
        }

        var packer = new JournalPacker(pool);
        var packed = packer.Pack(entry, out var overflow);

        Assert.NotNull(overflow);
        Assert.Equal(entry, packer.Unpack(packed, overflow));
    }

    [Fact]
    public void TheJournalKeepsTheLastEntriesUpToItsCapacityInSequenceOrderAcrossGrowth()
    {
        const int capacity = 2_500;
        var journal = new RequestJournal(capacity);
        var added = new List<JournalEntry>();
        journal.Added += added.Add;

        // Past the first ring size and past the capacity, added slightly out of sequence order as requests end.
        for (var i = 1; i <= 6_000; i += 2)
        {
            journal.Add(Entry(i + 1));
            journal.Add(Entry(i));
        }

        var kept = journal.Entries;
        Assert.Equal(6_000, added.Count);
        Assert.Equal(capacity, kept.Count);
        Assert.Equal(Enumerable.Range(3_501, capacity).Select(i => (long)i), kept.Select(e => e.Sequence));
        Assert.Equal("/api/v1/tasks/" + kept[0].TaskId, kept[0].Path);
    }

    [Fact]
    public void EntriesAddedFromManyThreadsAreAllKeptOnceUpToTheCapacity()
    {
        var journal = new RequestJournal(3_000);
        Parallel.For(1, 4_001, i => journal.Add(Entry(i)));

        var kept = journal.Entries.Select(e => e.Sequence).ToList();
        Assert.Equal(3_000, kept.Count);
        Assert.Equal(kept.Distinct().Order(), kept);
    }

    [Fact]
    public void ClearingEmptiesItAndItFillsAgain()
    {
        var journal = new RequestJournal(10);
        for (var i = 1; i <= 25; i++)
        {
            journal.Add(Entry(i));
        }

        journal.Clear();
        Assert.Empty(journal.Entries);

        journal.Add(Entry(26));
        Assert.Equal(26, Assert.Single(journal.Entries).Sequence);
    }

    [Fact]
    public void AJournalOfCapacityZeroKeepsNothingAndRaisesNothing()
    {
        var journal = new RequestJournal(0);
        var heard = 0;
        journal.Added += _ => heard++;

        journal.Add(Entry(1));

        Assert.Empty(journal.Entries);
        Assert.Equal(0, heard);
    }

    private static JournalEntry Entry(long sequence)
    {
        var taskId = Guid.NewGuid().ToString();
        return new JournalEntry(sequence, At.AddMilliseconds(sequence), "GET", "/api/v1/tasks/" + taskId, EmulatorEndpoint.QueryTask, "acct", 200, null, Guid.NewGuid().ToString(), taskId, null);
    }
}
