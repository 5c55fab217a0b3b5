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

    /// <summary>The request id when it is a UUID (<see cref="TaskText.RequestId"/> is then <see cref="TaskValuePool.None"/>).</summary>
    public Guid RequestId;

    public EmulatedTaskStatus Status;
    public bool IsHeld;
    public DateTimeOffset SubmitTime;
    public DateTimeOffset? ScheduledTime;
    public DateTimeOffset? EndTime;
    public double? VideoDurationSeconds;
    public TimeSpan RunningDuration;
    public TimeSpan QueueDelay;
    public TextHandles Texts;
    public int MediaSeconds;
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

    private int _first;
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
