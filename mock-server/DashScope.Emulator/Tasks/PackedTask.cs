using System.Runtime.CompilerServices;

namespace DashScope.Emulator.Tasks;

/// <summary>
/// How the board stores one task: plain values only, the ids as 128-bit numbers and every text as a handle into
/// the <see cref="TaskValuePool"/>. A dictionary of these holds no reference, so however many tasks are queued, the
/// garbage collector has nothing in it to mark, and a new task leaves no object behind to promote.
/// </summary>
internal struct PackedTask
{
    public Guid Id;

    /// <summary>The request id when it is a UUID (the <see cref="TaskText.RequestId"/> handle is then <see cref="TaskValuePool.None"/>).</summary>
    public Guid RequestId;

    public TimeSpan RunningDuration;
    public TimeSpan QueueDelay;

    // Times as UTC ticks (0 for none) with their offsets in minutes, and the duration with NaN for none: half the
    // bytes of the nullable structs.
    private long _submitTicks;
    private long _scheduledTicks;
    private long _endTicks;
    private double _videoDurationSeconds;
    private TextHandles _texts;
    private ushort _mediaSeconds;
    private short _submitOffset;
    private short _scheduledOffset;
    private short _endOffset;

    public EmulatedTaskStatus Status;
    public bool IsHeld;

    public DateTimeOffset SubmitTime
    {
        readonly get => Time(_submitTicks, _submitOffset);
        set => (_submitTicks, _submitOffset) = (value.UtcTicks, (short)value.TotalOffsetMinutes);
    }

    public DateTimeOffset? ScheduledTime
    {
        readonly get => _scheduledTicks == 0 ? null : Time(_scheduledTicks, _scheduledOffset);
        set => (_scheduledTicks, _scheduledOffset) = (value?.UtcTicks ?? 0, (short)(value?.TotalOffsetMinutes ?? 0));
    }

    public DateTimeOffset? EndTime
    {
        readonly get => _endTicks == 0 ? null : Time(_endTicks, _endOffset);
        set => (_endTicks, _endOffset) = (value?.UtcTicks ?? 0, (short)(value?.TotalOffsetMinutes ?? 0));
    }

    public double? VideoDurationSeconds
    {
        readonly get => double.IsNaN(_videoDurationSeconds) ? null : _videoDurationSeconds;
        set => _videoDurationSeconds = value ?? double.NaN;
    }

    /// <summary>The pool handle of the list of measured media seconds.</summary>
    public int MediaSeconds
    {
        readonly get => FromStored(_mediaSeconds);
        set => _mediaSeconds = ToStored(value);
    }

    /// <summary>The pool handle of one text.</summary>
    public readonly int Handle(TaskText slot) => FromStored(_texts[(int)slot]);

    public void SetHandle(TaskText slot, int handle) => _texts[(int)slot] = ToStored(handle);

    /// <summary>The instant at UTC ticks, shown at the offset it was given with (the clock's own).</summary>
    internal static DateTimeOffset Time(long utcTicks, short offsetMinutes)
    {
        var offset = TimeSpan.FromMinutes(offsetMinutes);
        return new DateTimeOffset(utcTicks + offset.Ticks, offset);
    }

    private static ushort ToStored(int handle) => TaskValuePool.Compact(handle);

    private static int FromStored(ushort stored) => TaskValuePool.Expand(stored);
}

/// <summary>The texts of a <see cref="PackedTask"/>, by their slot in <see cref="TextHandles"/>.</summary>
internal enum TaskText
{
    AccountId,
    ApiKeyId,
    Model,
    RequestId,
    ErrorCode,
    ErrorMessage,
    PlannedFailureCode,
    PlannedFailureMessage,
    ImageUrl,
    AudioUrl,
    Endpoint,
}

/// <summary>One pool handle per <see cref="TaskText"/>, inline in the struct.</summary>
[InlineArray(Count)]
internal struct TextHandles
{
    public const int Count = (int)TaskText.Endpoint + 1;

    private ushort _first;
}

/// <summary>The values of one task that did not fit a full <see cref="TaskValuePool"/>; not changed once stored.</summary>
internal sealed class TaskOverflow
{
    public string?[] Texts { get; private init; } = new string?[TextHandles.Count];

    public double?[]? MediaSeconds { get; set; }

    /// <summary>A copy with one text replaced.</summary>
    public TaskOverflow With(TaskText slot, string? text)
    {
        var copy = new TaskOverflow { Texts = (string?[])Texts.Clone(), MediaSeconds = MediaSeconds };
        copy.Texts[(int)slot] = text;
        return copy;
    }
}
