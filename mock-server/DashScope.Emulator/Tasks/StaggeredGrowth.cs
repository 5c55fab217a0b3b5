namespace DashScope.Emulator.Tasks;

/// <summary>
/// When one dictionary of a set grows, so that a set filled evenly (by task ids) does not grow all at once.
/// </summary>
/// <remarks>
/// The store's shards and a large ticket map's parts fill up together. Left to themselves, they all double within
/// the same second: at a few million tasks, over a gigabyte allocated and every task rehashed at once. Here each
/// member has its own moment in a doubling, from its index in the set, worked out once when its growth is made:
/// <list type="bullet">
/// <item>it starts on one of the four series of sizes the runtime's dictionaries grow through (each size about 1.2
/// times the one of the series before it), a quarter of the set on each;</item>
/// <item>it grows once a share of its room is full, that share spread from 5/6 to 1 over the members of a series, so
/// their growths fall evenly between one size and the next.</item>
/// </list>
/// A growth doubles the room, as the dictionary itself would, so a member stays on its series. The cost is room: on
/// average about a tenth more than the dictionary's own policy keeps. A member trimmed to a smaller size may land on
/// another series; the spread is then less even, never wrong.
/// </remarks>
internal sealed class StaggeredGrowth
{
    // The first room of each series: the runtime's dictionary doubles to the next prime of its own table, and these
    // start the four series that table falls into (3, 7, 17, 37, ...; 23, 47, 107, ...; 29, 59, 131, ...; 71, 163, ...).
    // Were the table to change, the members would still grow correctly, only less evenly spread.
    private static readonly int[] s_firstRoom = [3, 23, 29, 71];

    // One step between the series, as a share of room: 1 - 1/1.2.
    private const double StepBetweenSeries = 1 - (1 / 1.2);

    /// <summary>The growth of member <paramref name="member"/> of a set of <paramref name="memberCount"/> dictionaries.</summary>
    public StaggeredGrowth(int member, int memberCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(member);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(member, memberCount);
        var series = member % s_firstRoom.Length;
        var membersPerSeries = (memberCount + s_firstRoom.Length - 1) / s_firstRoom.Length;
        FirstRoom = s_firstRoom[series];
        FillBeforeGrowth = 1 - (StepBetweenSeries * (member / s_firstRoom.Length) / membersPerSeries);
    }

    /// <summary>The room the member starts with: the first size of its series.</summary>
    public int FirstRoom { get; }

    /// <summary>The share of its room the member fills before it grows: from 1/1.2 to 1.</summary>
    public double FillBeforeGrowth { get; }

    /// <summary>Grows <paramref name="dictionary"/> when one more entry would pass the member's moment to grow; true when it grew.</summary>
    public bool MakeRoomForOne<TKey, TValue>(Dictionary<TKey, TValue> dictionary)
        where TKey : notnull
    {
        var room = dictionary.EnsureCapacity(0);
        if (room < FirstRoom)
        {
            dictionary.EnsureCapacity(FirstRoom);
            return true;
        }

        if (dictionary.Count + 1 <= room * FillBeforeGrowth)
        {
            return false;
        }

        dictionary.EnsureCapacity((int)Math.Min(2L * room, Array.MaxLength));
        return true;
    }
}
