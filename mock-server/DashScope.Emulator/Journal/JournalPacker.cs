using DashScope.Emulator.Tasks;

namespace DashScope.Emulator.Journal;

/// <summary>Turns a <see cref="JournalEntry"/> into the journal's stored form and back, through its value pools.</summary>
internal sealed class JournalPacker
{
    /// <summary>The handle of an id kept as a number in the entry's own field rather than as a text.</summary>
    private const int AsNumber = -3;

    // Names (method, endpoint, account, codes, faults) and links (paths, ids that are not UUIDs) get a pool each, so
    // requests with new paths (unknown ids, list queries) cannot crowd out the few names.
    private readonly TaskValuePool _names;
    private readonly TaskValuePool _links;

    /// <param name="pool">One pool for every text (tests pass a full one); by default names and links get a pool each.</param>
    public JournalPacker(TaskValuePool? pool = null)
    {
        _names = pool ?? new TaskValuePool();
        _links = pool ?? new TaskValuePool();
    }

    /// <summary>The stored form of <paramref name="entry"/>; <paramref name="overflow"/> holds the texts the pool had no room for.</summary>
    public PackedJournalEntry Pack(JournalEntry entry, out string?[]? overflow)
    {
        overflow = null;
        var packed = new PackedJournalEntry
        {
            Sequence = entry.Sequence,
            ReceivedTicks = entry.ReceivedAt.UtcTicks,
            ReceivedOffset = (short)entry.ReceivedAt.TotalOffsetMinutes,
            StatusCode = entry.StatusCode,
            Latency = entry.LatencyMilliseconds ?? double.NaN,
        };
        Put(ref packed, JournalText.Method, entry.Method, ref overflow);
        Put(ref packed, JournalText.Endpoint, entry.Endpoint?.Key, ref overflow);
        Put(ref packed, JournalText.AccountId, entry.AccountId, ref overflow);
        Put(ref packed, JournalText.ErrorCode, entry.ErrorCode, ref overflow);
        Put(ref packed, JournalText.Fault, entry.Fault, ref overflow);
        PutId(ref packed, JournalText.RequestId, entry.RequestId, ref packed.RequestId, ref overflow);
        PutId(ref packed, JournalText.TaskId, entry.TaskId, ref packed.TaskId, ref overflow);

        // A poll's path spells its task id: kept as the two constant parts around the id, not as one text per task.
        var idAt = entry.TaskId is { Length: 36 } taskId && Handle(packed, JournalText.TaskId) == AsNumber
            ? entry.Path.IndexOf(taskId, StringComparison.Ordinal)
            : -1;
        if (idAt >= 0)
        {
            Put(ref packed, JournalText.PathHead, entry.Path[..idAt], ref overflow);
            Put(ref packed, JournalText.PathTail, entry.Path[(idAt + 36)..], ref overflow);
        }
        else
        {
            Put(ref packed, JournalText.PathHead, entry.Path, ref overflow);
            Put(ref packed, JournalText.PathTail, null, ref overflow);
        }

        return packed;
    }

    /// <summary>The entry a stored form describes.</summary>
    public JournalEntry Unpack(in PackedJournalEntry packed, string?[]? overflow)
    {
        var taskId = Id(packed, JournalText.TaskId, packed.TaskId, overflow);
        var head = Text(packed, JournalText.PathHead, overflow)!;
        var path = Handle(packed, JournalText.PathTail) == TaskValuePool.None ? head : head + taskId + Text(packed, JournalText.PathTail, overflow);
        var endpointKey = Text(packed, JournalText.Endpoint, overflow);
        EmulatorEndpoint? endpoint = endpointKey is null ? null : EmulatorEndpoint.FromKey(endpointKey);
        return new JournalEntry(
            packed.Sequence,
            PackedTask.Time(packed.ReceivedTicks, packed.ReceivedOffset),
            Text(packed, JournalText.Method, overflow)!,
            path,
            endpoint,
            Text(packed, JournalText.AccountId, overflow),
            packed.StatusCode,
            Text(packed, JournalText.ErrorCode, overflow),
            Id(packed, JournalText.RequestId, packed.RequestId, overflow),
            taskId,
            Text(packed, JournalText.Fault, overflow))
        {
            LatencyMilliseconds = double.IsNaN(packed.Latency) ? null : packed.Latency,
        };
    }

    private static int Handle(in PackedJournalEntry packed, JournalText slot) => TaskValuePool.Expand(packed.Texts[(int)slot]);

    private void Put(ref PackedJournalEntry packed, JournalText slot, string? text, ref string?[]? overflow)
    {
        var handle = PoolFor(slot).Text(text);
        packed.Texts[(int)slot] = TaskValuePool.Compact(handle);
        if (handle == TaskValuePool.Overflow)
        {
            overflow ??= new string?[JournalTexts.Count];
            overflow[(int)slot] = text;
        }
    }

    /// <summary>An id: as a number when it is a UUID in its usual spelling (the pipeline's ids are), else as a text.</summary>
    private void PutId(ref PackedJournalEntry packed, JournalText slot, string? id, ref Guid number, ref string?[]? overflow)
    {
        if (Http.Uuid.TryParseExact(id, out number))
        {
            packed.Texts[(int)slot] = TaskValuePool.Compact(AsNumber);
        }
        else
        {
            Put(ref packed, slot, id, ref overflow);
        }
    }

    private string? Text(in PackedJournalEntry packed, JournalText slot, string?[]? overflow)
    {
        var handle = Handle(packed, slot);
        return handle == TaskValuePool.Overflow ? overflow![(int)slot] : PoolFor(slot).TextAt(handle);
    }

    private TaskValuePool PoolFor(JournalText slot) =>
        slot is JournalText.PathHead or JournalText.PathTail or JournalText.RequestId or JournalText.TaskId ? _links : _names;

    private string? Id(in PackedJournalEntry packed, JournalText slot, Guid number, string?[]? overflow) =>
        Handle(packed, slot) == AsNumber ? number.ToString() : Text(packed, slot, overflow);
}
