namespace DashScope.Emulator.Tasks;

/// <summary>
/// When each dictionary of a set grows, so that a set filled evenly (by task ids) does not grow all at once.
/// </summary>
/// <remarks>
/// The store's shards and a large ticket map's parts fill up together. Left to themselves, they all double within
/// the same second: at a few million tasks, over a gigabyte allocated and every task rehashed at once. Here each
/// member has its own moment in a doubling, from its index in the set:
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
internal static class StaggeredGrowth
{
    // The first room of each series: the runtime's dictionary doubles to the next prime of its own table, and these
    // start the four series that table falls into (3, 7, 17, 37, ...; 23, 47, 107, ...; 29, 59, 131, ...; 71, 163, ...).
    // Were the table to change, the members would still grow correctly, only less evenly spread.
    private static readonly int[] s_firstRoom = [3, 23, 29, 71];

    // One step between the series, as a share of room: 1 - 1/1.2.
    private const double StepBetweenSeries = 1 - (1 / 1.2);

    /// <summary>
    /// Grows <paramref name="dictionary"/>, member <paramref name="member"/> of <paramref name="memberCount"/>, when one
    /// more entry would pass its moment to grow; true when it grew.
    /// </summary>
    public static bool MakeRoomForOne<TKey, TValue>(Dictionary<TKey, TValue> dictionary, int member, int memberCount)
        where TKey : notnull
    {
        var room = dictionary.EnsureCapacity(0);
        if (room < FirstRoom(member))
        {
            dictionary.EnsureCapacity(FirstRoom(member));
            return true;
        }

        if (dictionary.Count + 1 <= room * FillBeforeGrowth(member, memberCount))
        {
            return false;
        }

        dictionary.EnsureCapacity((int)Math.Min(2L * room, Array.MaxLength));
        return true;
    }

    /// <summary>The room member <paramref name="member"/> starts with: the first size of its series.</summary>
    public static int FirstRoom(int member)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(member);
        return s_firstRoom[member % s_firstRoom.Length];
    }

    /// <summary>The share of its room member <paramref name="member"/> fills before it grows: from 1/1.2 to 1.</summary>
    internal static double FillBeforeGrowth(int member, int memberCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(member);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(member, memberCount);
        var membersPerSeries = (memberCount + s_firstRoom.Length - 1) / s_firstRoom.Length;
        var place = member / s_firstRoom.Length;
        return 1 - (StepBetweenSeries * place / membersPerSeries);
    }
}
